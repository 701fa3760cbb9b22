package dev.handshake.stats;

import dev.handshake.agreement.Metric;
import java.math.BigDecimal;
import java.util.OptionalDouble;

/**
 * A goal of the agreement measured by the app: a team target with a metric ({@code target} set) or a KPI
 * ({@code targetText} as the agreement words it). Rates are fractions; {@code value} is empty when it cannot be
 * computed for the period (nothing counted).
 */
public record GoalProgress(String name, Metric metric, BigDecimal target, String targetText, String unit,
        OptionalDouble value) {}
