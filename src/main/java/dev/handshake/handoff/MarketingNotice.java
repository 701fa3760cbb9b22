package dev.handshake.handoff;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static dev.handshake.slack.Mrkdwn.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.model.block.LayoutBlock;
import dev.handshake.agreement.Agreement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The message in the marketing channel about a lead that came back to marketing: a rejection (with Recycle to
 * nurture and Contest until marketing has answered, and Recycle again once the rejection is upheld), or a lead nobody
 * in sales claimed (with Recycle to nurture and Reassign…). It is kept up to date as the lead moves on.
 */
public final class MarketingNotice {

    private MarketingNotice() {}

    /** As {@link #render(Handoff, Agreement, List, Instant)} with no pool to offer and no answer deadline shown. */
    public static Rendered render(Handoff h, Agreement a) {
        return render(h, a, List.of(), null);
    }

    /**
     * The message for the handoff's state. {@code pool} is whom Reassign… offers for an unclaimed lead;
     * {@code answerBy} is when marketing's answer to a rejection is due (null when the agreement sets no time).
     */
    public static Rendered render(Handoff h, Agreement a, List<Picker.Candidate> pool, Instant answerBy) {
        Objects.requireNonNull(h, "h == null");
        Objects.requireNonNull(a, "a == null");
        Decision decision = h.decision();
        boolean rejection = decision != null && decision.outcome() == HandoffStatus.REJECTED;
        String stage = HandoffText.stageName(h, a);
        String summary = HandoffText.leadSummary(h);

        List<LayoutBlock> blocks = new ArrayList<>();
        String title = switch (h.state()) {
            case UNCLAIMED -> "*Nobody in sales claimed " + summary + " in time*";
            case PENDING -> "*" + summary + " is back with sales*";
            case ACCEPTED, CONTACTED -> "*" + summary + " was accepted*";
            case RECYCLED -> rejection ? "*Sales rejected " + summary + "*" : "*Nobody in sales claimed " + summary
                    + "*";
            case REJECTED, CONTESTED, UPHELD -> "*Sales rejected " + summary + "*";
        };
        blocks.add(section(s -> s.text(markdownText(title))));
        blocks.add(HandoffText.leadFields(h.lead()));
        String details = rejection ? rejectionDetails(decision, stage) : "*Stage* " + stage;
        blocks.add(section(s -> s.text(markdownText(details))));
        switch (h.state()) {
            case REJECTED -> {
                if (answerBy != null) {
                    blocks.add(context(List.of(markdownText("Marketing answers by "
                            + SlackText.dateTime(answerBy, a.calendar().zone()) + " (the agreement's follow-up time)"))));
                }
                blocks.add(NextSteps.answer(h, true));
            }
            case UPHELD -> {
                blocks.add(line(contested(h) + "; " + moved(h, "the rejection was upheld by") + ". Recycle it to nurture."));
                blocks.add(NextSteps.answer(h, false));
            }
            case UNCLAIMED -> {
                blocks.add(line("Not accepted or rejected in time" + (h.sla().reassignments() > 0
                        ? " by any of the " + (h.sla().reassignments() + 1) + " reps it went to" : "")
                        + ". Recycle it to nurture, or reassign it to a rep."));
                blocks.add(NextSteps.unclaimed(h, pool));
            }
            case CONTESTED -> blocks.add(line(contested(h) + " — escalated for a second look"));
            case RECYCLED -> blocks.add(line("♻️ Recycled to nurture by " + SlackText.user(outcomeBy(h))));
            case PENDING -> blocks.add(line(h.lastMove() != null && h.lastMove().step() == Step.REOPEN
                    ? "↩️ " + moved(h, "Reopened by") + " — back with sales for a decision"
                    : "↪️ " + moved(h, "Reassigned by") + " to " + SlackText.user(h.assignee())));
            case ACCEPTED, CONTACTED -> blocks.add(line("✅ Accepted by " + SlackText.user(
                    decision == null ? null : decision.by())));
        }
        String text = switch (h.state()) {
            case UNCLAIMED -> "Nobody in sales claimed " + summary + " (" + stage + ") in time";
            default -> (rejection ? "Sales rejected " : "Back with marketing: ") + summary + " (" + stage + ")"
                    + (rejection && !SlackText.isBlank(decision.reason())
                            ? ": " + SlackText.line(decision.reason(), HandoffText.REASON_LIMIT) : "");
        };
        return new Rendered(text, blocks);
    }

    private static LayoutBlock line(String mrkdwn) {
        return section(s -> s.text(markdownText(mrkdwn)));
    }

    private static String contested(Handoff h) {
        return "⚖️ Contested by " + SlackText.user(outcomeBy(h));
    }

    private static String moved(Handoff h, String words) {
        return words + " " + SlackText.user(h.lastMove() == null ? null : h.lastMove().by());
    }

    private static String outcomeBy(Handoff h) {
        return h.marketingOutcome() == null ? null : h.marketingOutcome().by();
    }

    private static String rejectionDetails(Decision decision, String stage) {
        StringBuilder text = new StringBuilder();
        text.append("*Rejected by* ").append(SlackText.user(decision.by())).append(" · *Stage* ").append(stage);
        if (!SlackText.isBlank(decision.reason())) {
            text.append("\n*Reason:* ").append(SlackText.line(decision.reason(), HandoffText.REASON_LIMIT));
        }
        if (!SlackText.isBlank(decision.comment())) {
            text.append("\n*Comment:* ").append(SlackText.line(decision.comment(), HandoffText.COMMENT_LIMIT));
        }
        return text.toString();
    }
}
