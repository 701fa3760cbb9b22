package dev.handshake.handoff;

import static com.slack.api.model.block.Blocks.section;
import static dev.handshake.slack.Mrkdwn.markdownText;

import dev.handshake.agreement.Agreement;
import java.util.List;
import java.util.Objects;

/** The direct message telling the assigned rep a lead is waiting for them in the sales channel. */
public final class AssigneeNotice {

    private AssigneeNotice() {}

    /**
     * "You have a new lead to accept or reject in #sales: Dana Whitfield (Northwind Logistics), due …".
     * {@code channelId} is where the handoff was posted: a channel id, or a {@code #name} shown as text.
     */
    public static Rendered render(Handoff h, Agreement a, String channelId) {
        Objects.requireNonNull(h, "h == null");
        Objects.requireNonNull(a, "a == null");
        String start = "You have a new lead to accept or reject in " + SlackText.channel(channelId) + ": "
                + HandoffText.leadSummary(h);
        String mrkdwn = start;
        String text = start;
        if (h.dueAt() != null) {
            mrkdwn += ", due " + SlackText.dateTime(h.dueAt(), a.calendar().zone());
            text += ", due " + SlackText.plainDateTime(h.dueAt(), a.calendar().zone());
        }
        String body = mrkdwn + ".";
        return new Rendered(text + ".", List.of(section(s -> s.text(markdownText(body)))));
    }

    /**
     * "A lead was reassigned to you: Dana Whitfield (Northwind Logistics), due … — accept or reject it in #sales."
     * {@code channelId} is where the handoff was posted: a channel id, or a {@code #name} shown as text.
     */
    public static Rendered reassigned(Handoff h, Agreement a, String channelId) {
        Objects.requireNonNull(h, "h == null");
        Objects.requireNonNull(a, "a == null");
        String start = "A lead was reassigned to you: " + HandoffText.leadSummary(h);
        String mrkdwn = start;
        String text = start;
        if (h.dueAt() != null) {
            mrkdwn += ", due " + SlackText.dateTime(h.dueAt(), a.calendar().zone());
            text += ", due " + SlackText.plainDateTime(h.dueAt(), a.calendar().zone());
        }
        String where = " — accept or reject it in " + SlackText.channel(channelId) + ".";
        String body = mrkdwn + where;
        return new Rendered(text + where, List.of(section(s -> s.text(markdownText(body)))));
    }
}
