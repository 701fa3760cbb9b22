package dev.handshake.handoff;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.section;
import static dev.handshake.slack.Mrkdwn.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.model.block.LayoutBlock;
import dev.handshake.agreement.Agreement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The message in the marketing channel when sales rejects a lead: who rejected it and why, with buttons to
 * recycle it to nurture or contest the rejection until marketing has done one of the two.
 */
public final class MarketingNotice {

    private MarketingNotice() {}

    public static Rendered render(Handoff h, Agreement a) {
        Objects.requireNonNull(h, "h == null");
        Objects.requireNonNull(a, "a == null");
        Decision decision = h.decision();
        String rejectedBy = SlackText.user(decision == null ? null : decision.by());
        String stage = HandoffText.stageName(h, a);

        List<LayoutBlock> blocks = new ArrayList<>();
        String title = "*Sales rejected " + HandoffText.leadSummary(h) + "*";
        blocks.add(section(s -> s.text(markdownText(title))));
        blocks.add(HandoffText.leadFields(h.lead()));
        blocks.add(section(s -> s.text(markdownText(details(decision, rejectedBy, stage)))));
        MarketingOutcome outcome = h.marketingOutcome();
        if (outcome == null) {
            String value = HandoffActions.value(h);
            blocks.add(actions(List.of(
                    button(b -> b.actionId(HandoffActions.RECYCLE).text(plainText("Recycle to nurture")).value(value)),
                    button(b -> b.actionId(HandoffActions.CONTEST).text(plainText("Contest")).value(value)))));
        } else {
            String line = switch (outcome.kind()) {
                case RECYCLED -> "♻️ Recycled to nurture by " + SlackText.user(outcome.by());
                case CONTESTED -> "⚖️ Contested by " + SlackText.user(outcome.by()) + " — escalated for a second look";
            };
            blocks.add(section(s -> s.text(markdownText(line))));
        }
        String text = "Sales rejected " + HandoffText.leadSummary(h) + " (" + stage + ")"
                + (decision == null || SlackText.isBlank(decision.reason())
                        ? ""
                        : ": " + SlackText.line(decision.reason(), HandoffText.REASON_LIMIT));
        return new Rendered(text, blocks);
    }

    private static String details(Decision decision, String rejectedBy, String stage) {
        StringBuilder text = new StringBuilder();
        text.append("*Rejected by* ").append(rejectedBy).append(" · *Stage* ").append(stage);
        if (decision != null && !SlackText.isBlank(decision.reason())) {
            text.append("\n*Reason:* ").append(SlackText.line(decision.reason(), HandoffText.REASON_LIMIT));
        }
        if (decision != null && !SlackText.isBlank(decision.comment())) {
            text.append("\n*Comment:* ").append(SlackText.line(decision.comment(), HandoffText.COMMENT_LIMIT));
        }
        return text.toString();
    }
}
