package dev.handshake.agreement;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code stages:}: the agreed definition of each stage (step 2) and who does what in it (step 5). Checks that
 * {@code next} names a known stage and never loops, and that the personas a stage requires exist.
 */
final class StagesReader {

    private static final Set<String> STAGE_KEYS = Set.of(
            "id", "name", "aliases", "definition", "entry_criteria", "owner", "responsibilities", "next", "personas");
    private static final Set<String> RESPONSIBILITY_KEYS = Set.of("who", "does");
    private static final Map<String, Team> TEAMS = Values.lowerCaseChoices(Team.values());

    private final Problems problems;
    private final Names names;

    StagesReader(Problems problems, Names names) {
        this.problems = problems;
        this.names = names;
    }

    List<Stage> read(Fields top, IdRegistry ids, List<Persona> personas, IdRegistry personaIds) {
        List<Stage> stages = new ArrayList<>();
        Map<String, Fields.Located> nextOf = new LinkedHashMap<>();
        for (Fields stage : top.list("stages", true, STAGE_KEYS)) {
            String id = Formats.slug(stage, "id");
            boolean unique = ids.add(id, stage.at("id"));
            String name = stage.text("name");
            List<Fields.Located> aliases = stage.located("aliases", false);
            String definition = stage.text("definition");
            List<String> criteria = new ArrayList<>();
            String personaCriterion = personaCriterion(stage, personas, personaIds);
            if (personaCriterion != null) {
                criteria.add(personaCriterion);
            }
            criteria.addAll(stage.texts("entry_criteria", true));
            Team owner = stage.oneOf("owner", TEAMS, null);
            List<Responsibility> responsibilities = responsibilities(stage);
            String next = stage.optionalText("next");
            if (unique && next != null) {
                nextOf.put(id, new Fields.Located(next, stage.at("next")));
            }
            PersonasReader.claim(names, "stage", id, name, aliases, stage);
            if (unique && name != null && definition != null && !criteria.isEmpty() && owner != null) {
                stages.add(new Stage(id, name, PersonasReader.texts(aliases), definition, criteria, owner,
                        responsibilities, next));
            }
        }
        nextOf.values().forEach(next -> ids.check(next.text(), next.at()));
        reportLoops(nextOf, ids);
        return stages;
    }

    /** {@code personas: [ops-leader, ...]} on a stage becomes its first entry criterion, naming the personas. */
    private String personaCriterion(Fields stage, List<Persona> personas, IdRegistry personaIds) {
        List<String> names = new ArrayList<>();
        for (Fields.Located reference : stage.located("personas", false)) {
            if (personaIds.check(reference.text(), reference.at())) {
                personas.stream().filter(p -> p.id().equals(reference.text())).findFirst()
                        .ifPresent(p -> names.add(p.name()));
            }
        }
        if (names.isEmpty()) {
            return null;
        }
        return names.size() == 1 ? "Matches the " + names.get(0) + " persona"
                : "Matches one of the personas: " + String.join(", ", names);
    }

    private List<Responsibility> responsibilities(Fields stage) {
        List<Responsibility> result = new ArrayList<>();
        for (Fields duty : stage.list("responsibilities", false, RESPONSIBILITY_KEYS)) {
            String who = duty.text("who");
            String does = duty.text("does");
            if (who != null && does != null) {
                result.add(new Responsibility(who, does));
            }
        }
        return result;
    }

    /** Follows {@code next} from each stage; a stage reached twice on one walk closes a loop, reported once. */
    private void reportLoops(Map<String, Fields.Located> nextOf, IdRegistry ids) {
        Set<String> reported = new HashSet<>();
        for (String start : nextOf.keySet()) {
            List<String> walk = new ArrayList<>();
            String current = start;
            while (current != null && ids.contains(current) && !walk.contains(current)) {
                walk.add(current);
                Fields.Located next = nextOf.get(current);
                current = next == null ? null : next.text();
            }
            if (current == null || !walk.contains(current) || reported.contains(current)) {
                continue;
            }
            List<String> loop = new ArrayList<>(walk.subList(walk.indexOf(current), walk.size()));
            reported.addAll(loop);
            String last = loop.get(loop.size() - 1);
            loop.add(current);
            problems.report(nextOf.get(last).at(), "leads back to an earlier stage: " + String.join(" → ", loop)
                    + "; the funnel must end at a stage without next");
        }
    }
}
