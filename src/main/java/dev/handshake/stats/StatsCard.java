package dev.handshake.stats;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static dev.handshake.slack.Mrkdwn.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.TextObject;
import dev.handshake.agreement.Metric;
import dev.handshake.ask.Answer;
import dev.handshake.slack.Mrkdwn;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/** Renders a {@link StatsReport} as a Block Kit card; every text from users or the agreement is escaped. */
public final class StatsCard {

    static final int HEADER_LIMIT = 150;
    static final int LABEL_LIMIT = 80;
    static final int REASON_LIMIT = 200;
    private static final Pattern USER_ID = Pattern.compile("[UW][A-Z0-9]{2,20}");

    private StatsCard() {}

    static Answer render(StatsReport report, ZoneId zone, boolean share) {
        List<LayoutBlock> blocks = new ArrayList<>();
        String title = Mrkdwn.truncate("SLA stats · " + report.period().label(), HEADER_LIMIT);
        blocks.add(header(h -> h.text(plainText(title))));
        String about = Mrkdwn.escape(report.period().dates() + " · handoffs count in the period they were received"
                + " · times are business hours (" + zone.getId() + ")");
        blocks.add(context(c -> c.elements(List.of(markdownText(about)))));

        CoreNumbers core = report.handoffs();
        List<TextObject> fields = List.of(
                field("Leads", Figures.count(report.leads())),
                field("MQLs", Figures.count(report.mqls())),
                field("Lead → MQL conversion", Figures.percent(report.leadToMql())),
                field("Handoffs", Figures.count(core.handoffs())),
                field("Accepted", Figures.count(core.accepted())),
                field("Rejected", Figures.count(core.rejected())),
                field("Acceptance rate", Figures.percent(core.acceptanceRate())),
                field("Decided within SLA", Figures.percent(core.withinSla())),
                field("Median time to decision", Figures.duration(core.medianToDecision())),
                field("90th percentile", Figures.duration(report.p90ToDecision())));
        blocks.add(section(s -> s.fields(fields)));
        String sla = "*Overdue handoffs:* " + Figures.count(report.overdue())
                + "   *Reassignments:* " + Figures.count(report.reassignments());
        blocks.add(section(s -> s.text(markdownText(sla))));

        blocks.add(divider());
        addSections(blocks, "*Rejection reasons*\n" + reasons(report.rejectionReasons()));
        addSections(blocks, "*By persona*\n" + breakdown(report.byPersona(), false, "not set"));
        addSections(blocks, "*By source*\n" + breakdown(report.bySource(), false, "not set"));
        addSections(blocks, "*By rep* (who decided)\n" + breakdown(report.byRep(), true, "unknown"));
        if (!report.goals().isEmpty()) {
            blocks.add(divider());
            addSections(blocks, "*Goals*\n" + goals(report.goals()));
        }
        String text = Mrkdwn.escape("SLA stats for " + report.period().label() + ": "
                + Figures.count(core.handoffs()) + " handoffs, " + Figures.count(core.accepted()) + " accepted, "
                + Figures.count(core.rejected()) + " rejected.");
        return new Answer(text, blocks, share);
    }

    private static TextObject field(String name, String value) {
        return markdownText("*" + name + "*\n" + Mrkdwn.escape(value));
    }

    private static void addSections(List<LayoutBlock> blocks, String mrkdwn) {
        for (String piece : Mrkdwn.split(mrkdwn, Mrkdwn.SECTION_LIMIT)) {
            blocks.add(section(s -> s.text(markdownText(piece))));
        }
    }

    private static String reasons(List<ReasonCount> reasons) {
        if (reasons.isEmpty()) {
            return "No rejections.";
        }
        StringBuilder out = new StringBuilder();
        int rank = 1;
        for (ReasonCount reason : reasons) {
            String name = reason.reason().isEmpty() ? "no reason given" : reason.reason();
            out.append(rank++).append(". ").append(Mrkdwn.escapeAndTruncate(name, REASON_LIMIT))
                    .append(" — ").append(Figures.count(reason.count())).append('\n');
        }
        return out.toString().strip();
    }

    private static String breakdown(Breakdown breakdown, boolean people, String missing) {
        if (breakdown.groups().isEmpty()) {
            return people ? "No decisions." : "No handoffs.";
        }
        StringBuilder out = new StringBuilder();
        for (Breakdown.Group group : breakdown.groups()) {
            CoreNumbers n = group.numbers();
            out.append("• ").append(label(group, people, missing)).append(": ")
                    .append(Figures.count(n.handoffs())).append(people ? " decided" : " handoffs")
                    .append(" · ").append(Figures.count(n.accepted())).append(" accepted")
                    .append(" · ").append(Figures.count(n.rejected())).append(" rejected")
                    .append(" · acceptance ").append(Figures.percent(n.acceptanceRate()))
                    .append(" · within SLA ").append(Figures.percent(n.withinSla()))
                    .append(" · median ").append(Figures.duration(n.medianToDecision()))
                    .append('\n');
        }
        if (breakdown.omitted() > 0) {
            out.append("…and ").append(Figures.count(breakdown.omitted())).append(" more");
        }
        return out.toString().strip();
    }

    private static String label(Breakdown.Group group, boolean people, String missing) {
        if (group.key().isEmpty()) {
            return "_" + missing + "_";
        }
        if (people && USER_ID.matcher(group.key()).matches()) {
            return "<@" + group.key() + ">";
        }
        return "*" + Mrkdwn.escapeAndTruncate(group.label().replace("*", ""), LABEL_LIMIT) + "*";
    }

    private static String goals(List<GoalProgress> goals) {
        StringBuilder out = new StringBuilder();
        for (GoalProgress goal : goals) {
            out.append("• ").append(Mrkdwn.escapeAndTruncate(goal.name(), LABEL_LIMIT)).append(": ")
                    .append(Mrkdwn.escape(progress(goal))).append('\n');
        }
        return out.toString().strip();
    }

    /** "123 of 600 MQLs (21%)", "22% (target 25%)", "1.5 business hours (target: 2 business hours or less)". */
    public static String progress(GoalProgress goal) {
        String value = value(goal.metric(), goal);
        if (goal.target() == null) {
            return value + " (target: " + Mrkdwn.truncate(goal.targetText(), LABEL_LIMIT) + ")";
        }
        if (isRate(goal.metric())) {
            return value + " (target " + Figures.percent(OptionalDouble.of(goal.target().doubleValue()))
                    + ")";
        }
        if (goal.metric() == Metric.MEDIAN_TIME_TO_DECISION_HOURS) {
            return value + " (target " + Figures.number(goal.target()) + " business hours)";
        }
        String unit = goal.unit() == null ? "" : " " + Mrkdwn.truncate(goal.unit(), LABEL_LIMIT);
        String share = goal.value().isPresent() && goal.target().signum() > 0
                ? " (" + Figures.percent(OptionalDouble.of(
                        goal.value().getAsDouble() / goal.target().doubleValue())) + ")"
                : "";
        return value + " of " + Figures.number(goal.target()) + unit + share;
    }

    private static String value(Metric metric, GoalProgress goal) {
        if (goal.value().isEmpty()) {
            return Figures.NONE;
        }
        double v = goal.value().getAsDouble();
        if (isRate(metric)) {
            return Figures.percent(goal.value());
        }
        if (metric == Metric.MEDIAN_TIME_TO_DECISION_HOURS) {
            return Figures.number(v) + " business hours";
        }
        return Figures.count(Math.round(v));
    }

    private static boolean isRate(Metric metric) {
        return metric == Metric.ACCEPTANCE_RATE || metric == Metric.LEAD_TO_MQL_CONVERSION
                || metric == Metric.DECIDED_WITHIN_SLA;
    }
}
