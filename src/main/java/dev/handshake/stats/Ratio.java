package dev.handshake.stats;

import java.util.OptionalDouble;

/** A share such as accepted / decided; it has no value when nothing was counted, rather than NaN or a crash. */
public record Ratio(long part, long whole) {

    public OptionalDouble value() {
        return whole == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) part / whole);
    }
}
