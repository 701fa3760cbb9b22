package dev.handshake.handoff;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static dev.handshake.slack.Mrkdwn.markdownText;

import com.slack.api.model.block.LayoutBlock;
import dev.handshake.agreement.Agreement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The post in the handoff's thread when it goes to another rep: by the stage's routing after a missed deadline or a
 * rep's deactivation, or by hand. Everyone in it is named, not pinged: the new rep gets a direct message, the previous
 * one was pinged by the escalation in the same step.
 */
public final class ReassignNotice {

    private ReassignNotice() {}

    /** As {@link #thread(Handoff, Agreement, String, String, String, String, Names)} by routing, with mentions. */
    public static Rendered thread(Handoff h, Agreement a, String from, String to) {
        return thread(h, a, from, to, null, null, Names.MENTIONS);
    }

    /** As {@link #thread(Handoff, Agreement, String, String, String, String, Names)} by hand, without a note. */
    public static Rendered thread(Handoff h, Agreement a, String from, String to, String by, Names names) {
        return thread(h, a, from, to, by, null, names);
    }

    /**
     * "Reassigned to Ben after Ava missed the deadline. New deadline: Mar 4 at 3:00 PM.", or "Reassigned to Ben by
     * Lee. New deadline: …", or by routing "Reassigned to Ben. New deadline: …" with why in a context line ({@code note}: routing's reason, names unpinged, e.g. "Ava
     * Park was deactivated in Slack; next in rotation"). {@code from} is who held it (null when nobody did),
     * {@code to} the new rep (null: the lead now waits for the fallback), {@code by} who reassigned it by hand (null
     * for routing).
     */
    public static Rendered thread(Handoff h, Agreement a, String from, String to, String by, String note,
            Names names) {
        Objects.requireNonNull(h, "h == null");
        Objects.requireNonNull(a, "a == null");
        // By routing, the note says why (a missed deadline, a deactivated rep); otherwise the sentence does.
        String start = SlackText.isBlank(to) ? "Unassigned: it waits for anyone to take it."
                : "Reassigned to " + names.of(to)
                        + (by != null ? " by " + names.of(by) + "."
                                : !SlackText.isBlank(note) ? "."
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
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText(body))));
        if (!SlackText.isBlank(note)) {
            blocks.add(context(List.of(markdownText("Routing: " + SlackText.line(note, AssigneeNotice.NOTE_LIMIT)))));
        }
        return new Rendered(text, blocks);
    }
}
