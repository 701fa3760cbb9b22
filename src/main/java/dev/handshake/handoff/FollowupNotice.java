package dev.handshake.handoff;

import static com.slack.api.model.block.Blocks.section;
import static dev.handshake.slack.Mrkdwn.markdownText;

import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.Owner;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Marketing's clock after a rejection ({@code handoff.rejection_followup_hours}): a reminder in the thread of
 * marketing's message, then the marketing owner is told; both with the buttons that answer it.
 */
public final class FollowupNotice {

    private FollowupNotice() {}

    /** "Reminder: the rejection of *Dana Whitfield* still waits for marketing's answer; 4 h of business time left." */
    public static Rendered reminder(Handoff h, Agreement a, Duration businessTimeLeft, Instant answerBy) {
        Objects.requireNonNull(h, "h == null");
        Objects.requireNonNull(a, "a == null");
        String left = BusinessDurations.format(Objects.requireNonNull(businessTimeLeft, "businessTimeLeft == null"));
        String what = h.state() == HandoffState.UPHELD ? "the upheld rejection of " : "the rejection of ";
        String ask = h.state() == HandoffState.UPHELD ? "recycle it to nurture" : "recycle it to nurture or contest it";
        String mrkdwn = "Reminder: " + what + HandoffText.boldLeadSummary(h) + " still waits for marketing; "
                + left + " of business time left" + (answerBy == null ? ""
                        : " (" + SlackText.dateTime(answerBy, a.calendar().zone()) + ")") + " to " + ask + ".";
        String text = "Reminder: " + what + HandoffText.leadSummary(h) + " still waits for marketing; " + left
                + " of business time left to " + ask + ".";
        return new Rendered(text, List.of(section(s -> s.text(markdownText(mrkdwn))),
                NextSteps.answer(h, h.state() == HandoffState.REJECTED)));
    }

    /**
     * To the marketing owner (by direct message, or in marketing's thread when the agreement names no Slack user
     * for them): "Nobody in marketing answered the rejection of *Dana Whitfield* within the agreed 16 business
     * hours." with the buttons and a link to marketing's message.
     */
    public static Rendered owner(Handoff h, Agreement a, String permalink, boolean direct) {
        Objects.requireNonNull(h, "h == null");
        Objects.requireNonNull(a, "a == null");
        Owner owner = a.owners().marketing();
        String to = direct ? "" : SlackText.line(owner.name(), 80) + ": ";
        String within = a.handoff().rejectionFollowup() == null ? "in time"
                : "within the agreed " + BusinessDurations.window(a.handoff().rejectionFollowup());
        String ask = h.state() == HandoffState.UPHELD ? "recycle it to nurture" : "recycle it to nurture or contest it";
        String start = to + "Nobody in marketing answered the rejection of ";
        String link = permalink == null ? "" : SlackText.link(permalink, "Open marketing's message")
                .map(l -> " " + l + ".").orElse("");
        String mrkdwn = start + HandoffText.boldLeadSummary(h) + " " + within + ". Please " + ask + "." + link;
        String text = start + HandoffText.leadSummary(h) + " " + within + ".";
        return new Rendered(text, List.of(section(s -> s.text(markdownText(mrkdwn))),
                NextSteps.answer(h, h.state() == HandoffState.REJECTED)));
    }
}
