package dev.handshake.stats;

import dev.handshake.clock.BusinessHours;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The clock of marketing's answer to a rejection, as docs/NUMBERS.md defines it, in business time: the answer time
 * is the business time from the rejection to the answer (the app stores it when marketing answers); a rejection's
 * limit has passed once at least the limit of business time lies between it and now; it was answered within the
 * limit when its answer time is no longer than the limit. The stats and the CSV export both judge by it.
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
     * The latest rejection time whose limit has passed by {@code now}: a rejection at or before it has at least the
     * limit of business time behind it. Empty when the agreement sets no limit.
     */
    public Optional<Instant> limitPassedUpTo(Instant now) {
        return limit == null ? Optional.empty() : Optional.of(hours.minus(now, limit));
    }

    /**
     * Whether marketing answered within the limit: empty while the limit has not passed (or when there is none), so
     * a rejection counts only once its outcome is known; false when it passed unanswered or the answer took longer.
     *
     * @param answerTime   the stored answer time, null while unanswered
     * @param passedUpTo   {@link #limitPassedUpTo(Instant)} for now
     */
    public Optional<Boolean> withinLimit(Instant rejectedAt, Duration answerTime, Optional<Instant> passedUpTo) {
        if (passedUpTo.isEmpty() || rejectedAt.isAfter(passedUpTo.get())) {
            return Optional.empty();
        }
        return Optional.of(answerTime != null && answerTime.compareTo(limit) <= 0);
    }
}
