package dev.handshake.stats;

import dev.handshake.agreement.Metric;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The agreement's numbers for a period. Handoffs belong to the period they were received in; leads and MQLs are
 * distinct leads that entered the funnel's entry stage or the MQL stage in the period.
 */
public record StatsReport(
        Period period,
        long leads,
        long mqls,
        CoreNumbers handoffs,
        Optional<Duration> p90ToDecision,
        long overdue,
        long reassignments,
        List<ReasonCount> rejectionReasons,
        Breakdown byPersona,
        Breakdown bySource,
        Breakdown byRep,
        List<GoalProgress> goals) {

    public StatsReport {
        rejectionReasons = List.copyOf(rejectionReasons);
        goals = List.copyOf(goals);
    }

    /** MQLs out of leads. */
    public Ratio leadToMql() {
        return new Ratio(mqls, leads);
    }

    /** The value of a metric for this period; rates as fractions, times in business hours. */
    public OptionalDouble value(Metric metric) {
        return switch (metric) {
            case LEADS -> OptionalDouble.of(leads);
            case MQLS -> OptionalDouble.of(mqls);
            case HANDOFFS -> OptionalDouble.of(handoffs.handoffs());
            case ACCEPTED -> OptionalDouble.of(handoffs.accepted());
            case REJECTED -> OptionalDouble.of(handoffs.rejected());
            case ACCEPTANCE_RATE -> handoffs.acceptanceRate().value();
            case LEAD_TO_MQL_CONVERSION -> leadToMql().value();
            case DECIDED_WITHIN_SLA -> handoffs.withinSla().value();
            case MEDIAN_TIME_TO_DECISION_HOURS -> handoffs.medianToDecision()
                    .map(d -> OptionalDouble.of(d.toMillis() / 3_600_000.0)).orElse(OptionalDouble.empty());
        };
    }
}
