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
import dev.handshake.agreement.Owner;
import dev.handshake.slack.Mrkdwn;
import dev.handshake.stats.Figures;
import dev.handshake.stats.FollowUpWords;
import dev.handshake.stats.GoalProgress;
import dev.handshake.stats.GoalWords;
import dev.handshake.stats.Indicator;
import dev.handshake.stats.ReasonCount;
import dev.handshake.stats.StatsReport;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The review channel's messages: the periodic review reminder with the numbers, the off-cycle alert, and the action
 * items of a review that decided to change the agreement. Every figure comes from a {@link StatsReport}, in the words
 * the stats card uses.
 */
public final class ReviewMessage {

    static final int NOTES_LIMIT = 2000;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MMM d, yyyy", Locale.ENGLISH);

    private ReviewMessage() {}

    /** A rendered message: the notification fallback and the blocks. */
    public record Rendered(String text, List<LayoutBlock> blocks) {}

    /** Whether any of the report's indicators is judged below its minimum. */
    public static boolean anyBelow(List<Indicator> indicators) {
        return indicators.stream().anyMatch(i -> i.judgement() == Indicator.Judgement.BELOW);
    }

    /** "<@U…> (marketing) and <@U…> (sales)": the owners, mentioned when the agreement gives their Slack users. */
    static String owners(Agreement agreement) {
        return owner(agreement.owners().marketing()) + " (marketing) and " + owner(agreement.owners().sales())
                + " (sales)";
    }

    private static String owner(Owner owner) {
        return owner.slackUser() != null && owner.slackUser().matches("[UW][A-Z0-9]{2,30}")
                ? "<@" + owner.slackUser() + ">" : Mrkdwn.escapeAndTruncate(owner.name(), 150);
    }

    /**
     * The review reminder. {@code chart} says a chart of the numbers goes in the message's thread.
     */
    public static Rendered reminder(Agreement agreement, Review review, Review lastReviewed, StatsReport report,
            boolean followUp, boolean chart) {
        String title = followUp ? "Reminder: the SLA review is still open" : "Time to review the SLA";
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(header(h -> h.text(plainText(title))));
        ZoneId zone = agreement.calendar().zone();
        String last = lastReviewed == null ? "never"
                : DATE.format(lastReviewed.reviewedAt().atZone(zone)) + " (" + lastReviewed.period() + ")";
        blocks.add(context(c -> c.elements(List.of(markdownText(Mrkdwn.escapeAndTruncate(agreement.name()
                + " · version " + agreement.version() + " · last reviewed " + last, 3000))))));
        blocks.add(section(s -> s.text(markdownText("Owners " + owners(agreement) + ": please go through these numbers "
                + "with both teams, then mark the review done below."))));
        blocks.add(section(s -> s.text(markdownText(Mrkdwn.truncate(numbers(report), Mrkdwn.SECTION_LIMIT)))));
        List<Indicator> indicators = Indicator.of(report, agreement);
        blocks.add(section(s -> s.text(markdownText(Mrkdwn.truncate(signs(indicators), Mrkdwn.SECTION_LIMIT)))));
        blocks.add(section(s -> s.text(markdownText(Mrkdwn.truncate(goals(report), Mrkdwn.SECTION_LIMIT)))));
        blocks.add(section(s -> s.text(markdownText(Mrkdwn.truncate(reasons(report.rejectionReasons()),
                Mrkdwn.SECTION_LIMIT)))));
        if (chart) {
            blocks.add(context(c -> c.elements(List.of(markdownText(
                    ":bar_chart: The chart of " + Mrkdwn.escape(report.period().phrase())
                            + " (the funnel, and 13 weeks of acceptance and time to decide) is in this thread.")))));
        }
        blocks.add(divider());
        blocks.add(outcome(agreement, review, true));
        long below = indicators.stream().filter(i -> i.judgement() == Indicator.Judgement.BELOW).count();
        String text = title + " (" + agreement.version() + "): " + below + " warning sign" + (below == 1 ? "" : "s")
                + " in " + report.period().phrase();
        return new Rendered(Mrkdwn.escapeAndTruncate(text, 3000), blocks);
    }

    /**
     * The off-cycle recommendation: the indicators of the trailing window, each judged on its own denominator, and
     * the button to record the review it asks for ({@code review} is its row; once reviewed, who did and what they
     * decided).
     */
    public static Rendered alert(Agreement agreement, StatsReport trailing, Review review) {
        String title = "A review of the SLA is recommended";
        List<Indicator> indicators = Indicator.of(trailing, agreement);
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(header(h -> h.text(plainText(title))));
        blocks.add(section(s -> s.text(markdownText("The numbers of " + Mrkdwn.escape(trailing.period().phrase()) + " ("
                + Mrkdwn.escape(trailing.period().dates()) + ") fall below the agreement's thresholds. Owners "
                + owners(agreement) + ": step 6 of the agreement says this calls for a review, without waiting for "
                + "the next one.\n" + signs(indicators)))));
        blocks.add(section(s -> s.text(markdownText(Mrkdwn.truncate(numbers(trailing), Mrkdwn.SECTION_LIMIT)))));
        blocks.add(divider());
        blocks.add(outcome(agreement, review, false));
        String plain = title + ": " + String.join("; ", indicators.stream()
                .filter(i -> i.judgement() == Indicator.Judgement.BELOW).map(Indicator::line).toList());
        return new Rendered(Mrkdwn.escapeAndTruncate(plain, 3000), blocks);
    }

    /**
     * The action items of a review that decided to change the agreement, posted in its thread: the notes, and the
     * owners asked to open the change as the agreement file says (a pull request to sla.yml), with the button that
     * records it; once recorded, who opened it and when.
     */
    public static Rendered changeRequest(Agreement agreement, Review review) {
        ZoneId zone = agreement.calendar().zone();
        List<LayoutBlock> blocks = new ArrayList<>();
        String notes = review.notes() == null ? "_No notes were given._" : quote(review.notes());
        blocks.add(section(s -> s.text(markdownText("*Action items of the " + Mrkdwn.escape(review.period())
                + " review* — " + Mrkdwn.mention(review.reviewedBy()) + " recorded that the agreement should change:\n"
                + notes))));
        blocks.add(section(s -> s.text(markdownText(owners(agreement) + ", as the agreement's owners: please open "
                + "the change — a pull request to `sla.yml` with these edits and `version` bumped, checked with "
                + "`java -jar handshake.jar check sla.yml`, and approved by both of you. When the app starts with the "
                + "new file, it announces every change in this channel for both of you to acknowledge."))));
        if (review.changeOpenedBy() == null) {
            blocks.add(actions(a -> a.elements(List.of(button(b -> b.actionId(ReviewActions.CHANGE_OPENED)
                    .value(review.period()).style("primary").text(plainText("I opened the change")))))));
        } else {
            blocks.add(context(c -> c.elements(List.of(markdownText("✅ " + Mrkdwn.mention(review.changeOpenedBy())
                    + " opened the change on " + DATE.format(review.changeOpenedAt().atZone(zone)) + ".")))));
        }
        String text = "Action items of the " + review.period() + " review: open the change to sla.yml";
        return new Rendered(Mrkdwn.escapeAndTruncate(text, 3000), blocks);
    }

    /** Who reviewed it and what they decided; until then the buttons (and "remind me next week" when it can). */
    private static LayoutBlock outcome(Agreement agreement, Review review, boolean snooze) {
        if (review.reviewed()) {
            String outcome = "keep".equals(review.outcome()) ? "keep the agreement as is" : "change the agreement";
            String notes = review.notes() == null ? "" : "\n" + quote(review.notes());
            return section(s -> s.text(markdownText("✅ Reviewed by " + Mrkdwn.mention(review.reviewedBy()) + " on "
                    + DATE.format(review.reviewedAt().atZone(agreement.calendar().zone())) + " — decided to "
                    + outcome + "." + notes)));
        }
        List<com.slack.api.model.block.element.BlockElement> buttons = new ArrayList<>();
        buttons.add(button(b -> b.actionId(ReviewActions.DONE).value(review.period()).style("primary")
                .text(plainText("Mark as reviewed"))));
        if (snooze) {
            buttons.add(button(b -> b.actionId(ReviewActions.SNOOZE).value(review.period())
                    .text(plainText("Remind me next week"))));
        }
        return actions(a -> a.elements(buttons));
    }

    private static String quote(String notes) {
        return ">" + Mrkdwn.escapeAndTruncate(notes, NOTES_LIMIT).replace("\n", "\n>");
    }

    /** Each indicator with its value, threshold, counts and meaning, or "not enough data". */
    private static String signs(List<Indicator> indicators) {
        StringBuilder out = new StringBuilder("*Warning signs*\n");
        for (Indicator indicator : indicators) {
            String mark = switch (indicator.judgement()) {
                case BELOW -> "⚠️ ";
                case AT_OR_ABOVE -> "✅ ";
                case NOT_ENOUGH_DATA -> "• ";
            };
            out.append(mark).append(Mrkdwn.escape(indicator.line())).append('\n');
        }
        return out.toString().strip();
    }

    private static String numbers(StatsReport report) {
        var h = report.handoffs();
        var f = report.funnel();
        return "*" + Mrkdwn.escape(report.period().label()) + "* (" + Mrkdwn.escape(report.period().dates()) + ")\n"
                + "New leads " + Figures.count(f.entered()) + " · lead → MQL conversion " + f.conversion().shown()
                + " · MQLs " + Figures.count(f.mqls()) + "\n"
                + "Handoffs " + Figures.count(h.handoffs()) + " · accepted " + Figures.count(h.accepted())
                + " · rejected " + Figures.count(h.rejected()) + " · still undecided " + Figures.count(h.undecided())
                + " · acceptance " + h.acceptanceRate().shown() + "\n"
                + "Decided within the SLA " + h.decidedWithinSla().shown() + " · median time to decision "
                + Figures.duration(h.medianToDecision()) + " · 90th percentile "
                + Figures.duration(report.p90ToDecision()) + "\n"
                + "Missed the first deadline " + Figures.count(h.missed()) + " · reassignments "
                + Figures.count(report.reassignments()) + " · contacted " + Figures.count(f.contacted()) + "\n"
                + Mrkdwn.escape(FollowUpWords.line(report.followUps()));
    }

    private static String goals(StatsReport report) {
        StringBuilder out = new StringBuilder("*Goals*\n");
        if (report.goalsEnded() != null) {
            out.append(":warning: ").append(Mrkdwn.escape(report.goalsEnded())).append('\n');
        }
        if (report.goals().isEmpty()) {
            out.append("No goal of the agreement names a figure the app measures.");
        }
        for (GoalProgress goal : report.goals()) {
            out.append("• ").append(Mrkdwn.escape(GoalWords.line(goal))).append('\n');
        }
        return out.toString();
    }

    private static String reasons(List<ReasonCount> reasons) {
        if (reasons.isEmpty()) {
            return "*Top rejection reasons*\nNo rejections in this period.";
        }
        StringBuilder out = new StringBuilder("*Top rejection reasons*\n");
        reasons.stream().limit(3).forEach(r -> out.append("• ").append(Mrkdwn.escapeAndTruncate(
                        r.reason().isEmpty() ? "no reason given" : r.reason(), 300))
                .append(" — ").append(Figures.count(r.count())).append('\n'));
        return out.toString();
    }
}
