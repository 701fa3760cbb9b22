package dev.handshake.review;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static dev.handshake.slack.Mrkdwn.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.model.block.LayoutBlock;
import dev.handshake.agreement.Agreement;
import dev.handshake.slack.Mrkdwn;
import dev.handshake.stats.Figures;
import dev.handshake.stats.ReasonCount;
import dev.handshake.stats.StatsCard;
import dev.handshake.stats.StatsReport;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/** The review channel's messages: the periodic review reminder with the numbers, and the off-cycle alert. */
public final class ReviewMessage {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MMM d, yyyy", Locale.ENGLISH);

    private ReviewMessage() {}

    /** A rendered message: the notification fallback and the blocks. */
    public record Rendered(String text, List<LayoutBlock> blocks) {}

    /** The warning signs of step 6 found in a report: each with its value and its threshold. */
    public static List<String> warningSigns(StatsReport report, Agreement agreement) {
        List<String> signs = new ArrayList<>();
        sign(signs, "Lead→MQL conversion", report.leadToMql().value(), agreement.review().minLeadToMqlConversion());
        sign(signs, "MQL→SQL acceptance rate", report.handoffs().acceptanceRate().value(),
                agreement.review().minMqlAcceptanceRate());
        return signs;
    }

    public static Rendered reminder(Agreement agreement, Review review, Review lastReviewed, StatsReport report,
            boolean followUp) {
        String title = followUp ? "Reminder: the SLA review is still open" : "Time to review the SLA";
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(header(h -> h.text(plainText(title))));
        ZoneId zone = agreement.calendar().zone();
        String last = lastReviewed == null ? "never"
                : DATE.format(lastReviewed.reviewedAt().atZone(zone)) + " (" + lastReviewed.period() + ")";
        blocks.add(context(c -> c.elements(List.of(markdownText(Mrkdwn.escapeAndTruncate(agreement.name()
                + " · version " + agreement.version() + " · last reviewed " + last, 3000))))));
        blocks.add(section(s -> s.text(markdownText(numbers(report)))));
        List<String> signs = warningSigns(report, agreement);
        String signText = signs.isEmpty() ? "*Warning signs*\nNone: both indicators are at or above their thresholds."
                : "*Warning signs*\n" + String.join("\n", signs.stream().map(l -> "⚠️ " + l).toList());
        blocks.add(section(s -> s.text(markdownText(signText))));
        blocks.add(section(s -> s.text(markdownText(Mrkdwn.truncate(goals(report), Mrkdwn.SECTION_LIMIT)))));
        blocks.add(section(s -> s.text(markdownText(Mrkdwn.truncate(reasons(report.rejectionReasons()),
                Mrkdwn.SECTION_LIMIT)))));
        blocks.add(divider());
        if (review.reviewed()) {
            String outcome = "keep".equals(review.outcome()) ? "keep the agreement as is" : "change the agreement";
            String notes = review.notes() == null ? "" : "\n>" + Mrkdwn.escapeAndTruncate(review.notes(), 2000)
                    .replace("\n", "\n>");
            blocks.add(section(s -> s.text(markdownText("✅ Reviewed by " + Mrkdwn.mention(review.reviewedBy()) + " on "
                    + DATE.format(review.reviewedAt().atZone(zone)) + " — decided to " + outcome + "." + notes))));
        } else {
            blocks.add(actions(a -> a.elements(List.of(
                    button(b -> b.actionId(ReviewActions.DONE).value(review.period()).style("primary")
                            .text(plainText("Mark as reviewed"))),
                    button(b -> b.actionId(ReviewActions.SNOOZE).value(review.period())
                            .text(plainText("Remind me next week")))))));
        }
        String text = title + " (" + agreement.version() + "): " + signs.size() + " warning sign"
                + (signs.size() == 1 ? "" : "s") + " in " + report.period().label();
        return new Rendered(Mrkdwn.escapeAndTruncate(text, 3000), blocks);
    }

    public static Rendered alert(Agreement agreement, StatsReport trailing, List<String> signs) {
        String title = "A review of the SLA is recommended";
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(header(h -> h.text(plainText(title))));
        blocks.add(section(s -> s.text(markdownText("The numbers of " + Mrkdwn.escape(trailing.period().label())
                + " are below the agreement's thresholds:\n" + String.join("\n", signs.stream().map(l -> "⚠️ " + l)
                .toList())))));
        blocks.add(section(s -> s.text(markdownText(numbers(trailing)))));
        return new Rendered(title + ": " + String.join("; ", signs), blocks);
    }

    private static String numbers(StatsReport report) {
        var h = report.handoffs();
        return "*" + Mrkdwn.escape(report.period().label()) + "* (" + Mrkdwn.escape(report.period().dates()) + ")\n"
                + "Leads " + Figures.count(report.leads()) + " · MQLs " + Figures.count(report.mqls())
                + " · lead→MQL " + Figures.percent(report.leadToMql()) + "\n"
                + "Handoffs " + Figures.count(h.handoffs()) + " · accepted " + Figures.count(h.accepted())
                + " · rejected " + Figures.count(h.rejected()) + " · acceptance " + Figures.percent(h.acceptanceRate())
                + "\n"
                + "Decided within the SLA " + Figures.percent(h.withinSla()) + " · median time to decision "
                + Figures.duration(h.medianToDecision()) + " · 90th percentile "
                + Figures.duration(report.p90ToDecision()) + "\n"
                + "Overdue " + Figures.count(report.overdue()) + " · reassignments "
                + Figures.count(report.reassignments());
    }

    private static String goals(StatsReport report) {
        if (report.goals().isEmpty()) {
            return "*Goals*\nNo goal of the agreement names a figure the app measures.";
        }
        StringBuilder out = new StringBuilder("*Goals*\n");
        report.goals().forEach(goal -> out.append("• ").append(StatsCard.progress(goal)).append('\n'));
        return out.toString();
    }

    private static String reasons(List<ReasonCount> reasons) {
        if (reasons.isEmpty()) {
            return "*Top rejection reasons*\nNo rejections in this period.";
        }
        StringBuilder out = new StringBuilder("*Top rejection reasons*\n");
        reasons.stream().limit(3).forEach(r -> out.append("• ").append(Mrkdwn.escapeAndTruncate(r.reason(), 300))
                .append(" — ").append(Figures.count(r.count())).append('\n'));
        return out.toString();
    }

    private static void sign(List<String> signs, String what, OptionalDouble value, BigDecimal threshold) {
        if (threshold != null && value.isPresent() && value.getAsDouble() < threshold.doubleValue()) {
            signs.add(what + " is " + Figures.percent(value) + ", below the agreed minimum of "
                    + Figures.percent(OptionalDouble.of(threshold.doubleValue())));
        }
    }
}
