package dev.handshake.handoff;

import static com.slack.api.model.block.Blocks.section;
import static dev.handshake.slack.Mrkdwn.markdownText;

import dev.handshake.agreement.Agreement;
import java.util.List;
import java.util.Objects;

/**
 * The direct message telling the assigned rep, once, that someone else decided their lead (who_decides: anyone) or
 * the escalation target took it: nothing is left for them to do, and they know why.
 */
public final class TakenOverNotice {

    private TakenOverNotice() {}

    /** "Lee took *Dana Whitfield* (Northwind Logistics), which was assigned to you. Open the lead in #sales." */
    public static Rendered render(Handoff h, Agreement a, String channelId, String permalink) {
        Objects.requireNonNull(h, "h == null");
        Objects.requireNonNull(a, "a == null");
        Decision decision = h.decision();
        String by = SlackText.user(decision == null ? null : decision.by());
        boolean taken = h.lastMove() != null && h.lastMove().step() == Step.TAKE;
        String verb = taken ? " took " : decision != null && decision.outcome() == HandoffStatus.REJECTED
                ? " rejected " : " accepted ";
        String mrkdwn = by + verb + HandoffText.boldLeadSummary(h) + ", which was assigned to you; nothing is left "
                + "for you to do on it." + NextSteps.where(permalink, channelId, a.handoff().salesChannel());
        String text = by + verb + HandoffText.leadSummary(h) + ", which was assigned to you.";
        return new Rendered(text, List.of(section(s -> s.text(markdownText(mrkdwn)))));
    }
}
