package dev.handshake.ask;

import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.Responsibility;
import dev.handshake.agreement.Stage;
import dev.handshake.agreement.StageHandoff;
import dev.handshake.slack.Mrkdwn;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code /sla mql}: a stage's definition, entry criteria, owner, duties and response time. */
final class StageCard {

    private StageCard() {}

    static Answer render(Agreement agreement, Stage stage, boolean share) {
        Optional<StageHandoff> handoff = handoffFor(agreement, stage);
        Card card = new Card()
                .header(stage.name())
                .about(Snippets.joined("Stage", Snippets.code(stage.id()), Snippets.aliases(stage.aliases())),
                        agreement)
                .text("*Definition*\n" + definition(stage.definition()))
                .list("*Entry criteria*", Snippets.bullets(stage.entryCriteria()))
                .divider()
                .fields(fields(agreement, stage, handoff))
                .list("*Who does what*", duties(stage.responsibilities()))
                .context("See the whole funnel with `/sla stages`.");
        String text = stage.name() + " (" + stage.id() + "): " + nullToEmpty(stage.definition());
        return new Answer(Snippets.fallback(text), card.blocks(), share);
    }

    static Optional<StageHandoff> handoffFor(Agreement agreement, Stage stage) {
        return agreement.handoff() == null ? Optional.empty() : agreement.handoffFor(stage.id());
    }

    private static List<String> fields(Agreement agreement, Stage stage, Optional<StageHandoff> handoff) {
        List<String> fields = new ArrayList<>();
        fields.add("*Owner*\n" + (stage.owner() == null ? "—" : stage.owner().label()));
        handoff.ifPresent(h -> fields.add("*When handed to sales*\n" + Wording.handoff(h)));
        fields.add("*Previous stage*\n" + agreement.previous(stage).map(StageCard::name)
                .orElse("— _(first stage)_"));
        fields.add("*Next stage*\n" + next(agreement, stage));
        return fields;
    }

    private static String next(Agreement agreement, Stage stage) {
        if (stage.next() == null || stage.next().isBlank()) {
            return "— _(last stage)_";
        }
        return agreement.stage(stage.next()).map(StageCard::name).orElse(Snippets.code(stage.next()));
    }

    private static String name(Stage stage) {
        return Snippets.esc(stage.name(), Snippets.NAME_LIMIT) + " " + Snippets.code(stage.id());
    }

    private static List<String> duties(List<Responsibility> responsibilities) {
        return responsibilities.stream()
                .filter(r -> r.does() != null && !r.does().isBlank())
                .map(r -> "• " + Snippets.bold(r.who()) + " — " + Mrkdwn.escape(r.does().strip()))
                .toList();
    }

    private static String definition(String definition) {
        return definition == null || definition.isBlank() ? "_No definition yet._" : Mrkdwn.escape(definition.strip());
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
