package dev.handshake.agreement;

/**
 * A key performance indicator both teams report on, with how it is measured and its target as the agreement words
 * it; {@code threshold} is that target as the app judges it (null when the KPI names no {@code metric}), and
 * {@code per} the period it is measured over (null: the goals' own period).
 */
public record Kpi(String id, String name, String definition, String target, Metric metric, GoalPeriod.Length per,
        Threshold threshold) {

    public Kpi(String id, String name, String definition, String target, Metric metric) {
        this(id, name, definition, target, metric, null, null);
    }
}
