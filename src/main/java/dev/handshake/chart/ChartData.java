package dev.handshake.chart;

import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.Kpi;
import dev.handshake.agreement.Metric;
import dev.handshake.stats.Stats;
import dev.handshake.stats.StatsReport;
import dev.handshake.stats.Weekly;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * What one picture shows: the period's funnel (new leads → MQLs → accepted → contacted, as counted by the stats),
 * and week by week the acceptance rate and the median time to decide, against the agreement's targets (any of which
 * may be null when the agreement sets none).
 *
 * @param acceptanceTarget the MQL acceptance KPI's target, a fraction
 * @param acceptanceMinimum the review threshold below which acceptance calls for a review, a fraction
 * @param decisionTarget    the median-time-to-decision KPI's target, in business hours
 */
public record ChartData(String title, String periodLabel, List<Bar> funnel, Weekly weekly,
        BigDecimal acceptanceTarget, BigDecimal acceptanceMinimum, BigDecimal decisionTarget) {

    /** One bar of the funnel. */
    public record Bar(String label, long value) {}

    public ChartData {
        Objects.requireNonNull(title, "title == null");
        funnel = List.copyOf(funnel);
        Objects.requireNonNull(weekly, "weekly == null");
    }

    /** The chart of a report, with the weeks up to its end and the agreement's targets. */
    public static ChartData of(StatsReport report, Weekly weekly, Agreement agreement) {
        return of(new Stats.ChartNumbers(report.period(), report.funnel(), report.handoffs().accepted()), weekly,
                agreement);
    }

    /** The chart of a period's numbers, with the weeks up to its end and the agreement's targets. */
    public static ChartData of(Stats.ChartNumbers numbers, Weekly weekly, Agreement agreement) {
        List<Bar> bars = List.of(
                new Bar("New leads", numbers.funnel().entered()),
                new Bar("MQLs", numbers.funnel().mqls()),
                new Bar("Accepted", numbers.accepted()),
                new Bar("Contacted", numbers.funnel().contacted()));
        return new ChartData(agreement.name() + " · " + numbers.period().label(), numbers.period().dates(), bars, weekly,
                target(agreement, Metric.ACCEPTANCE_RATE), agreement.review().minMqlAcceptanceRate(),
                target(agreement, Metric.MEDIAN_TIME_TO_DECISION_HOURS));
    }

    private static BigDecimal target(Agreement agreement, Metric metric) {
        if (agreement.goals() == null) {
            return null;
        }
        return agreement.goals().kpis().stream()
                .filter(k -> k.metric() == metric && k.threshold() != null)
                .map(Kpi::threshold).map(t -> t.value()).findFirst().orElse(null);
    }
}
