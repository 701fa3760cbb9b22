package dev.handshake.stats;

import java.time.Duration;
import java.util.Optional;

/**
 * The handoff numbers of a period or of one group within it (a persona, a source, a rep), over the handoffs received
 * in the period. {@code deadlinePassed} counts those whose first deadline has passed, {@code withinSla} those of them
 * decided no later than it; the median is business time from receipt to decision, empty when nothing was decided.
 */
public record CoreNumbers(long handoffs, long accepted, long rejected, long deadlinePassed, long withinSla,
        Optional<Duration> medianToDecision) {

    public CoreNumbers {
        if (accepted + rejected > handoffs || withinSla > deadlinePassed || deadlinePassed > handoffs
                || Math.min(Math.min(accepted, rejected), withinSla) < 0) {
            throw new IllegalArgumentException("counts that do not add up: " + handoffs + " handoffs, " + accepted
                    + " accepted, " + rejected + " rejected, " + withinSla + " of " + deadlinePassed + " in time");
        }
    }

    public static CoreNumbers none() {
        return new CoreNumbers(0, 0, 0, 0, 0, Optional.empty());
    }

    public long decided() {
        return accepted + rejected;
    }

    /** Received in the period and neither accepted nor rejected yet. */
    public long undecided() {
        return handoffs - decided();
    }

    /** Accepted out of decided. */
    public Ratio acceptanceRate() {
        return new Ratio(accepted, decided());
    }

    /** Decided no later than the first deadline, out of those whose first deadline has passed. */
    public Ratio decidedWithinSla() {
        return new Ratio(withinSla, deadlinePassed);
    }

    /** First deadline passed and not decided by it: decided late, or not at all. */
    public long missed() {
        return deadlinePassed - withinSla;
    }
}
