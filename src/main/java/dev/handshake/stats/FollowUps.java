package dev.handshake.stats;

import java.time.Duration;
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
}
