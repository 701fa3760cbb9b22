package dev.handshake.handoff;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static dev.handshake.slack.Mrkdwn.markdownText;

import dev.handshake.agreement.Agreement;
import java.util.List;
import java.util.Objects;

/** The post in the handoff's thread when the SLA clock hands it to the next rep. */
public final class ReassignNotice {

    private ReassignNotice() {}

    /**
     * "Reassigned to @next after @previous missed the deadline. New deadline: Mar 4 at 3:00 PM."
     * {@code from} is the Slack user id of the rep who held it, or null when nobody did; {@code to} the new rep.
     */
    public static Rendered thread(Handoff h, Agreement a, String from, String to) {
        return thread(h, a, from, to, null);
    }

    /**
     * "Reassigned to @next. New deadline: Mar 4 at 3:00 PM." with why in a context line ({@code note}: routing's
     * reason, names unpinged, e.g. "Ava Park was deactivated in Slack; next in rotation"); without a note, as
     * {@link #thread(Handoff, Agreement, String, String)}. {@code to} null: the lead now waits for anyone.
     */
    public static Rendered thread(Handoff h, Agreement a, String from, String to, String note) {
        if (SlackText.isBlank(note)) {
            return withoutNote(h, a, from, to);
        }
        String start = SlackText.isBlank(to) ? "Unassigned: it waits for anyone to take it." : "Reassigned to "
                + SlackText.user(to) + ".";
        String mrkdwn = start;
        String text = start;
        if (h.dueAt() != null) {
            mrkdwn += " New deadline: " + SlackText.dateTime(h.dueAt(), a.calendar().zone()) + ".";
            text += " New deadline: " + SlackText.plainDateTime(h.dueAt(), a.calendar().zone()) + ".";
        }
        String body = mrkdwn;
        String why = "Routing: " + SlackText.line(note, AssigneeNotice.NOTE_LIMIT);
        return new Rendered(text, List.of(section(s -> s.text(markdownText(body))),
                context(List.of(markdownText(why)))));
    }

    private static Rendered withoutNote(Handoff h, Agreement a, String from, String to) {
        Objects.requireNonNull(h, "h == null");
        Objects.requireNonNull(a, "a == null");
        String start = "Reassigned to " + SlackText.user(to)
                + (SlackText.isBlank(from)
                        ? " because nobody decided by the deadline."
                        : " after " + SlackText.user(from) + " missed the deadline.");
        String mrkdwn = start;
        String text = start;
        if (h.dueAt() != null) {
            mrkdwn += " New deadline: " + SlackText.dateTime(h.dueAt(), a.calendar().zone()) + ".";
            text += " New deadline: " + SlackText.plainDateTime(h.dueAt(), a.calendar().zone()) + ".";
        }
        String body = mrkdwn;
        return new Rendered(text, List.of(section(s -> s.text(markdownText(body)))));
    }
}
