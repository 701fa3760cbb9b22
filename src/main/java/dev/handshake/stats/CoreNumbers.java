package dev.handshake.stats;

import java.time.Duration;
import java.util.Optional;

/**
 * The handoff numbers of a period or of one group within it (a persona, a source, a rep). {@code decidedWithinSla}
 * counts decisions made no later than the deadline of the round they were made in; the median is business time
 * from receipt to decision, empty when nothing was decided.
 */
public record CoreNumbers(long handoffs, long accepted, long rejected, long decidedWithinSla,
        Optional<Duration> medianToDecision) {

    public long decided() {
        return accepted + rejected;
    }

    /** Accepted out of decided. */
    public Ratio acceptanceRate() {
        return new Ratio(accepted, decided());
    }

    /** Decided within the SLA out of decided. */
    public Ratio withinSla() {
        return new Ratio(decidedWithinSla, decided());
    }
}
