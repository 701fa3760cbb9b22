package dev.handshake.stats;

import dev.handshake.clock.BusinessHours;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The clock of marketing's answer to one rejection, as docs/NUMBERS.md defines it: business time from the rejection
 * to the answer, and whether it came within the agreement's limit. The stats and the CSV export both use it.
 */
public final class FollowUpClock {

    private final BusinessHours hours;
    private final Duration limit;

    /** {@code limit} is null when the agreement sets none. */
    public FollowUpClock(BusinessHours hours, Duration limit) {
        this.hours = Objects.requireNonNull(hours, "hours == null");
        this.limit = limit;
    }

    public Duration limit() {
        return limit;
    }

    /** Business time from the rejection to marketing's answer. */
    public Duration answerTime(Instant rejectedAt, Instant answeredAt) {
        return hours.between(rejectedAt, answeredAt);
    }

    /**
     * Whether marketing answered within the limit: empty while the limit has not passed (nor been missed) or when
     * the agreement sets none; false when it passed unanswered or the answer came later.
     */
    public Optional<Boolean> withinLimit(Instant rejectedAt, Instant answeredAt, Instant now) {
        if (limit == null) {
            return Optional.empty();
        }
        Instant due = hours.plus(rejectedAt, limit);
        if (due.isAfter(now)) {
            return Optional.empty();
        }
        return Optional.of(answeredAt != null && !answeredAt.isAfter(due));
    }
}
