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
 * The direct message telling the assigned rep a lead is waiting for them, with Accept and Reject right there and a
 * link to the lead's message in the sales channel.
 */
public final class AssigneeNotice {

    /** The longest routing note shown, escaped: well within a context block's 2,000 characters. */
    static final int NOTE_LIMIT = 1200;

    private AssigneeNotice() {}

    /**
     * The assignee's direct message, sent as soon as the lead is theirs: "You have a new MQL to accept or reject:
     * Dana Whitfield (Northwind Logistics), due …" with Accept and Reject, then a link to the lead's message in the
     * sales channel once it is posted ({@code permalink}; null before: where it is being posted), and why it is
     * theirs ({@code note}, when routing chose them; names unpinged).
     */
    public static Rendered direct(Handoff h, Agreement a, String permalink, String note) {
        Objects.requireNonNull(h, "h == null");
        Objects.requireNonNull(a, "a == null");
        String start = "You have a new " + HandoffText.stageName(h, a) + " to accept or reject: "
                + HandoffText.leadSummary(h);
        String mrkdwn = start;
        String text = start;
        if (h.dueAt() != null) {
            mrkdwn += ", due " + SlackText.dateTime(h.dueAt(), a.calendar().zone());
            text += ", due " + SlackText.plainDateTime(h.dueAt(), a.calendar().zone());
        }
        String channel = SlackText.channel(h.channelId() != null ? h.channelId() : a.handoff().salesChannel());
        String where = SlackText.link(permalink, "Open it in the sales channel")
                .map(link -> ". " + link + ".")
                .orElse(". It is being posted in " + channel + ".");
        List<LayoutBlock> blocks = new ArrayList<>();
        String body = mrkdwn + where;
        blocks.add(section(s -> s.text(markdownText(body))));
        if (!SlackText.isBlank(note)) {
            blocks.add(context(List.of(markdownText("Why you: " + SlackText.line(note, NOTE_LIMIT)))));
        }
        blocks.add(NextSteps.decide(h));
        return new Rendered(text + (permalink == null ? where : "."), blocks);
    }

    /** As {@link #render(Handoff, Agreement, String, String)} without a link to the message. */
    public static Rendered render(Handoff h, Agreement a, String channelId) {
        return render(h, a, channelId, null);
    }

    /**
     * "You have a new lead to accept or reject: Dana Whitfield (Northwind Logistics), due …. Open the lead in
     * #sales." with Accept and Reject. {@code channelId} is where the handoff was posted: a channel id, or a
     * {@code #name} shown as text; {@code permalink} the message's link, or null when unknown.
     */
    public static Rendered render(Handoff h, Agreement a, String channelId, String permalink) {
        Objects.requireNonNull(h, "h == null");
        Objects.requireNonNull(a, "a == null");
        String text = "You have a new lead to accept or reject in " + SlackText.channel(channelId) + ": "
                + HandoffText.leadSummary(h) + due(h, a) + ".";
        return notice("You have a new lead to accept or reject: ", text, h, a, channelId, permalink);
    }

    /** As {@link #reassigned(Handoff, Agreement, String, String)} without a link to the message. */
    public static Rendered reassigned(Handoff h, Agreement a, String channelId) {
        return reassigned(h, a, channelId, null);
    }

    /** "A lead was reassigned to you: Dana Whitfield (Northwind Logistics), due …." with Accept and Reject. */
    public static Rendered reassigned(Handoff h, Agreement a, String channelId, String permalink) {
        Objects.requireNonNull(h, "h == null");
        Objects.requireNonNull(a, "a == null");
        String text = "A lead was reassigned to you: " + HandoffText.leadSummary(h) + due(h, a)
                + " — accept or reject it in " + SlackText.channel(channelId) + ".";
        return notice("A lead was reassigned to you: ", text, h, a, channelId, permalink);
    }

    /** "A lead you rejected was reopened: …" after the escalation target reopened a contested rejection. */
    public static Rendered reopened(Handoff h, Agreement a, String channelId, String permalink) {
        Objects.requireNonNull(h, "h == null");
        Objects.requireNonNull(a, "a == null");
        String start = "Marketing contested the rejection and it was reopened; decide again: ";
        String text = start + HandoffText.leadSummary(h) + due(h, a) + " — accept or reject it in "
                + SlackText.channel(channelId) + ".";
        return notice(start, text, h, a, channelId, permalink);
    }

    private static Rendered notice(String start, String text, Handoff h, Agreement a, String channelId,
            String permalink) {
        String mrkdwn = start + HandoffText.leadSummary(h);
        if (h.dueAt() != null) {
            mrkdwn += ", due " + SlackText.dateTime(h.dueAt(), a.calendar().zone());
        }
        String body = mrkdwn + "." + NextSteps.where(permalink, channelId, a.handoff().salesChannel());
        return new Rendered(text, List.of(section(s -> s.text(markdownText(body))), NextSteps.decide(h)));
    }

    /** ", due 2025-03-04 13:00 America/Chicago" for the plain notification text, or nothing. */
    private static String due(Handoff h, Agreement a) {
        return h.dueAt() == null ? "" : ", due " + SlackText.plainDateTime(h.dueAt(), a.calendar().zone());
    }
}
