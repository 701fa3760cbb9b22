package dev.handshake.handoff;

import static com.slack.api.model.block.Blocks.section;
import static dev.handshake.slack.Mrkdwn.markdownText;

import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.StageHandoff;
import java.util.List;
import java.util.Objects;

/**
 * The post in the handoff's thread telling the agreement's escalation target that nobody decided in time, with
 * Reassign… and Take it; when no reassignment is left, it says the lead is unclaimed and back with marketing.
 */
public final class EscalationNotice {

    private EscalationNotice() {}

    /** As {@link #render(Handoff, Agreement, String, List)} with Reassign… offering nobody from a pool. */
    public static Rendered render(Handoff h, Agreement a, String missedBy) {
        return render(h, a, missedBy, List.of());
    }

    /**
     * "@sales-managers Overdue: nobody accepted or rejected *Dana Whitfield* within the 4-hour SLA (it was with
     * @rep)." {@code missedBy} is the Slack user id of whoever held the handoff, or null when nobody did; {@code pool}
     * the reps Reassign… offers.
     */
    public static Rendered render(Handoff h, Agreement a, String missedBy, List<Picker.Candidate> pool) {
        Objects.requireNonNull(h, "h == null");
        Objects.requireNonNull(a, "a == null");
        String within = a.handoffFor(h.stage()).map(StageHandoff::responseTime)
                .map(window -> "within " + BusinessDurations.sla(window)).orElse("by the deadline");
        String with = SlackText.isBlank(missedBy)
                ? "(nobody was assigned)"
                : "(it was with " + SlackText.user(missedBy) + ")";
        String rest = " " + within + " " + with + ".";
        if (h.state() == HandoffState.UNCLAIMED) {
            rest += " No reassignment is left, so it is unclaimed and back with marketing in "
                    + SlackText.channel(a.handoff().marketingChannel()) + ". Reassign it or take it.";
        } else {
            rest += " Reassign it or take it.";
        }
        String addressed = HandoffText.escalationTarget(a).map(target -> target + " ").orElse("");
        String head = h.state() == HandoffState.UNCLAIMED ? "Unclaimed" : "Overdue";
        String mrkdwn = addressed + head + ": nobody accepted or rejected *" + HandoffText.leadName(h) + "*" + rest;
        String text = addressed + head + ": nobody accepted or rejected " + HandoffText.leadName(h) + rest;
        return new Rendered(text, List.of(section(s -> s.text(markdownText(mrkdwn))), NextSteps.escalate(h, pool)));
    }
}
