package dev.handshake.review;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static dev.handshake.slack.Mrkdwn.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.model.block.LayoutBlock;
import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.Owner;
import dev.handshake.slack.Mrkdwn;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The review-channel message announcing a new agreement version: what changed, and the owners' acknowledgements. */
public final class VersionMessage {

    /** The action id of the Acknowledge button; its value is the version's id. */
    public static final String ACKNOWLEDGE = "agreement_acknowledge";

    static final int MAX_CHANGE_SECTIONS = 40;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MMM d, yyyy HH:mm", Locale.ENGLISH);

    private VersionMessage() {}

    /** A rendered message: the notification fallback and the blocks. */
    public record Rendered(String text, List<LayoutBlock> blocks) {}

    public static Rendered render(AgreementVersion version, Agreement agreement, List<VersionAck> acks) {
        String title = "The agreement changed: " + agreement.name() + ", version " + version.version();
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(header(h -> h.text(plainText(Mrkdwn.truncate(title, 150)))));
        StringBuilder changes = new StringBuilder("*What changed*\n");
        for (String line : version.changes()) {
            changes.append("• ").append(Mrkdwn.escapeAndTruncate(line, 1000)).append('\n');
        }
        List<String> pieces = Mrkdwn.split(changes.toString(), Mrkdwn.SECTION_LIMIT);
        pieces.stream().limit(MAX_CHANGE_SECTIONS).forEach(p -> blocks.add(section(s -> s.text(markdownText(p)))));
        if (pieces.size() > MAX_CHANGE_SECTIONS) {
            blocks.add(context(c -> c.elements(List.of(markdownText("… and more: see the agreement file's history.")))));
        }
        ZoneId zone = agreement.calendar().zone();
        StringBuilder owners = new StringBuilder();
        owners.append(ackLine("Marketing", agreement.owners().marketing(), find(acks, "marketing"), zone)).append('\n');
        owners.append(ackLine("Sales", agreement.owners().sales(), find(acks, "sales"), zone));
        blocks.add(section(s -> s.text(markdownText(owners.toString()))));
        if (acks.size() < 2) {
            String id = String.valueOf(version.id());
            blocks.add(actions(a -> a.elements(List.of(button(b -> b.actionId(ACKNOWLEDGE).value(id)
                    .style("primary").text(plainText("Acknowledge")))))));
        }
        return new Rendered(Mrkdwn.escapeAndTruncate(title, 3000), blocks);
    }

    private static String ackLine(String role, Owner owner, VersionAck ack, ZoneId zone) {
        String who = owner.slackUser() != null && owner.slackUser().matches("[UW][A-Z0-9]{2,30}")
                ? "<@" + owner.slackUser() + ">" : Mrkdwn.escape(owner.name()) + " (no Slack user in sla.yml)";
        if (ack == null) {
            return "⏳ " + role + " owner " + who + ": please acknowledge this version.";
        }
        return "✅ " + role + " owner <@" + ack.userId() + "> acknowledged it on "
                + DATE.format(ack.at().atZone(zone)) + ".";
    }

    private static VersionAck find(List<VersionAck> acks, String role) {
        return acks.stream().filter(a -> a.role().equals(role)).findFirst().orElse(null);
    }
}
