package dev.handshake.handoff;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static dev.handshake.slack.Mrkdwn.markdownText;

import com.slack.api.model.block.LayoutBlock;
import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.SlackTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The reply in the handoff's thread asking the agreement's escalation target to look again at a rejection, with
 * Uphold rejection (marketing is told; it can still recycle) and Reopen (back to sales with a fresh deadline).
 */
public final class ContestNotice {

    private ContestNotice() {}

    /** As {@link #render(Handoff, Agreement, String, Names)}, mentioning the marketer. */
    public static Rendered render(Handoff h, Agreement a, String contestedBy) {
        return render(h, a, contestedBy, Names.MENTIONS);
    }

    /** {@code contestedBy} is the Slack user id of the marketer who clicked Contest, shown by {@code names}. */
    public static Rendered render(Handoff h, Agreement a, String contestedBy, Names names) {
        Objects.requireNonNull(h, "h == null");
        Objects.requireNonNull(a, "a == null");
        Decision decision = h.decision();
        SlackTarget escalation = a.handoff().escalation();
        StringBuilder ask = new StringBuilder();
        if (escalation != null) {
            ask.append(SlackText.target(escalation)).append(' ');
        }
        ask.append(names.of(contestedBy)).append(" contests the rejection of ").append(HandoffText.leadName(h));
        if (decision != null && !SlackText.isBlank(decision.reason())) {
            ask.append(" (reason: ").append(SlackText.line(decision.reason(), HandoffText.REASON_LIMIT)).append(')');
        }
        ask.append(". Please take a second look: uphold the rejection, or reopen the lead for sales.");
        String text = ask.toString();

        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText(text))));
        String rejected = "Rejected by " + SlackText.user(decision == null ? null : decision.by())
                + (decision == null || SlackText.isBlank(decision.comment())
                        ? ""
                        : " — " + SlackText.line(decision.comment(), HandoffText.COMMENT_LIMIT));
        blocks.add(context(List.of(markdownText(rejected))));
        blocks.add(NextSteps.contest(h));
        return new Rendered(text, blocks);
    }
}
