package dev.handshake.stats;

import dev.handshake.agreement.GoalPeriod;
import dev.handshake.agreement.Metric;
import java.math.BigDecimal;
import java.util.OptionalDouble;

/**
 * A goal of the agreement that the app measures, held against a period. A figure is compared with its target only
 * over the period the target is for: {@link Comparison#FINAL} once that period is over, {@link Comparison#SO_FAR}
 * while it runs (counts then read as pace: the share of the target reached against the share of the period gone);
 * otherwise {@link Comparison#NOT_COMPARED}, with the reason. Rates and the target are fractions; times are hours.
 *
 * @param counts  the part and whole behind a rate (null for counts and times)
 * @param period  the period compared (null when not compared)
 * @param elapsed the share of {@code period} gone, from 0 to 1 ({@link Comparison#SO_FAR} only)
 * @param reason  why the figure is not compared, plain text ({@link Comparison#NOT_COMPARED} only)
 */
public record GoalProgress(String name, Metric metric, GoalPeriod.Length per, BigDecimal target, boolean atMost,
        String unit, Comparison comparison, OptionalDouble value, Ratio counts, GoalPeriod period, double elapsed,
        String reason) {

    /** How a figure stands against its target. */
    public enum Comparison { FINAL, SO_FAR, NOT_COMPARED }

    /** Whether the figure meets the target (false when there is no figure). */
    public boolean met() {
        if (value.isEmpty()) {
            return false;
        }
        double v = value.getAsDouble();
        double t = target.doubleValue();
        return atMost ? v <= t + 1e-9 : v >= t - 1e-9;
    }

    /** For a count still running: whether the share of the target reached keeps up with the share of time gone. */
    public boolean onPace() {
        if (met()) {
            return true;
        }
        return value.isPresent() && target.signum() > 0 && !atMost
                && value.getAsDouble() / target.doubleValue() >= elapsed - 1e-9;
    }
}
