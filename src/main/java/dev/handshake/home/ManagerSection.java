package dev.handshake.home;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.Blocks.section;
import static dev.handshake.slack.Mrkdwn.markdownText;

import com.slack.api.model.block.LayoutBlock;
import dev.handshake.agreement.Agreement;
import dev.handshake.handoff.Handoff;
import dev.handshake.handoff.HandoffState;
import dev.handshake.handoff.HandoffStore;
import dev.handshake.handoff.Picker;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A manager's part of the Home (the escalation target): the team's queue, unclaimed and overdue leads first, each
 * with Reassign… and Take it, and who is away.
 */
final class ManagerSection {

    private ManagerSection() {}

    static void add(List<LayoutBlock> blocks, Agreement agreement, HomeView.Manager manager) {
        HandoffStore.Queue counts = manager.counts();
        blocks.add(section(s -> s.text(markdownText("*The team's queue*\n" + counts.pending()
                + (counts.pending() == 1 ? " lead waits" : " leads wait") + " for sales (" + counts.overdue()
                + " overdue) · " + counts.unclaimed() + " unclaimed"))));
        for (Handoff handoff : manager.queue().stream().limit(HomeView.MAX_QUEUE).toList()) {
            String where = handoff.state() == HandoffState.UNCLAIMED
                    ? "⚠️ *Unclaimed* — back with marketing"
                    : handoff.sla().overdueAt() != null
                    ? "⏰ *Overdue* — it was due " + HomeView.when(handoff.dueAt(), agreement)
                    : "Due " + HomeView.when(handoff.dueAt(), agreement);
            String with = handoff.assignee() == null ? " · unassigned" : " · with <@" + handoff.assignee() + ">";
            String line = HomeView.lead(handoff, agreement) + "\n" + where + with;
            blocks.add(section(s -> s.text(markdownText(line))));
            blocks.add(actions(a -> a.elements(List.of(Picker.element(handoff, manager.pool()),
                    Picker.take(handoff)))));
        }
        int queued = counts.pending() + counts.unclaimed();
        HomeView.more(blocks, Math.min(manager.queue().size(), HomeView.MAX_QUEUE), queued, false, " in "
                + HomeView.channel(agreement.handoff().salesChannel()));
        blocks.add(context(c -> c.elements(List.of(markdownText(away(manager.away()))))));
        blocks.add(divider());
    }

    private static String away(Map<String, LocalDate> away) {
        if (away.isEmpty()) {
            return "Nobody is away today.";
        }
        String people = away.entrySet().stream().limit(20)
                .map(entry -> "<@" + entry.getKey() + "> (until " + HomeView.day(entry.getValue()) + ")")
                .collect(Collectors.joining(", "));
        return "Away: " + people + (away.size() > 20 ? " and " + (away.size() - 20) + " more" : "") + ".";
    }
}
