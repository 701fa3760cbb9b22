package dev.handshake.handoff;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.section;
import static dev.handshake.slack.Mrkdwn.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.StageHandoff;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** Reminders and the escalation for the first-contact commitment that follows an accept. */
public final class ContactNotices {

    private ContactNotices() {}

    /**
     * In the handoff's thread, to the rep who accepted: "@rep Reminder: first contact with *Dana Whitfield*
     * (Northwind Logistics) is due in 2 h of business time; press *Mark contacted* once you have reached out."
     */
    public static Rendered reminder(Handoff h, Agreement a, Duration businessTimeLeft) {
        return reminder(h, a, businessTimeLeft, Names.MENTIONS);
    }

    /** As {@link #reminder(Handoff, Agreement, Duration)}, naming the rep by {@code names} (they get the DM). */
    public static Rendered reminder(Handoff h, Agreement a, Duration businessTimeLeft, Names names) {
        Objects.requireNonNull(h, "h == null");
        Objects.requireNonNull(a, "a == null");
        String left = BusinessDurations.format(Objects.requireNonNull(businessTimeLeft, "businessTimeLeft == null"));
        String who = names.of(acceptedBy(h)) + " ";
        String mrkdwn = who + "Reminder: first contact with " + HandoffText.boldLeadSummary(h) + " is due in " + left
                + " of business time; press *Mark contacted* once you have reached out.";
        String text = who + "Reminder: first contact with " + HandoffText.leadSummary(h) + " is due in " + left
                + " of business time; press Mark contacted once you have reached out.";
        return new Rendered(text, List.of(section(s -> s.text(markdownText(mrkdwn)))));
    }

    /**
     * The direct message to the rep who accepted, with the deadline and where the message is. {@code channelId}
     * is where the handoff was posted: a channel id, or a {@code #name} shown as text.
     */
    public static Rendered direct(Handoff h, Agreement a, Duration businessTimeLeft, String channelId) {
        Objects.requireNonNull(h, "h == null");
        Objects.requireNonNull(a, "a == null");
        String left = BusinessDurations.format(Objects.requireNonNull(businessTimeLeft, "businessTimeLeft == null"));
        String mrkdwn = "Reminder: first contact with " + HandoffText.boldLeadSummary(h) + " is due in " + left
                + " of business time";
        String text = "Reminder: first contact with " + HandoffText.leadSummary(h) + " is due in " + left
                + " of business time";
        if (h.sla().contactDueAt() != null) {
            mrkdwn += " (" + SlackText.dateTime(h.sla().contactDueAt(), a.calendar().zone()) + ")";
            text += " (" + SlackText.plainDateTime(h.sla().contactDueAt(), a.calendar().zone()) + ")";
        }
        String where = " on the lead in " + SlackText.channel(channelId) + " once you have reached out.";
        String body = mrkdwn + "; press *Mark contacted* here or" + where;
        String value = HandoffActions.value(h);
        return new Rendered(text + "; press Mark contacted" + where, List.of(section(s -> s.text(markdownText(body))),
                actions(List.of(button(b -> b.actionId(HandoffActions.CONTACTED).text(plainText("Mark contacted"))
                        .value(value).style("primary"))))));
    }

    /**
     * In the handoff's thread, to the escalation target: "@sales-managers First contact with *Dana Whitfield* is
     * overdue: accepted by @rep Mar 4 at 10:12 AM, no contact recorded within 8 business hours."
     */
    public static Rendered escalation(Handoff h, Agreement a) {
        Objects.requireNonNull(h, "h == null");
        Objects.requireNonNull(a, "a == null");
        String addressed = HandoffText.escalationTarget(a).map(target -> target + " ").orElse("");
        String within = a.handoffFor(h.stage()).map(StageHandoff::firstContact)
                .map(window -> "within " + BusinessDurations.window(window)).orElse("in time");
        String by = "accepted by " + SlackText.user(acceptedBy(h));
        String mrkdwn = addressed + "First contact with *" + HandoffText.leadName(h) + "* is overdue: " + by;
        String text = addressed + "First contact with " + HandoffText.leadName(h) + " is overdue: " + by;
        if (h.decision() != null && h.decision().at() != null) {
            mrkdwn += " " + SlackText.dateTime(h.decision().at(), a.calendar().zone());
            text += " " + SlackText.plainDateTime(h.decision().at(), a.calendar().zone());
        }
        String end = ", no contact recorded " + within + ".";
        String body = mrkdwn + end;
        return new Rendered(text + end, List.of(section(s -> s.text(markdownText(body)))));
    }

    private static String acceptedBy(Handoff h) {
        return h.decision() == null ? null : h.decision().by();
    }
}
