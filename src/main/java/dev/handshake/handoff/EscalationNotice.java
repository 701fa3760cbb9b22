package dev.handshake.handoff;

import static com.slack.api.model.block.Blocks.section;
import static dev.handshake.slack.Mrkdwn.markdownText;

import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.StageHandoff;
import java.util.List;
import java.util.Objects;

/** The post in the handoff's thread telling the agreement's escalation target that nobody decided in time. */
public final class EscalationNotice {

    private EscalationNotice() {}

    /**
     * "@sales-managers Overdue: nobody accepted or rejected *Dana Whitfield* within the 4-hour SLA (it was with
     * @rep)." {@code missedBy} is the Slack user id of whoever held the handoff, or null when nobody did.
     */
    public static Rendered render(Handoff h, Agreement a, String missedBy) {
        Objects.requireNonNull(h, "h == null");
        Objects.requireNonNull(a, "a == null");
        String within = a.handoffFor(h.stage()).map(StageHandoff::responseTime)
                .map(window -> "within " + BusinessDurations.sla(window)).orElse("by the deadline");
        String with = SlackText.isBlank(missedBy)
                ? "(nobody was assigned)"
                : "(it was with " + SlackText.user(missedBy) + ")";
        String rest = " " + within + " " + with + ".";
        String addressed = HandoffText.escalationTarget(a).map(target -> target + " ").orElse("");
        String mrkdwn = addressed + "Overdue: nobody accepted or rejected *" + HandoffText.leadName(h) + "*" + rest;
        String text = addressed + "Overdue: nobody accepted or rejected " + HandoffText.leadName(h) + rest;
        return new Rendered(text, List.of(section(s -> s.text(markdownText(mrkdwn)))));
    }
}
