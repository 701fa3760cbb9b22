package dev.handshake.handoff;

import static com.slack.api.model.block.Blocks.section;
import static dev.handshake.slack.Mrkdwn.markdownText;

import dev.handshake.agreement.Agreement;
import java.util.List;
import java.util.Objects;

/** The reply in marketing's thread when the escalation target upholds a contested rejection, with Recycle to nurture. */
public final class UpheldNotice {

    private UpheldNotice() {}

    /** "@marketer Lee upheld the rejection of *Dana Whitfield*: recycle it to nurture." {@code contester} may be null. */
    public static Rendered render(Handoff h, Agreement a, String contester, Names names) {
        Objects.requireNonNull(h, "h == null");
        Objects.requireNonNull(a, "a == null");
        String to = SlackText.isBlank(contester) ? "" : SlackText.user(contester) + " ";
        String by = names.of(h.lastMove() == null ? null : h.lastMove().by());
        String mrkdwn = to + by + " upheld the rejection of *" + HandoffText.leadName(h)
                + "*: it stays rejected. Recycle it to nurture.";
        String text = to + by + " upheld the rejection of " + HandoffText.leadName(h) + ": it stays rejected.";
        return new Rendered(text, List.of(section(s -> s.text(markdownText(mrkdwn))), NextSteps.answer(h, false)));
    }
}
