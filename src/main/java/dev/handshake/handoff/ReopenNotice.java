package dev.handshake.handoff;

import static com.slack.api.model.block.Blocks.section;
import static dev.handshake.slack.Mrkdwn.markdownText;

import dev.handshake.agreement.Agreement;
import java.util.List;
import java.util.Objects;

/**
 * The reply in the handoff's thread when the escalation target reopens a contested rejection: who reopened it, who
 * decides now (named: they get a direct message) and the new deadline.
 */
public final class ReopenNotice {

    private ReopenNotice() {}

    /** "Lee reopened it after marketing's contest; Ava Reyes decides again by Mar 4 at 3:00 PM." */
    public static Rendered thread(Handoff h, Agreement a, String rep, Names names) {
        Objects.requireNonNull(h, "h == null");
        Objects.requireNonNull(a, "a == null");
        String by = names.of(h.lastMove() == null ? null : h.lastMove().by());
        String who = SlackText.isBlank(rep) ? "sales decides again" : names.of(rep) + " decides again";
        String start = by + " reopened it after marketing's contest; " + who;
        String mrkdwn = start + (h.dueAt() == null ? "." : " by " + SlackText.dateTime(h.dueAt(), a.calendar().zone())
                + ".");
        String text = start + (h.dueAt() == null ? "." : " by " + SlackText.plainDateTime(h.dueAt(),
                a.calendar().zone()) + ".");
        return new Rendered(text, List.of(section(s -> s.text(markdownText(mrkdwn)))));
    }
}
