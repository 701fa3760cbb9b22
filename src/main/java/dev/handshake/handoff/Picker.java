package dev.handshake.handoff;

import static com.slack.api.model.block.composition.BlockCompositions.option;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;
import static com.slack.api.model.block.element.BlockElements.staticSelect;

import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.block.element.BlockElement;
import dev.handshake.slack.Mrkdwn;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reassign…: a menu of the agreement's pool (by name, the one who holds the lead left out, who is away said so), and
 * "Someone else…", which opens a picker of anyone; without a pool, a button that opens that picker.
 */
public final class Picker {

    /** Slack's limits: 100 options in a menu, 75 characters in an option's text. */
    static final int MAX_OPTIONS = 100;
    static final int OPTION_TEXT_LIMIT = 75;
    static final String SOMEONE_ELSE = "Someone else…";

    /** A rep the menu offers: their member id, and how the menu names them. */
    public record Candidate(String userId, String label) {
        public Candidate {
            Objects.requireNonNull(userId, "userId == null");
            Objects.requireNonNull(label, "label == null");
        }
    }

    private Picker() {}

    /**
     * The agreement's reps (each routed stage's pool, then the reassignment pool) as Reassign… offers them: by name
     * (from {@code names}), who is away said so.
     */
    public static List<Candidate> pool(dev.handshake.agreement.Agreement agreement,
            java.util.function.Function<String, java.util.Optional<String>> names, java.util.Set<String> away) {
        List<Candidate> candidates = new ArrayList<>();
        for (String rep : agreement.handoff().reps()) {
            String name = names.apply(rep).orElse(rep);
            candidates.add(new Candidate(rep, away.contains(rep) ? name + " (away)" : name));
        }
        return candidates;
    }

    /** The Reassign… element for a handoff, offering {@code pool} (who holds it now is left out). */
    public static BlockElement element(Handoff h, List<Candidate> pool) {
        String id = HandoffActions.value(h);
        List<OptionObject> options = new ArrayList<>();
        for (Candidate candidate : pool) {
            if (options.size() >= MAX_OPTIONS - 1) {
                break;
            }
            if (candidate.userId().equals(h.assignee())) {
                continue;
            }
            options.add(option(plainText(Mrkdwn.truncate(candidate.label(), OPTION_TEXT_LIMIT)),
                    id + ":" + candidate.userId()));
        }
        if (options.isEmpty()) {
            return button(b -> b.actionId(HandoffActions.REASSIGN_OTHER).text(plainText("Reassign…")).value(id));
        }
        options.add(option(plainText(SOMEONE_ELSE), id + ":" + HandoffActions.SOMEONE_ELSE));
        return staticSelect(s -> s.actionId(HandoffActions.REASSIGN).placeholder(plainText("Reassign…"))
                .options(options));
    }

    /** Take it, for the escalation target. */
    public static BlockElement take(Handoff h) {
        return button(b -> b.actionId(HandoffActions.TAKE).text(plainText("Take it")).value(HandoffActions.value(h)));
    }
}
