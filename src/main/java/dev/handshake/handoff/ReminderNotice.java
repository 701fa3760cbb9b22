package dev.handshake.handoff;

import static com.slack.api.model.block.Blocks.section;
import static dev.handshake.slack.Mrkdwn.markdownText;

import dev.handshake.agreement.Agreement;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The reminder before a handoff's deadline: in the handoff's thread, and by direct message to the assignee with
 * Accept and Reject. The assignee is pinged once, by the direct message: the thread names them.
 */
public final class ReminderNotice {

    private ReminderNotice() {}

    /** As {@link #thread(Handoff, Agreement, Duration, Names)}, mentioning the assignee. */
    public static Rendered thread(Handoff h, Agreement a, Duration businessTimeLeft) {
        return thread(h, a, businessTimeLeft, Names.MENTIONS);
    }

    /**
     * "Reminder: *Dana Whitfield* (Northwind Logistics) is due in 1 h of business time — Ava Reyes was reminded
     * directly.", or, when nobody is assigned, "Reminder: nobody has accepted or rejected … yet; it is due in …".
     */
    public static Rendered thread(Handoff h, Agreement a, Duration businessTimeLeft, Names names) {
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
            String who = names.of(h.assignee());
            mrkdwn = "Reminder: " + HandoffText.boldLeadSummary(h) + " is due in " + left
                    + " of business time — " + who + " was reminded directly.";
            text = "Reminder: " + HandoffText.leadSummary(h) + " is due in " + left
                    + " of business time — " + who + " was reminded directly.";
        }
        return new Rendered(text, List.of(section(s -> s.text(markdownText(mrkdwn)))));
    }

    /** As {@link #direct(Handoff, Agreement, Duration, String, String)} without a link to the message. */
    public static Rendered direct(Handoff h, Agreement a, Duration businessTimeLeft, String channelId) {
        return direct(h, a, businessTimeLeft, channelId, null);
    }

    /**
     * The direct message to the assignee: "Reminder: *Dana Whitfield* (Northwind Logistics) is due in 1 h of
     * business time (Mar 4 at 1:00 PM). Open the lead in #sales." with Accept and Reject. {@code channelId} is where
     * the handoff was posted: a channel id, or a {@code #name} shown as text; {@code permalink} the message's link.
     */
    public static Rendered direct(Handoff h, Agreement a, Duration businessTimeLeft, String channelId,
            String permalink) {
        Objects.requireNonNull(h, "h == null");
        Objects.requireNonNull(a, "a == null");
        String left = BusinessDurations.format(Objects.requireNonNull(businessTimeLeft, "businessTimeLeft == null"));
        String mrkdwn = "Reminder: " + HandoffText.boldLeadSummary(h) + " is due in " + left + " of business time";
        String text = "Reminder: " + HandoffText.leadSummary(h) + " is due in " + left + " of business time";
        if (h.dueAt() != null) {
            mrkdwn += " (" + SlackText.dateTime(h.dueAt(), a.calendar().zone()) + ")";
            text += " (" + SlackText.plainDateTime(h.dueAt(), a.calendar().zone()) + ")";
        }
        String body = mrkdwn + "." + NextSteps.where(permalink, channelId, a.handoff().salesChannel());
        return new Rendered(text + " — accept or reject it in " + SlackText.channel(channelId) + ".",
                List.of(section(s -> s.text(markdownText(body))), NextSteps.decide(h)));
    }
}
