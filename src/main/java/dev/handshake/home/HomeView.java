package dev.handshake.home;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static dev.handshake.slack.Mrkdwn.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.Stage;
import dev.handshake.handoff.Handoff;
import dev.handshake.handoff.HandoffActions;
import dev.handshake.slack.Mrkdwn;
import dev.handshake.stats.CoreNumbers;
import dev.handshake.stats.Figures;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Locale;
import java.util.List;

/** The App Home tab: the viewer's open handoffs with their deadlines and buttons, and the funnel at a glance. */
public final class HomeView {

    static final int MAX_HANDOFFS = 20;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, MMM d yyyy", Locale.ENGLISH);

    private HomeView() {}

    /** The numbers the Home tab shows: the viewer's and the team's this quarter, and the next review. */
    public record Numbers(String quarter, CoreNumbers mine, CoreNumbers team, LocalDate nextReview) {}

    public static View render(Agreement agreement, List<Handoff> open, Numbers numbers) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(header(h -> h.text(plainText(Mrkdwn.truncate("Handshake — " + agreement.name(), 150)))));
        blocks.add(context(c -> c.elements(List.of(markdownText(Mrkdwn.escapeAndTruncate(
                "Agreement version " + agreement.version() + ", effective " + agreement.effective()
                        + ". Ask anything with /sla help.", 3000))))));
        blocks.add(divider());
        blocks.add(section(s -> s.text(markdownText(open.isEmpty()
                ? "*Your open handoffs*\nNothing waiting for you. New leads appear here and in "
                        + channel(agreement.handoff().salesChannel()) + "."
                : "*Your open handoffs* (" + open.size() + (open.size() >= MAX_HANDOFFS ? "+" : "") + ")"))));
        for (Handoff handoff : open) {
            String who = handoff.lead().company() == null ? "" : " — " + handoff.lead().company();
            String line = "*" + Mrkdwn.escapeAndTruncate(handoff.lead().name() + who, 400) + "* ("
                    + Mrkdwn.escape(handoff.stage()) + ")\nDue <!date^" + handoff.dueAt().getEpochSecond()
                    + "^{date_short_pretty} at {time}|" + handoff.dueAt() + ">"
                    + (handoff.assignee() == null ? " · unassigned" : "");
            blocks.add(section(s -> s.text(markdownText(line))));
            String id = String.valueOf(handoff.id());
            blocks.add(actions(a -> a.elements(List.of(
                    button(b -> b.actionId(HandoffActions.ACCEPT).value(id).style("primary").text(plainText("Accept"))),
                    button(b -> b.actionId(HandoffActions.REJECT).value(id).style("danger").text(plainText("Reject")))))));
        }
        blocks.add(divider());
        blocks.add(section(s -> s.fields(List.of(
                markdownText("*Your numbers, " + numbers.quarter() + "*\n" + line(numbers.mine(), false)),
                markdownText("*The team, " + numbers.quarter() + "*\n" + line(numbers.team(), true))))));
        blocks.add(context(c -> c.elements(List.of(markdownText("Next SLA review: "
                + DATE.format(numbers.nextReview()) + ". Ask `/sla stats` for the full numbers.")))));
        blocks.add(divider());
        StringBuilder funnel = new StringBuilder("*The funnel*\n");
        for (Stage stage : agreement.stages()) {
            funnel.append("• *").append(Mrkdwn.escape(stage.name())).append("* — ")
                    .append(stage.owner().label());
            agreement.handoffFor(stage.id()).ifPresent(h -> funnel.append(", sales answers within ")
                    .append(hours(h.responseTime())).append(" business hours"));
            funnel.append('\n');
        }
        Mrkdwn.split(funnel.toString(), Mrkdwn.SECTION_LIMIT).stream().limit(10)
                .forEach(piece -> blocks.add(section(s -> s.text(markdownText(piece)))));
        return View.builder().type("home").blocks(blocks).build();
    }

    /** The same figures, in the same words, as {@code /sla stats}: each share with its counts. */
    private static String line(CoreNumbers numbers, boolean team) {
        return (team ? "Handoffs " + Figures.count(numbers.handoffs()) + " (" + Figures.count(numbers.undecided())
                + " still undecided)\n" : "") + "Decided " + Figures.count(numbers.decided()) + " · accepted " + Figures.count(numbers.accepted())
                + " · rejected " + Figures.count(numbers.rejected()) + "\nAcceptance rate "
                + numbers.acceptanceRate().shown() + "\nDecided within SLA " + numbers.decidedWithinSla().shown()
                + "\nMedian time to decision " + Figures.duration(numbers.medianToDecision());
    }

    private static String hours(java.time.Duration duration) {
        long minutes = duration.toMinutes();
        return minutes % 60 == 0 ? String.valueOf(minutes / 60) : String.format("%.1f", minutes / 60.0);
    }

    private static String channel(String channel) {
        return channel.startsWith("#") ? Mrkdwn.escape(channel) : "<#" + channel + ">";
    }
}
