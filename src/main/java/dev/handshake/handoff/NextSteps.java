package dev.handshake.handoff;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.element.BlockElement;
import java.util.ArrayList;
import java.util.List;

/**
 * The buttons a notice carries so whoever it asks to act can do it from there: the same action ids as the channel
 * message's, so a click from a direct message goes through the same listeners and the same compare-and-set.
 */
final class NextSteps {

    private NextSteps() {}

    static LayoutBlock decide(Handoff h) {
        String value = HandoffActions.value(h);
        return actions(List.of(
                button(b -> b.actionId(HandoffActions.ACCEPT).text(plainText("Accept")).value(value).style("primary")),
                button(b -> b.actionId(HandoffActions.REJECT).text(plainText("Reject")).value(value).style("danger"))));
    }

    /** Recycle to nurture, and Contest while the rejection has not been contested. */
    static LayoutBlock answer(Handoff h, boolean contest) {
        String value = HandoffActions.value(h);
        List<BlockElement> buttons = new ArrayList<>();
        buttons.add(button(b -> b.actionId(HandoffActions.RECYCLE).text(plainText("Recycle to nurture")).value(value)));
        if (contest) {
            buttons.add(button(b -> b.actionId(HandoffActions.CONTEST).text(plainText("Contest")).value(value)));
        }
        return actions(buttons);
    }

    /** Reassign… and Take it, for the escalation target. */
    static LayoutBlock escalate(Handoff h, List<Picker.Candidate> pool) {
        return actions(List.of(Picker.element(h, pool), Picker.take(h)));
    }

    /** Recycle to nurture and Reassign…, for an unclaimed lead back with marketing. */
    static LayoutBlock unclaimed(Handoff h, List<Picker.Candidate> pool) {
        String value = HandoffActions.value(h);
        return actions(List.of(
                button(b -> b.actionId(HandoffActions.RECYCLE).text(plainText("Recycle to nurture")).value(value)),
                Picker.element(h, pool)));
    }

    /** Uphold rejection and Reopen, for the escalation target. */
    static LayoutBlock contest(Handoff h) {
        String value = HandoffActions.value(h);
        return actions(List.of(
                button(b -> b.actionId(HandoffActions.UPHOLD).text(plainText("Uphold rejection")).value(value)
                        .style("danger")),
                button(b -> b.actionId(HandoffActions.REOPEN).text(plainText("Reopen")).value(value)
                        .style("primary"))));
    }

    /**
     * " <link|Open the lead in #sales-leads>." when the message's link is known, else " The lead is in #sales.";
     * the link is labelled with the agreement's channel name when it gives one ({@code channelName}).
     */
    static String where(String permalink, String channelId, String channelName) {
        String plain = " The lead is in " + SlackText.channel(channelId) + ".";
        if (permalink != null) {
            return SlackText.link(permalink, "Open the lead in " + SlackText.channelName(
                            channelName != null && channelName.startsWith("#") ? channelName : channelId))
                    .map(link -> " " + link + ".").orElse(plain);
        }
        return plain;
    }
}
