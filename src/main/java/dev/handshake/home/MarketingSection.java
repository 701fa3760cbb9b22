package dev.handshake.home;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.Blocks.section;
import static dev.handshake.slack.Mrkdwn.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.element.BlockElement;
import dev.handshake.agreement.Agreement;
import dev.handshake.handoff.Handoff;
import dev.handshake.handoff.HandoffActions;
import dev.handshake.handoff.HandoffState;
import dev.handshake.handoff.Picker;
import dev.handshake.slack.Mrkdwn;
import dev.handshake.stats.FollowUpWords;
import dev.handshake.stats.FollowUps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A marketer's part of the Home: the leads back with marketing (rejected, rejection upheld, unclaimed) with the
 * buttons that answer them, and marketing's side of the numbers.
 */
final class MarketingSection {

    private MarketingSection() {}

    static void add(List<LayoutBlock> blocks, Agreement agreement, HomeView.Marketing marketing, String quarter) {
        List<Handoff> waiting = marketing.waiting();
        blocks.add(section(s -> s.text(markdownText(waiting.isEmpty()
                ? "*Back with marketing*\nNo rejected or unclaimed lead waits for marketing's answer."
                : "*Back with marketing* (" + waiting.size() + (waiting.size() >= HomeView.MAX_HANDOFFS ? "+" : "")
                        + ")"))));
        for (Handoff handoff : waiting.stream().limit(HomeView.MAX_MARKETING).toList()) {
            Instant answerBy = marketing.answerBy().get(handoff.id());
            String line = HomeView.lead(handoff, agreement) + "\n" + status(handoff)
                    + (answerBy == null ? "" : " · answer by " + HomeView.when(answerBy, agreement));
            blocks.add(section(s -> s.text(markdownText(line))));
            blocks.add(actions(a -> a.elements(buttons(handoff, marketing.pool()))));
        }
        HomeView.more(blocks, Math.min(waiting.size(), HomeView.MAX_MARKETING), waiting.size(),
                waiting.size() >= HomeView.MAX_HANDOFFS, " in "
                + HomeView.channel(agreement.handoff().marketingChannel()));
        blocks.add(section(s -> s.text(markdownText(answers(marketing.answers(), quarter)))));
        blocks.add(divider());
    }

    private static String status(Handoff handoff) {
        String rejectedBy = handoff.decision() == null ? "" : "<@" + handoff.decision().by() + ">";
        String reason = handoff.decision() == null || handoff.decision().reason() == null ? ""
                : ": " + Mrkdwn.escapeAndTruncate(handoff.decision().reason(), 200);
        return switch (handoff.state()) {
            case UNCLAIMED -> "⚠️ Unclaimed: nobody in sales took it in time";
            case UPHELD -> "Rejected by " + rejectedBy + reason + "; the rejection was upheld";
            default -> "Rejected by " + rejectedBy + reason;
        };
    }

    private static List<BlockElement> buttons(Handoff handoff, List<Picker.Candidate> pool) {
        String id = HandoffActions.value(handoff);
        List<BlockElement> buttons = new ArrayList<>();
        buttons.add(button(b -> b.actionId(HandoffActions.RECYCLE).value(id).text(plainText("Recycle to nurture"))));
        if (handoff.state() == HandoffState.REJECTED) {
            buttons.add(button(b -> b.actionId(HandoffActions.CONTEST).value(id).text(plainText("Contest"))));
        } else if (handoff.state() == HandoffState.UNCLAIMED) {
            buttons.add(Picker.element(handoff, pool));
        }
        return buttons;
    }

    /**
     * Marketing's answers to the rejections of the quarter's handoffs, in the same figures and words as
     * {@code /sla stats} (docs/NUMBERS.md): answered of rejected, recycled and contested, the median time to answer,
     * and the share answered within the agreement's limit.
     */
    static String answers(FollowUps answers, String quarter) {
        return "*Marketing's answers, " + quarter + "*\n" + Mrkdwn.escape(FollowUpWords.line(answers));
    }
}
