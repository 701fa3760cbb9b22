package dev.handshake.ask;

import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.Goals;
import dev.handshake.agreement.GoalsStatus;
import dev.handshake.agreement.IndividualGoal;
import dev.handshake.agreement.Kpi;
import dev.handshake.agreement.Target;
import dev.handshake.agreement.TeamGoal;
import dev.handshake.slack.Mrkdwn;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /sla goals}: the shared revenue target, team and individual targets, and the KPIs, for the goals' period;
 * goals whose period has ended say so first.
 */
final class GoalsCard {

    private GoalsCard() {}

    static Answer render(Agreement agreement, LocalDate today, boolean share) {
        Goals goals = agreement.goals();
        if (goals == null) {
            Card card = new Card().header("Goals").about("", agreement).text("The agreement sets no goals yet.");
            return new Answer("The agreement sets no goals yet.", card.blocks(), share);
        }
        String period = goals.period() == null ? "" : goals.period().label();
        String revenue = Mrkdwn.escape(Amounts.money(goals.revenueTarget(), goals.currency()));
        Card card = new Card()
                .header(period.isEmpty() ? "Goals" : "Goals · " + period)
                .about("One revenue goal, shared by both teams", agreement);
        String ended = today == null ? null : GoalsStatus.ended(goals, today).orElse(null);
        if (ended != null) {
            card.text(":warning: " + Mrkdwn.escape(ended) + ". Until then the figures below are compared with "
                    + "these targets as they stand.");
        }
        card.text("*Revenue target:* " + revenue
                        + (period.isEmpty() ? "" : " for " + Mrkdwn.escape(goals.period().inWords())))
                .divider()
                .list("*Team targets*", teamLines(goals))
                .list("*Individual targets*", individualLines(goals))
                .divider()
                .list("*KPIs*", kpiLines(goals));
        if (!goals.kpis().isEmpty()) {
            card.context("Ask `/sla &lt;kpi&gt;` for how a KPI is measured.");
        }
        String text = "Goals" + (period.isEmpty() ? "" : " for " + period) + ": revenue target "
                + Amounts.money(goals.revenueTarget(), goals.currency());
        return new Answer(Snippets.fallback(text), card.blocks(), share);
    }

    private static List<String> teamLines(Goals goals) {
        List<String> lines = new ArrayList<>();
        for (TeamGoal team : goals.teams()) {
            lines.add("*" + (team.team() == null ? "Both teams" : team.team().label()) + "*");
            lines.addAll(targetLines(goals, team.targets()));
        }
        return lines;
    }

    private static List<String> individualLines(Goals goals) {
        List<String> lines = new ArrayList<>();
        for (IndividualGoal individual : goals.individuals()) {
            lines.add(Snippets.bold(individual.role()));
            lines.addAll(targetLines(goals, individual.targets()));
        }
        return lines;
    }

    /** A target measured over a shorter period than the goals' says so: "… per month". */
    private static List<String> targetLines(Goals goals, List<Target> targets) {
        return targets.stream().map(t -> "    • " + Mrkdwn.escape(Amounts.target(t)) + per(goals, goals.per(t)))
                .toList();
    }

    private static String per(Goals goals, dev.handshake.agreement.GoalPeriod.Length per) {
        return goals.period() == null || per == goals.period().length() ? "" : " per " + per.word();
    }

    private static List<String> kpiLines(Goals goals) {
        return goals.kpis().stream().map(k -> kpiLine(k) + per(goals, goals.per(k))).toList();
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
