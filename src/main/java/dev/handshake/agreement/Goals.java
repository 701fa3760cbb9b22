package dev.handshake.agreement;

import java.math.BigDecimal;
import java.util.List;

/**
 * The shared revenue goal broken into team and individual targets, and the KPIs that report on it (step 3), all
 * set for one {@code period}: a month, a quarter or a year.
 */
public record Goals(
        GoalPeriod period, BigDecimal revenueTarget, String currency,
        List<TeamGoal> teams, List<IndividualGoal> individuals, List<Kpi> kpis) {

    public Goals {
        teams = List.copyOf(teams);
        individuals = List.copyOf(individuals);
        kpis = List.copyOf(kpis);
    }

    /** The period a target is measured over: its own, or the goals'. */
    public GoalPeriod.Length per(Target target) {
        return target.per() == null ? period.length() : target.per();
    }

    /** The period a KPI is measured over: its own, or the goals'. */
    public GoalPeriod.Length per(Kpi kpi) {
        return kpi.per() == null ? period.length() : kpi.per();
    }
}
