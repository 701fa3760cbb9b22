package dev.handshake.agreement;

import java.math.BigDecimal;

/**
 * A numeric target such as "600 MQLs per quarter". {@code metric} names the figure the app can measure
 * for it ({@link Metric}), or is null when the target is tracked outside the app.
 */
public record Target(String name, BigDecimal value, String unit, Metric metric) {}
