package dev.handshake.stats;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static dev.handshake.slack.Mrkdwn.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.TextObject;
import dev.handshake.ask.Answer;
import dev.handshake.slack.Mrkdwn;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
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

        Funnel funnel = report.funnel();
        CoreNumbers core = report.handoffs();
        blocks.add(section(s -> s.fields(List.of(
                field("New leads", Figures.count(funnel.entered())),
                field("Lead → MQL conversion", funnel.conversion().shown()),
                field("MQLs", Figures.count(funnel.mqls())),
                field("Handoffs", Figures.count(core.handoffs()) + " (" + Figures.count(core.undecided())
                        + " still undecided)")))));
        blocks.add(section(s -> s.fields(List.of(
                field("Accepted", Figures.count(core.accepted())),
                field("Rejected", Figures.count(core.rejected())),
                field("Acceptance rate", core.acceptanceRate().shown()),
                field("Decided within SLA", core.decidedWithinSla().shown()),
                field("Median time to decision", Figures.duration(core.medianToDecision())),
                field("90th percentile", Figures.duration(report.p90ToDecision()))))));
        String sla = "*Missed the first deadline:* " + Figures.count(core.missed())
                + "   *Reassignments:* " + Figures.count(report.reassignments())
                + "   *Contacted:* " + Figures.count(funnel.contacted());
        blocks.add(section(s -> s.text(markdownText(sla))));

        blocks.add(divider());
        addSections(blocks, "*Marketing's side*\n" + marketing(report));
        addSections(blocks, "*Rejection reasons*\n" + reasons(report.rejectionReasons()));
        addSections(blocks, "*By persona*\n" + breakdown(report.byPersona(), false, "not set"));
        addSections(blocks, "*By source*\n" + breakdown(report.bySource(), false, "not set"));
        addSections(blocks, "*By rep* (who decided)\n" + breakdown(report.byRep(), true, "unknown"));
        if (!report.goals().isEmpty() || report.goalsEnded() != null) {
            blocks.add(divider());
            addSections(blocks, "*Goals*\n" + goals(report));
        }
        String text = Mrkdwn.escape("SLA stats for " + report.period().phrase() + ": "
                + Figures.count(core.handoffs()) + " handoffs, " + Figures.count(core.accepted()) + " accepted, "
                + Figures.count(core.rejected()) + " rejected.");
        return new Answer(text, blocks, share);
    }

    /** Marketing's MQL volume against its targets this month and quarter, and its answers to rejections. */
    static String marketing(StatsReport report) {
        StringBuilder out = new StringBuilder();
        for (GoalProgress pace : report.marketingPace()) {
            out.append("• ").append(Mrkdwn.escape(GoalWords.line(pace))).append('\n');
        }
        out.append("• ").append(Mrkdwn.escape(FollowUpWords.line(report.followUps())));
        return out.toString();
    }

    /** The goals' ended notice, then each measured goal against this period. */
    static String goals(StatsReport report) {
        StringBuilder out = new StringBuilder();
        if (report.goalsEnded() != null) {
            out.append(":warning: ").append(Mrkdwn.escape(report.goalsEnded())).append('\n');
        }
        for (GoalProgress goal : report.goals()) {
            out.append("• ").append(Mrkdwn.escapeAndTruncate(goal.name(), LABEL_LIMIT)).append(": ")
                    .append(Mrkdwn.escape(GoalWords.progress(goal))).append('\n');
        }
        return out.toString().strip();
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
                    .append(" · acceptance ").append(n.acceptanceRate().shown())
                    .append(" · within SLA ").append(n.decidedWithinSla().shown())
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
}
