package dev.handshake.agreement;

import java.math.BigDecimal;

/**
 * A numeric target such as "600 MQLs per quarter". {@code metric} names the figure the app can measure for it
 * ({@link Metric}), or is null when the target is tracked outside the app; {@code per} is the period it applies to
 * (null: the goals' own period); {@code percent} says the value was written as a percentage ("25%" is 0.25).
 */
public record Target(String name, BigDecimal value, String unit, Metric metric, GoalPeriod.Length per,
        boolean percent) {

    /** A target for the goals' own period, its value written as a plain number. */
    public Target(String name, BigDecimal value, String unit, Metric metric) {
        this(name, value, unit, metric, null, false);
    }
}
