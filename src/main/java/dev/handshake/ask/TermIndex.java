package dev.handshake.ask;

import dev.handshake.agreement.Agreement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Finds the stage, persona, KPI or glossary term a person means, by id, name or alias, ignoring case,
 * spaces and hyphens; and suggests close terms when nothing matches. Immutable and thread-safe.
 */
public final class TermIndex {

    /** At most this many suggestions are offered. */
    static final int MAX_SUGGESTIONS = 3;

    /** Longer questions are not compared for suggestions; nothing in an agreement is that long and close. */
    private static final int MAX_SUGGESTED_LENGTH = 200;

    /** Prefix matches only count from this many characters, so "m" does not suggest everything. */
    private static final int MIN_PREFIX = 3;

    /** One way of naming a term (or a command word, when {@code term} is null). */
    private record Key(String key, int[] codePoints, String display, Term term, int rank) {}

    private record Candidate(Key key, int distance) {}

    private final List<Key> keys;
    private final Map<String, Term> byKey;

    private TermIndex(List<Key> keys) {
        this.keys = List.copyOf(keys);
        Map<String, Term> map = new HashMap<>();
        for (Key key : keys) {
            if (key.term() != null) {
                map.putIfAbsent(key.key(), key.term());
            }
        }
        this.byKey = Map.copyOf(map);
    }

    /**
     * Indexes the agreement. Ids win over names and names over aliases; within each, stages come before
     * personas, KPIs and glossary terms. The list commands ({@code stages}, {@code personas}, …) are known
     * for suggestions only.
     */
    public static TermIndex of(Agreement agreement) {
        Objects.requireNonNull(agreement, "agreement == null");
        List<Term> terms = terms(agreement);
        List<Key> keys = new ArrayList<>();
        add(keys, terms, t -> List.of(nullToEmpty(t.id())));
        add(keys, terms, t -> List.of(nullToEmpty(t.name())));
        add(keys, terms, Term::aliases);
        for (String command : SlaQuery.LIST_COMMANDS) {
            keys.add(key(command, null, keys.size()));
        }
        return new TermIndex(keys);
    }

    /** The term the text names, if any. */
    public Optional<Term> resolve(String text) {
        return Optional.ofNullable(byKey.get(TermKey.of(text)));
    }

    /** The term of the given kind the text names, if any. */
    public Optional<Term> resolve(String text, Term.Kind kind) {
        String key = TermKey.of(text);
        return keys.stream()
                .filter(k -> k.term() != null && k.term().kind() == kind && k.key().equals(key))
                .map(Key::term)
                .findFirst();
    }

    /** Up to three known terms or list commands close to the text, closest first, as they are written. */
    public List<String> suggest(String text) {
        return suggest(text, null);
    }

    /** Up to three known terms of the given kind close to the text, closest first. */
    public List<String> suggest(String text, Term.Kind kind) {
        String query = TermKey.of(text);
        int[] codePoints = query.codePoints().toArray();
        if (codePoints.length == 0 || codePoints.length > MAX_SUGGESTED_LENGTH) {
            return List.of();
        }
        int max = Math.max(1, codePoints.length / 3);
        Map<Object, Candidate> best = new LinkedHashMap<>();
        for (Key key : keys) {
            if (kind != null && (key.term() == null || key.term().kind() != kind)) {
                continue;
            }
            int distance = EditDistance.between(codePoints, key.codePoints(), max);
            boolean prefix = codePoints.length >= MIN_PREFIX && key.key().startsWith(query);
            if (distance > max && !prefix) {
                continue;
            }
            // a prefix is as good a hint as a single typo: "opport" means "opportunity"
            Candidate candidate = new Candidate(key, prefix ? Math.min(distance, 1) : distance);
            Object identity = key.term() != null ? key.term() : key.display();
            best.merge(identity, candidate, (a, b) -> order().compare(a, b) <= 0 ? a : b);
        }
        return best.values().stream()
                .sorted(order())
                .limit(MAX_SUGGESTIONS)
                .map(c -> c.key().display())
                .toList();
    }

    private static Comparator<Candidate> order() {
        return Comparator.comparingInt(Candidate::distance).thenComparingInt(c -> c.key().rank());
    }

    private static List<Term> terms(Agreement agreement) {
        List<Term> terms = new ArrayList<>();
        agreement.stages().forEach(s -> terms.add(new Term.OfStage(s)));
        agreement.personas().forEach(p -> terms.add(new Term.OfPersona(p)));
        if (agreement.goals() != null) {
            agreement.goals().kpis().forEach(k -> terms.add(new Term.OfKpi(k)));
        }
        agreement.glossary().forEach(g -> terms.add(new Term.OfGlossary(g)));
        return terms;
    }

    private static void add(List<Key> keys, List<Term> terms, Function<Term, List<String>> names) {
        for (Term term : terms) {
            for (String name : names.apply(term)) {
                if (!TermKey.of(name).isEmpty()) {
                    keys.add(key(name, term, keys.size()));
                }
            }
        }
    }

    private static Key key(String display, Term term, int rank) {
        String key = TermKey.of(display);
        return new Key(key, key.codePoints().toArray(), display.strip(), term, rank);
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
