package dev.handshake.stats;

import dev.handshake.agreement.Metric;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The agreement's numbers for a period, as of {@code asOf}; every figure is defined in docs/NUMBERS.md. Handoffs
 * belong to the period they were received in. {@code marketingPace} is marketing's MQL volume against its targets
 * for the current month and quarter, whatever the period; {@code goalsEnded} says the goals' period has ended
 * (null while it lasts).
 */
public record StatsReport(
        Period period,
        Instant asOf,
        Funnel funnel,
        CoreNumbers handoffs,
        Optional<Duration> p90ToDecision,
        long reassignments,
        FollowUps followUps,
        List<ReasonCount> rejectionReasons,
        Breakdown byPersona,
        Breakdown bySource,
        Breakdown byRep,
        List<GoalProgress> goals,
        List<GoalProgress> marketingPace,
        String goalsEnded) {

    public StatsReport {
        rejectionReasons = List.copyOf(rejectionReasons);
        goals = List.copyOf(goals);
        marketingPace = List.copyOf(marketingPace);
    }

    /** The value of a metric for this period; rates as fractions, times in business hours. */
    public OptionalDouble value(Metric metric) {
        return switch (metric) {
            case LEADS -> OptionalDouble.of(funnel.entered());
            case MQLS -> OptionalDouble.of(funnel.mqls());
            case HANDOFFS -> OptionalDouble.of(handoffs.handoffs());
            case ACCEPTED -> OptionalDouble.of(handoffs.accepted());
            case REJECTED -> OptionalDouble.of(handoffs.rejected());
            case ACCEPTANCE_RATE, LEAD_TO_MQL_CONVERSION, DECIDED_WITHIN_SLA -> counts(metric).value();
            case MEDIAN_TIME_TO_DECISION_HOURS -> handoffs.medianToDecision()
                    .map(d -> OptionalDouble.of(d.toMillis() / 3_600_000.0)).orElse(OptionalDouble.empty());
        };
    }

    /** The part and whole of a rate metric; null for counts and times. */
    public Ratio counts(Metric metric) {
        return switch (metric) {
            case ACCEPTANCE_RATE -> handoffs.acceptanceRate();
            case LEAD_TO_MQL_CONVERSION -> funnel.conversion();
            case DECIDED_WITHIN_SLA -> handoffs.decidedWithinSla();
            default -> null;
        };
    }
}
