package dev.handshake.stats;

import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.GoalPeriod;
import dev.handshake.agreement.Goals;
import dev.handshake.agreement.Kpi;
import dev.handshake.agreement.Metric;
import dev.handshake.agreement.Target;
import dev.handshake.agreement.Team;
import dev.handshake.agreement.TeamGoal;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.function.ToLongFunction;

/**
 * Holds the agreement's measured goals (team targets and KPIs that name a metric) against a period's figures, only
 * over the period each target is for; and marketing's MQL volume against its targets for the current month and
 * quarter, as pace.
 */
final class GoalsMeasure {

    /** A goal the app can measure: a team target or a KPI with a metric and a target it can judge. */
    private record Measured(String name, Metric metric, GoalPeriod.Length per, BigDecimal target, boolean atMost,
            String unit, Team team) {}

    private final Agreement agreement;
    private final ZoneId zone;
    private final List<Measured> measured;

    GoalsMeasure(Agreement agreement) {
        this.agreement = agreement;
        this.zone = agreement.calendar().zone();
        this.measured = measured(agreement.goals());
    }

    /** Team targets that name a metric, then KPIs that name one (unless a team target already shows the same). */
    private static List<Measured> measured(Goals goals) {
        List<Measured> list = new ArrayList<>();
        if (goals == null) {
            return list;
        }
        for (TeamGoal team : goals.teams()) {
            for (Target target : team.targets()) {
                if (target.metric() != null) {
                    list.add(new Measured(target.name(), target.metric(), goals.per(target), target.value(),
                            target.metric() == Metric.MEDIAN_TIME_TO_DECISION_HOURS, target.unit(), team.team()));
                }
            }
        }
        for (Kpi kpi : goals.kpis()) {
            boolean alreadyShown = list.stream().anyMatch(g -> g.metric() == kpi.metric()
                    && g.name().toLowerCase(Locale.ROOT).equals(kpi.name().toLowerCase(Locale.ROOT)));
            if (kpi.metric() != null && kpi.threshold() != null && !alreadyShown) {
                list.add(new Measured(kpi.name(), kpi.metric(), goals.per(kpi), kpi.threshold().value(),
                        kpi.threshold().atMost(), null, null));
            }
        }
        return list;
    }

    /** Every measured goal against the report's figures: compared when the report covers the goal's period. */
    List<GoalProgress> evaluate(StatsReport report, LocalDate today, Instant now) {
        Goals goals = agreement.goals();
        List<GoalProgress> progress = new ArrayList<>();
        for (Measured goal : measured) {
            GoalPeriod whole = report.period().whole().filter(w -> w.length() == goal.per()).orElse(null);
            String reason = null;
            if (!goals.period().contains(report.period().from()) || !goals.period().contains(report.period().to())) {
                reason = "the goals are for " + goals.period().label();
            } else if (whole == null) {
                reason = "the target is per " + goal.per().word() + ", so only a whole " + goal.per().word()
                        + " is held against it (ask for this " + goal.per().word() + "'s stats)";
            } else if (whole.start().isAfter(today)) {
                reason = whole.label() + " has not begun";
            }
            if (reason != null) {
                progress.add(new GoalProgress(goal.name(), goal.metric(), goal.per(), goal.target(), goal.atMost(),
                        goal.unit(), GoalProgress.Comparison.NOT_COMPARED, OptionalDouble.empty(), null, null, 0,
                        reason));
                continue;
            }
            boolean running = !whole.endedBefore(today);
            progress.add(new GoalProgress(goal.name(), goal.metric(), goal.per(), goal.target(), goal.atMost(),
                    goal.unit(), running ? GoalProgress.Comparison.SO_FAR : GoalProgress.Comparison.FINAL,
                    report.value(goal.metric()), report.counts(goal.metric()), whole,
                    running ? elapsed(whole, now) : 1, null));
        }
        return progress;
    }

    /**
     * Marketing's MQL targets, each against the MQLs of the current month or quarter (whichever it is per), as pace;
     * none when the goals' period does not hold today.
     */
    List<GoalProgress> marketingPace(LocalDate today, Instant now, ToLongFunction<Period> mqls) {
        Goals goals = agreement.goals();
        List<GoalProgress> pace = new ArrayList<>();
        if (goals == null || !goals.period().contains(today)) {
            return pace;
        }
        for (Measured goal : measured) {
            if (goal.team() != Team.MARKETING || goal.metric() != Metric.MQLS) {
                continue;
            }
            GoalPeriod current = GoalPeriod.containing(goal.per(), today);
            long value = mqls.applyAsLong(Period.of(current));
            pace.add(new GoalProgress(goal.name(), goal.metric(), goal.per(), goal.target(), goal.atMost(),
                    goal.unit(), GoalProgress.Comparison.SO_FAR, OptionalDouble.of(value), null, current,
                    elapsed(current, now), null));
        }
        return pace;
    }

    /** The share of the period's time gone by {@code now}, from 0 to 1. */
    private double elapsed(GoalPeriod period, Instant now) {
        long start = period.start().atStartOfDay(zone).toInstant().toEpochMilli();
        long end = period.end().atStartOfDay(zone).toInstant().toEpochMilli();
        double share = (double) (now.toEpochMilli() - start) / (end - start);
        return Math.max(0, Math.min(1, share));
    }
}
