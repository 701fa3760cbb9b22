package dev.handshake.handoff;

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
