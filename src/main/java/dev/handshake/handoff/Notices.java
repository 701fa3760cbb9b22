package dev.handshake.handoff;

import static com.slack.api.model.block.Blocks.section;
import static dev.handshake.slack.Mrkdwn.markdownText;

import dev.handshake.agreement.Agreement;
import java.util.List;
import java.util.Objects;

/**
 * The notices that carry buttons (direct messages, the escalation and the contest in the thread, marketing's
 * reminders): while their buttons still apply, and what replaces them once the handoff has moved on.
 */
final class Notices {

    private Notices() {}

    /** Whether a notice of this kind, sent to {@code user}, still offers something that can be done. */
    static boolean live(DeliveryKind kind, Handoff h, String user) {
        return switch (kind) {
            case DM_ASSIGNEE, REMIND_DM, REASSIGN_DM, REOPEN_DM -> h.state() == HandoffState.PENDING
                    && (h.assignee() == null || h.assignee().equals(user));
            case ESCALATE -> h.state() == HandoffState.PENDING || h.state() == HandoffState.UNCLAIMED;
            case CONTEST -> h.state() == HandoffState.CONTESTED;
            case FOLLOWUP_REMIND, FOLLOWUP_ESCALATE -> h.state() == HandoffState.REJECTED
                    || h.state() == HandoffState.UPHELD;
            case UPHELD_MARKETING -> h.state() == HandoffState.UPHELD;
            case CONTACT_REMIND_DM -> h.state() == HandoffState.ACCEPTED;
            default -> false;
        };
    }

    /** The closed notice: the lead and what became of it, without buttons. */
    static Rendered closed(Handoff h, Agreement a, String user) {
        Objects.requireNonNull(h, "h == null");
        String outcome = outcome(h, user);
        String mrkdwn = HandoffText.boldLeadSummary(h) + ": " + outcome;
        String text = HandoffText.leadSummary(h) + ": " + outcome;
        return new Rendered(text, List.of(section(s -> s.text(markdownText(mrkdwn)))));
    }

    /** Where the handoff stands, in a few words: "✅ accepted by @rep". */
    static String outcome(Handoff h, String user) {
        Decision decision = h.decision();
        String decider = SlackText.user(decision == null ? null : decision.by());
        String mover = SlackText.user(h.lastMove() == null ? null : h.lastMove().by());
        String marketer = SlackText.user(h.marketingOutcome() == null ? null : h.marketingOutcome().by());
        return switch (h.state()) {
            case PENDING -> h.assignee() != null && !h.assignee().equals(user)
                    ? "↪️ now with " + SlackText.user(h.assignee()) : "waiting for a decision";
            case UNCLAIMED -> "⚠️ unclaimed: nobody in sales took it in time; it is back with marketing";
            case ACCEPTED -> (h.lastMove() != null && h.lastMove().step() == Step.TAKE ? "✅ taken by " : "✅ accepted by ")
                    + decider;
            case CONTACTED -> "📞 accepted by " + decider + " and contacted";
            case REJECTED -> "❌ rejected by " + decider;
            case CONTESTED -> "⚖️ rejected by " + decider + ", contested by " + marketer;
            case UPHELD -> "⚖️ rejection upheld by " + mover;
            case RECYCLED -> "♻️ recycled to nurture by " + marketer;
        };
    }
}
