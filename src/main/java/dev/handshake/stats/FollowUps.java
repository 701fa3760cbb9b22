package dev.handshake.stats;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * Marketing's answers to the rejections of the handoffs received in a period: how many were answered (recycled or
 * contested), the median business time from rejection to answer, and, when the agreement sets a limit
 * ({@code handoff.rejection_followup_hours}), how many of the rejections whose limit has passed were answered within
 * it. {@code limit} is null when the agreement sets none (then {@code limitPassed} and {@code answeredInTime} are 0).
 */
public record FollowUps(Duration limit, long rejections, long recycled, long contested, long limitPassed,
        long answeredInTime, Optional<Duration> medianToAnswer) {

    public FollowUps {
        if (recycled + contested > rejections || answeredInTime > limitPassed || limitPassed > rejections) {
            throw new IllegalArgumentException("follow-up counts that do not add up");
        }
    }

    public static FollowUps none(Duration limit) {
        return new FollowUps(limit, 0, 0, 0, 0, 0, Optional.empty());
    }

    public long answered() {
        return recycled + contested;
    }

    public long unanswered() {
        return rejections - answered();
    }

    /** Answered within the limit, out of the rejections whose limit has passed. */
    public Ratio withinLimit() {
        return new Ratio(answeredInTime, limitPassed);
    }

    /** Adds up rejections one by one, each timed by the same {@link FollowUpClock} the export uses. */
    static final class Tally {
        private final FollowUpClock clock;
        private final Instant now;
        private long rejections;
        private long recycled;
        private long contested;
        private long limitPassed;
        private long inTime;
        private long[] answerMillis = new long[16];
        private int answers;

        Tally(FollowUpClock clock, Instant now) {
            this.clock = clock;
            this.now = now;
        }

        /** One rejection: when it was rejected, when marketing answered (null: not yet) and how. */
        void add(long rejectedAt, Long answeredAt, String outcome) {
            rejections++;
            Instant rejected = Instant.ofEpochMilli(rejectedAt);
            Instant answered = answeredAt == null ? null : Instant.ofEpochMilli(answeredAt);
            if (answered != null) {
                if ("contested".equals(outcome)) {
                    contested++;
                } else {
                    recycled++;
                }
                if (answers == answerMillis.length) {
                    answerMillis = Arrays.copyOf(answerMillis, answers * 2);
                }
                answerMillis[answers++] = clock.answerTime(rejected, answered).toMillis();
            }
            Optional<Boolean> within = clock.withinLimit(rejected, answered, now);
            if (within.isPresent()) {
                limitPassed++;
                if (within.get()) {
                    inTime++;
                }
            }
        }

        FollowUps result() {
            Optional<Duration> median = Optional.empty();
            if (answers > 0) {
                Arrays.sort(answerMillis, 0, answers);
                median = Optional.of(Duration.ofMillis(
                        Math.round((answerMillis[(answers - 1) / 2] + answerMillis[answers / 2]) / 2.0)));
            }
            return new FollowUps(clock.limit(), rejections, recycled, contested, limitPassed, inTime, median);
        }
    }
}
