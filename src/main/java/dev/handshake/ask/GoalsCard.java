package dev.handshake.ask;

import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.Goals;
import dev.handshake.agreement.IndividualGoal;
import dev.handshake.agreement.Kpi;
import dev.handshake.agreement.Target;
import dev.handshake.agreement.TeamGoal;
import dev.handshake.slack.Mrkdwn;
import java.util.ArrayList;
import java.util.List;

/** {@code /sla goals}: the shared revenue target, team and individual targets, and the KPIs. */
final class GoalsCard {

    private GoalsCard() {}

    static Answer render(Agreement agreement, boolean share) {
        Goals goals = agreement.goals();
        if (goals == null) {
            Card card = new Card().header("Goals").about("", agreement).text("The agreement sets no goals yet.");
            return new Answer("The agreement sets no goals yet.", card.blocks(), share);
        }
        String period = goals.period() == null || goals.period().isBlank() ? "" : goals.period().strip();
        String revenue = Mrkdwn.escape(Amounts.money(goals.revenueTarget(), goals.currency()));
        Card card = new Card()
                .header(period.isEmpty() ? "Goals" : "Goals · " + period)
                .about("One revenue goal, shared by both teams", agreement)
                .text("*Revenue target:* " + revenue
                        + (period.isEmpty() ? "" : " for " + Mrkdwn.escapeAndTruncate(period, Snippets.NAME_LIMIT)))
                .divider()
                .list("*Team targets*", teamLines(goals.teams()))
                .list("*Individual targets*", individualLines(goals.individuals()))
                .divider()
                .list("*KPIs*", kpiLines(goals.kpis()));
        if (!goals.kpis().isEmpty()) {
            card.context("Ask `/sla &lt;kpi&gt;` for how a KPI is measured.");
        }
        String text = "Goals" + (period.isEmpty() ? "" : " for " + period) + ": revenue target "
                + Amounts.money(goals.revenueTarget(), goals.currency());
        return new Answer(Snippets.fallback(text), card.blocks(), share);
    }

    private static List<String> teamLines(List<TeamGoal> teams) {
        List<String> lines = new ArrayList<>();
        for (TeamGoal team : teams) {
            lines.add("*" + (team.team() == null ? "Both teams" : team.team().label()) + "*");
            lines.addAll(targetLines(team.targets()));
        }
        return lines;
    }

    private static List<String> individualLines(List<IndividualGoal> individuals) {
        List<String> lines = new ArrayList<>();
        for (IndividualGoal individual : individuals) {
            lines.add(Snippets.bold(individual.role()));
            lines.addAll(targetLines(individual.targets()));
        }
        return lines;
    }

    private static List<String> targetLines(List<Target> targets) {
        return targets.stream().map(t -> "    • " + Mrkdwn.escape(Amounts.target(t))).toList();
    }

    private static List<String> kpiLines(List<Kpi> kpis) {
        return kpis.stream().map(GoalsCard::kpiLine).toList();
    }

    private static String kpiLine(Kpi kpi) {
        StringBuilder line = new StringBuilder("• ").append(Snippets.bold(kpi.name()))
                .append(' ').append(Snippets.code(kpi.id()));
        if (kpi.definition() != null && !kpi.definition().isBlank()) {
            line.append(" — ").append(Mrkdwn.escape(kpi.definition().strip()));
        }
        if (kpi.target() != null && !kpi.target().isBlank()) {
            line.append(" _Target:_ ").append(Mrkdwn.escape(kpi.target().strip()));
        }
        return line.toString();
    }
}
