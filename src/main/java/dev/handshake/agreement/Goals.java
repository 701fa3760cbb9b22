package dev.handshake.agreement;

import java.math.BigDecimal;
import java.util.List;

/** The shared revenue goal broken into team and individual targets, and the KPIs that report on it (step 3). */
public record Goals(
        String period, BigDecimal revenueTarget, String currency,
        List<TeamGoal> teams, List<IndividualGoal> individuals, List<Kpi> kpis) {

    public Goals {
        teams = List.copyOf(teams);
        individuals = List.copyOf(individuals);
        kpis = List.copyOf(kpis);
    }
}
