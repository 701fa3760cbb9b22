package dev.handshake.ask;

import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.Stage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The stages in funnel order: from the stage nobody points to, along the {@code next} links. */
final class Funnel {

    private Funnel() {}

    /**
     * Follows {@code next} from the first stage no other stage points to (or the first stage, when every
     * stage is pointed to); stages that path does not reach follow in the agreement's order. Cycles and
     * links to missing stages end the path.
     */
    static List<Stage> order(Agreement agreement) {
        List<Stage> stages = agreement.stages();
        Map<String, Stage> byId = new HashMap<>();
        Set<String> pointedTo = new HashSet<>();
        for (Stage stage : stages) {
            byId.putIfAbsent(stage.id(), stage);
            if (stage.next() != null) {
                pointedTo.add(stage.next());
            }
        }
        Stage start = stages.stream().filter(s -> !pointedTo.contains(s.id())).findFirst()
                .orElse(stages.isEmpty() ? null : stages.get(0));
        Set<Stage> ordered = new LinkedHashSet<>();
        Stage stage = start;
        while (stage != null && ordered.add(stage)) {
            stage = byId.get(stage.next());
        }
        ordered.addAll(stages);
        return new ArrayList<>(ordered);
    }
}
