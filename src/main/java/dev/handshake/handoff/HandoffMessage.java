package dev.handshake.handoff;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.element.BlockElement;
import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.Persona;
import dev.handshake.agreement.StageHandoff;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** The handoff as posted in the sales channel: the lead, why it qualified, its deadline and where it stands. */
public final class HandoffMessage {

    private static final int PERSONA_NAME_LIMIT = 100;
    private static final int PERSONA_SUMMARY_LIMIT = 300;
    private static final int PERSONA_ID_LIMIT = 100;
    private static final int CRITERION_LIMIT = 150;
    private static final int CRITERIA_SHOWN = 8;
    private static final int NOTE_LIMIT = 500;

    private HandoffMessage() {}

    /**
     * Renders the message for the handoff's current status. {@code decisionBusinessTime} is the business time
     * from handoff to decision; it is only read once the handoff is accepted or rejected, and may be null before.
     */
    public static Rendered render(Handoff h, Agreement a, Duration decisionBusinessTime) {
        Objects.requireNonNull(h, "h == null");
        Objects.requireNonNull(a, "a == null");
        if (decisionBusinessTime != null && decisionBusinessTime.isNegative()) {
            throw new IllegalArgumentException("decisionBusinessTime is negative: " + decisionBusinessTime);
        }
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText(title(h, a)))));
        blocks.add(HandoffText.leadFields(h.lead()));
        persona(h, a).ifPresent(text -> blocks.add(section(s -> s.text(markdownText(text)))));
        whyQualified(h).ifPresent(text -> blocks.add(section(s -> s.text(markdownText(text)))));
        due(h, a).ifPresent(text -> blocks.add(section(s -> s.text(markdownText(text)))));
        switch (h.status()) {
            case PENDING -> blocks.add(actions(buttons(h)));
            case ACCEPTED -> blocks.add(section(s -> s.text(markdownText(accepted(h, a, decisionBusinessTime)))));
            case REJECTED -> {
                blocks.add(section(s -> s.text(markdownText(rejected(h, a, decisionBusinessTime)))));
                marketingOutcome(h.marketingOutcome()).ifPresent(
                        text -> blocks.add(context(List.of(markdownText(text)))));
            }
        }
        return new Rendered(fallback(h, a), blocks);
    }

    private static String title(Handoff h, Agreement a) {
        String title = "*New " + HandoffText.stageName(h, a) + " for sales*";
        return SlackText.isBlank(h.assignee()) ? title : title + " — assigned to " + SlackText.user(h.assignee());
    }

    private static Optional<String> persona(Handoff h, Agreement a) {
        String id = h.lead().persona();
        if (SlackText.isBlank(id)) {
            return Optional.empty();
        }
        Optional<Persona> persona = a.persona(id);
        if (persona.isEmpty()) {
            return Optional.of("*Persona:* " + SlackText.line(id, PERSONA_ID_LIMIT));
        }
        Persona p = persona.get();
        String text = "*Persona:* " + SlackText.line(p.name(), PERSONA_NAME_LIMIT);
        if (!SlackText.isBlank(p.summary())) {
            text += " — " + SlackText.line(p.summary(), PERSONA_SUMMARY_LIMIT);
        }
        return Optional.of(text);
    }

    private static Optional<String> whyQualified(Handoff h) {
        List<String> criteria = h.criteriaMet().stream().filter(c -> !SlackText.isBlank(c)).toList();
        if (criteria.isEmpty() && SlackText.isBlank(h.note())) {
            return Optional.empty();
        }
        StringBuilder text = new StringBuilder("*Why it qualified*");
        criteria.stream().limit(CRITERIA_SHOWN)
                .forEach(c -> text.append("\n• ").append(SlackText.line(c, CRITERION_LIMIT)));
        if (criteria.size() > CRITERIA_SHOWN) {
            text.append("\n• …and ").append(criteria.size() - CRITERIA_SHOWN).append(" more");
        }
        if (!SlackText.isBlank(h.note())) {
            text.append("\n").append(SlackText.clip(h.note().strip(), NOTE_LIMIT));
        }
        return Optional.of(text.toString());
    }

    private static Optional<String> due(Handoff h, Agreement a) {
        if (h.dueAt() == null) {
            return Optional.empty();
        }
        String text = "*Due* " + SlackText.dateTime(h.dueAt(), a.calendar().zone());
        Optional<Duration> window = a.handoffFor(h.stage()).map(StageHandoff::responseTime);
        if (window.isPresent()) {
            text += " (" + BusinessDurations.window(window.get()) + ")";
        }
        return Optional.of(text);
    }

    private static List<BlockElement> buttons(Handoff h) {
        String value = HandoffActions.value(h);
        return List.of(
                button(b -> b.actionId(HandoffActions.ACCEPT).text(plainText("Accept")).value(value).style("primary")),
                button(b -> b.actionId(HandoffActions.REJECT).text(plainText("Reject")).value(value).style("danger")));
    }

    private static String accepted(Handoff h, Agreement a, Duration took) {
        String text = "✅ Accepted by " + decider(h);
        return took == null ? text : text + " — " + HandoffText.timing(took, a.handoffFor(h.stage()));
    }

    private static String rejected(Handoff h, Agreement a, Duration took) {
        String text = "❌ Rejected by " + decider(h) + HandoffText.reasonAndComment(h.decision());
        return took == null ? text : text + "\n" + capitalized(HandoffText.timing(took, a.handoffFor(h.stage())));
    }

    private static String capitalized(String text) {
        return text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
    }

    private static String decider(Handoff h) {
        return SlackText.user(h.decision() == null ? null : h.decision().by());
    }

    private static Optional<String> marketingOutcome(MarketingOutcome outcome) {
        if (outcome == null) {
            return Optional.empty();
        }
        return Optional.of(switch (outcome.kind()) {
            case RECYCLED -> "Marketing recycled it to nurture (by " + SlackText.user(outcome.by()) + ")";
            case CONTESTED -> "Marketing contested the rejection (by " + SlackText.user(outcome.by()) + ")";
        });
    }

    private static String fallback(Handoff h, Agreement a) {
        String lead = HandoffText.leadSummary(h);
        String stage = HandoffText.stageName(h, a);
        return switch (h.status()) {
            case PENDING -> {
                String text = "New " + stage + " for sales: " + lead;
                yield h.dueAt() == null ? text : text + ", due " + SlackText.plainDateTime(h.dueAt(), a.calendar().zone());
            }
            case ACCEPTED -> stage + " " + lead + ": accepted by " + decider(h);
            case REJECTED -> stage + " " + lead + ": rejected by " + decider(h);
        };
    }
}
