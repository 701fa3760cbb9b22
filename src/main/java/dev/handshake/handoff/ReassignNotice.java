package dev.handshake.handoff;

import static com.slack.api.model.block.Blocks.section;
import static dev.handshake.slack.Mrkdwn.markdownText;

import dev.handshake.agreement.Agreement;
import java.util.List;
import java.util.Objects;

/**
 * The post in the handoff's thread when it goes to another rep: by round robin after a missed deadline, or by hand.
 * Everyone in it is named, not pinged: the new rep gets a direct message, the previous one was pinged by the
 * escalation in the same step.
 */
public final class ReassignNotice {

    private ReassignNotice() {}

    /** As {@link #thread(Handoff, Agreement, String, String, String, Names)} by round robin, with mentions. */
    public static Rendered thread(Handoff h, Agreement a, String from, String to) {
        return thread(h, a, from, to, null, Names.MENTIONS);
    }

    /**
     * "Reassigned to Ben after Ava missed the deadline. New deadline: Mar 4 at 3:00 PM.", or "Reassigned to Ben by
     * Lee. New deadline: …". {@code from} is who held it (null when nobody did), {@code to} the new rep, {@code by}
     * who reassigned it by hand (null for round robin).
     */
    public static Rendered thread(Handoff h, Agreement a, String from, String to, String by, Names names) {
        Objects.requireNonNull(h, "h == null");
        Objects.requireNonNull(a, "a == null");
        String start = "Reassigned to " + names.of(to)
                + (by != null ? " by " + names.of(by) + "."
                        : SlackText.isBlank(from)
                        ? " because nobody decided by the deadline."
                        : " after " + names.of(from) + " missed the deadline.");
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
