package dev.handshake.handoff;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

import com.slack.api.model.block.LayoutBlock;
import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.SlackTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The notices routing owes: to the pool's fallback when nobody can take a lead, and the escalation target's warning. */
public final class RoutingNotice {

    private RoutingNotice() {}

    /**
     * "@sales-managers Nobody in the MQL pool can take *Dana Whitfield* (Northwind Logistics) now: …" with Accept
     * and Reject, for the fallback {@code target} (a user group is mentioned; a channel is where it is posted);
     * {@code note} says why in a context line, names unpinged. Without buttons once the lead is no longer pending.
     */
    public static Rendered fallback(Handoff h, Agreement a, SlackTarget target, String note) {
        Objects.requireNonNull(h, "h == null");
        Objects.requireNonNull(a, "a == null");
        String addressed = target != null && target.kind() == SlackTarget.Kind.USER_GROUP
                ? SlackText.target(target) + " " : "";
        String ask = h.status() == HandoffStatus.PENDING ? " Please accept or reject it." : "";
        String mrkdwn = addressed + "Nobody in the " + HandoffText.stageName(h, a) + " pool can take "
                + HandoffText.boldLeadSummary(h) + " now." + ask;
        String text = addressed + "Nobody in the " + HandoffText.stageName(h, a) + " pool can take "
                + HandoffText.leadSummary(h) + " now." + ask;
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText(mrkdwn))));
        if (!SlackText.isBlank(note)) {
            blocks.add(context(List.of(markdownText("Routing: " + SlackText.line(note, AssigneeNotice.NOTE_LIMIT)))));
        }
        if (h.status() == HandoffStatus.PENDING) {
            blocks.add(actions(HandoffMessage.decisionButtons(h)));
        }
        return new Rendered(text, blocks);
    }

    /** "@sales-managers This lead was sent to Ben Ortiz, who is away until Wed, Dec 9. It stays with them because …". */
    public static Rendered warning(Handoff h, Agreement a, String warning) {
        Objects.requireNonNull(h, "h == null");
        Objects.requireNonNull(a, "a == null");
        String addressed = HandoffText.escalationTarget(a).map(target -> target + " ").orElse("");
        String said = SlackText.line(warning, AssigneeNotice.NOTE_LIMIT);
        String mrkdwn = addressed + "⚠️ " + HandoffText.boldLeadSummary(h) + ": " + said;
        String text = addressed + HandoffText.leadSummary(h) + ": " + said;
        return new Rendered(text, List.of(section(s -> s.text(markdownText(mrkdwn)))));
    }
}
