package dev.handshake.home;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.Blocks.section;
import static dev.handshake.slack.Mrkdwn.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.model.block.LayoutBlock;
import dev.handshake.agreement.Agreement;
import dev.handshake.handoff.Handoff;
import dev.handshake.handoff.HandoffActions;
import java.util.List;

/** A rep's part of the Home: open handoffs with Accept and Reject, and accepted leads awaiting first contact. */
final class RepSection {

    private RepSection() {}

    static void add(List<LayoutBlock> blocks, Agreement agreement, java.time.Instant now, List<Handoff> open,
            List<Handoff> awaitingContact) {
        blocks.add(section(s -> s.text(markdownText(open.isEmpty()
                ? "*Your open handoffs*\nNothing waiting for you. New leads appear here and in "
                        + HomeView.channel(agreement.handoff().salesChannel()) + "."
                : "*Your open handoffs* (" + open.size() + (open.size() >= HomeView.MAX_HANDOFFS ? "+" : "") + ")"))));
        for (Handoff handoff : open.stream().limit(HomeView.MAX_OPEN).toList()) {
            String due = handoff.sla().overdueAt() != null || !handoff.dueAt().isAfter(now)
                    ? "⚠️ *Overdue* — it was due " + HomeView.when(handoff.dueAt(), agreement)
                    : "Due " + HomeView.when(handoff.dueAt(), agreement);
            String line = HomeView.lead(handoff, agreement) + "\n" + due
                    + (handoff.assignee() == null ? " · unassigned: anyone may take it" : "");
            blocks.add(section(s -> s.text(markdownText(line))));
            String id = HandoffActions.value(handoff);
            blocks.add(actions(a -> a.elements(List.of(
                    button(b -> b.actionId(HandoffActions.ACCEPT).value(id).style("primary").text(plainText("Accept"))),
                    button(b -> b.actionId(HandoffActions.REJECT).value(id).style("danger").text(plainText("Reject")))))));
        }
        HomeView.more(blocks, Math.min(open.size(), HomeView.MAX_OPEN), open.size(),
                open.size() >= HomeView.MAX_HANDOFFS, " in "
                + HomeView.channel(agreement.handoff().salesChannel()));
        if (!awaitingContact.isEmpty()) {
            blocks.add(section(s -> s.text(markdownText("*Accepted, waiting for your first contact* ("
                    + awaitingContact.size() + (awaitingContact.size() >= HomeView.MAX_HANDOFFS ? "+" : "") + ")"))));
            for (Handoff handoff : awaitingContact.stream().limit(HomeView.MAX_CONTACT).toList()) {
                String due = handoff.sla().contactOverdueAt() != null || !handoff.sla().contactDueAt().isAfter(now)
                        ? "⚠️ *First contact overdue* — it was due " + HomeView.when(handoff.sla().contactDueAt(),
                                agreement)
                        : "First contact due " + HomeView.when(handoff.sla().contactDueAt(), agreement);
                String line = HomeView.lead(handoff, agreement) + "\n" + due;
                blocks.add(section(s -> s.text(markdownText(line))));
                String id = HandoffActions.value(handoff);
                blocks.add(actions(a -> a.elements(List.of(button(b -> b.actionId(HandoffActions.CONTACTED).value(id)
                        .style("primary").text(plainText("Mark contacted")))))));
            }
            HomeView.more(blocks, Math.min(awaitingContact.size(), HomeView.MAX_CONTACT), awaitingContact.size(),
                    awaitingContact.size() >= HomeView.MAX_HANDOFFS, "");
        }
        blocks.add(divider());
    }
}
