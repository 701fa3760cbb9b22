package dev.handshake.handoff;

import static com.slack.api.model.block.Blocks.section;
import static dev.handshake.slack.Mrkdwn.markdownText;

import dev.handshake.agreement.Agreement;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** The reminder before a handoff's deadline: in the handoff's thread, and by direct message to the assignee. */
public final class ReminderNotice {

    private ReminderNotice() {}

    /**
     * "@rep Reminder: *Dana Whitfield* (Northwind Logistics) is due in 1 h of business time — accept or reject
     * it.", or, when nobody is assigned, "Reminder: nobody has accepted or rejected … yet; it is due in …".
     */
    public static Rendered thread(Handoff h, Agreement a, Duration businessTimeLeft) {
        Objects.requireNonNull(h, "h == null");
        Objects.requireNonNull(a, "a == null");
        String left = BusinessDurations.format(Objects.requireNonNull(businessTimeLeft, "businessTimeLeft == null"));
        String mrkdwn;
        String text;
        if (SlackText.isBlank(h.assignee())) {
            mrkdwn = "Reminder: nobody has accepted or rejected " + HandoffText.boldLeadSummary(h)
                    + " yet; it is due in " + left + " of business time.";
            text = "Reminder: nobody has accepted or rejected " + HandoffText.leadSummary(h)
                    + " yet; it is due in " + left + " of business time.";
        } else {
            String who = SlackText.user(h.assignee());
            mrkdwn = who + " Reminder: " + HandoffText.boldLeadSummary(h) + " is due in " + left
                    + " of business time — accept or reject it.";
            text = who + " Reminder: " + HandoffText.leadSummary(h) + " is due in " + left
                    + " of business time — accept or reject it.";
        }
        return new Rendered(text, List.of(section(s -> s.text(markdownText(mrkdwn)))));
    }

    /**
     * The direct message to the assignee: "Reminder: *Dana Whitfield* (Northwind Logistics) is due in 1 h of
     * business time (Mar 4 at 1:00 PM) — accept or reject it in #sales." {@code channelId} is where the handoff
     * was posted: a channel id, or a {@code #name} shown as text.
     */
    public static Rendered direct(Handoff h, Agreement a, Duration businessTimeLeft, String channelId) {
        Objects.requireNonNull(h, "h == null");
        Objects.requireNonNull(a, "a == null");
        String left = BusinessDurations.format(Objects.requireNonNull(businessTimeLeft, "businessTimeLeft == null"));
        String mrkdwn = "Reminder: " + HandoffText.boldLeadSummary(h) + " is due in " + left + " of business time";
        String text = "Reminder: " + HandoffText.leadSummary(h) + " is due in " + left + " of business time";
        if (h.dueAt() != null) {
            mrkdwn += " (" + SlackText.dateTime(h.dueAt(), a.calendar().zone()) + ")";
            text += " (" + SlackText.plainDateTime(h.dueAt(), a.calendar().zone()) + ")";
        }
        String where = " — accept or reject it in " + SlackText.channel(channelId) + ".";
        String body = mrkdwn + where;
        return new Rendered(text + where, List.of(section(s -> s.text(markdownText(body)))));
    }
}
