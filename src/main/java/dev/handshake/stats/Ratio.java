package dev.handshake.stats;

import java.util.OptionalDouble;

/** A share such as accepted / decided; it has no value when nothing was counted, rather than NaN or a crash. */
public record Ratio(long part, long whole) {

    public Ratio {
        if (part < 0 || part > whole) {
            throw new IllegalArgumentException("a share needs 0 <= part <= whole, was " + part + " of " + whole);
        }
    }

    public OptionalDouble value() {
        return whole == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) part / whole);
    }

    /** "38% (19 of 50)", or "— (0 of 0)" when nothing was counted. */
    public String shown() {
        return Figures.percent(this) + " (" + Figures.count(part) + " of " + Figures.count(whole) + ")";
    }
}
