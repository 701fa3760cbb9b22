package dev.handshake.ask;

import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.Stage;
import java.util.ArrayList;
import java.util.List;

/** {@code /sla stages}: the funnel in order, one line per stage with its owner and response time. */
final class StagesCard {

    private StagesCard() {}

    static Answer render(Agreement agreement, boolean share) {
        List<Stage> stages = Funnel.order(agreement);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < stages.size(); i++) {
            lines.add(line(agreement, i + 1, stages.get(i)));
        }
        Card card = new Card()
                .header("Lead stages")
                .about(stages.size() + (stages.size() == 1 ? " stage" : " stages"), agreement)
                .divider();
        if (stages.isEmpty()) {
            card.text("The agreement defines no stages yet.");
        } else {
            card.list("", lines).context("Ask `/sla &lt;stage&gt;` for a stage's definition and entry criteria.");
        }
        String text = "Lead stages: " + String.join(" → ", stages.stream().map(Stage::name).toList());
        return new Answer(Snippets.fallback(text), card.blocks(), share);
    }

    private static String line(Agreement agreement, int position, Stage stage) {
        StringBuilder line = new StringBuilder()
                .append(position).append(". ").append(Snippets.bold(stage.name()))
                .append(' ').append(Snippets.code(stage.id()));
        if (stage.owner() != null) {
            line.append(" — ").append(stage.owner().label());
        }
        StageCard.handoffFor(agreement, stage)
                .ifPresent(h -> line.append(" · _").append(Wording.handoff(h)).append('_'));
        return line.toString();
    }
}
