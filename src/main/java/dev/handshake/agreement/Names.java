package dev.handshake.agreement;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The words people may look things up by ({@code /sla mql}): ids, names and aliases of stages, personas, KPIs and
 * glossary terms. Each word must lead to one thing, so a word claimed by two things is a problem.
 */
final class Names {

    private final Problems problems;
    private final Map<String, Claim> claims = new HashMap<>();

    Names(Problems problems) {
        this.problems = problems;
    }

    /** Claims {@code word} for {@code owner} (e.g. {@code stage "mql"}); reports it when another owner has it. */
    void claim(String word, String owner, NodePath at) {
        if (word == null) {
            return;
        }
        String key = normalize(word);
        Claim first = claims.putIfAbsent(key, new Claim(owner, problems.lineOf(at)));
        if (first != null && !first.owner().equals(owner)) {
            problems.report(at, Values.quote(word) + " already refers to " + first.owner()
                    + (first.line() > 0 ? " (line " + first.line() + ")" : "")
                    + "; a name or alias must lead to one thing");
        }
    }

    /** How words are compared: case, surrounding space and repeated spaces do not matter. */
    static String normalize(String word) {
        return word.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    private record Claim(String owner, int line) {}
}
