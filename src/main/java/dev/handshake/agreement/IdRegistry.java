package dev.handshake.agreement;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The ids of one kind of thing (stages, personas, KPIs, terms), checking they are unique and resolving references. */
final class IdRegistry {

    private final String kind;
    private final Problems problems;
    private final Map<String, Integer> lines = new LinkedHashMap<>();

    IdRegistry(String kind, Problems problems) {
        this.kind = kind;
        this.problems = problems;
    }

    /** Registers an id; returns false (and reports it) when the id is already taken. */
    boolean add(String id, NodePath at) {
        if (id == null) {
            return false;
        }
        Integer first = lines.putIfAbsent(id, problems.lineOf(at));
        if (first != null) {
            problems.report(at, "duplicate " + kind + " id " + Values.quote(id)
                    + (first > 0 ? " (first used on line " + first + ")" : ""));
            return false;
        }
        return true;
    }

    boolean contains(String id) {
        return lines.containsKey(id);
    }

    Set<String> ids() {
        return lines.keySet();
    }

    /** Reports a reference to an id that does not exist; returns whether it exists. */
    boolean check(String id, NodePath at) {
        if (id == null || contains(id)) {
            return id != null;
        }
        String closest = Values.closest(id, ids());
        problems.report(at, "unknown " + kind + " " + Values.quote(id)
                + (closest != null ? "; did you mean " + Values.quote(closest) + "?"
                        : ids().isEmpty() ? "; no " + kind + "s are defined" : "; " + kind + "s are "
                                + String.join(", ", ids())));
        return false;
    }
}
