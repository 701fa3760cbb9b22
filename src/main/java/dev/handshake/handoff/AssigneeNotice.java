package dev.handshake.handoff;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static dev.handshake.slack.Mrkdwn.markdownText;

import com.slack.api.model.block.LayoutBlock;
import dev.handshake.agreement.Agreement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The direct message telling the assigned rep a lead is waiting for them in the sales channel. */
public final class AssigneeNotice {

    /** The longest routing note shown, escaped: well within a context block's 2,000 characters. */
    static final int NOTE_LIMIT = 1200;

    private AssigneeNotice() {}

    /**
     * "You have a new lead to accept or reject in #sales: Dana Whitfield (Northwind Logistics), due …".
     * {@code channelId} is where the handoff was posted: a channel id, or a {@code #name} shown as text.
     */
    public static Rendered render(Handoff h, Agreement a, String channelId) {
        Objects.requireNonNull(h, "h == null");
        Objects.requireNonNull(a, "a == null");
        String start = "You have a new lead to accept or reject in " + SlackText.channel(channelId) + ": "
                + HandoffText.leadSummary(h);
        String mrkdwn = start;
        String text = start;
        if (h.dueAt() != null) {
            mrkdwn += ", due " + SlackText.dateTime(h.dueAt(), a.calendar().zone());
            text += ", due " + SlackText.plainDateTime(h.dueAt(), a.calendar().zone());
        }
        String body = mrkdwn + ".";
        return new Rendered(text + ".", List.of(section(s -> s.text(markdownText(body)))));
    }

    /**
     * The assignee's direct message, sent as soon as the lead is theirs: "You have a new MQL to accept or reject:
     * Dana Whitfield (Northwind Logistics), due …", then a link to the lead's message in the sales channel once it
     * is posted ({@code permalink}; null before: where it is being posted), and why it is theirs ({@code note}, when
     * routing chose them; names unpinged).
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
        return new Rendered(text + (permalink == null ? where : "."), blocks);
    }

    /**
     * "A lead was reassigned to you: Dana Whitfield (Northwind Logistics), due … — accept or reject it in #sales."
     * {@code channelId} is where the handoff was posted: a channel id, or a {@code #name} shown as text.
     */
    public static Rendered reassigned(Handoff h, Agreement a, String channelId) {
        Objects.requireNonNull(h, "h == null");
        Objects.requireNonNull(a, "a == null");
        String start = "A lead was reassigned to you: " + HandoffText.leadSummary(h);
        String mrkdwn = start;
        String text = start;
        if (h.dueAt() != null) {
            mrkdwn += ", due " + SlackText.dateTime(h.dueAt(), a.calendar().zone());
            text += ", due " + SlackText.plainDateTime(h.dueAt(), a.calendar().zone());
        }
        String where = " — accept or reject it in " + SlackText.channel(channelId) + ".";
        String body = mrkdwn + where;
        return new Rendered(text + where, List.of(section(s -> s.text(markdownText(body)))));
    }
}
