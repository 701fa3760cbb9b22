package dev.handshake.agreement;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** Reads plain values (text, numbers) from YAML nodes and words the problems about them. */
final class Values {

    private static final int QUOTE_LIMIT = 60;

    private Values() {}

    /** Text as written, trimmed; numbers and true/false count as text. Reports other types and empty text. */
    static String text(JsonNode node, NodePath at, Problems problems) {
        if (node == null || node.isNull()) {
            problems.report(at, "has no value");
            return null;
        }
        if (!node.isValueNode()) {
            problems.report(at, "must be text, was " + describe(node, problems, at));
            return null;
        }
        String text = written(node, at, problems).strip();
        if (text.isEmpty()) {
            problems.report(at, "must not be empty");
            return null;
        }
        return text;
    }

    static BigDecimal number(JsonNode node, NodePath at, Problems problems) {
        BigDecimal number = parseNumber(node, at, problems);
        if (number == null) {
            problems.report(at, "must be a number, was " + describe(node, problems, at));
        }
        return number;
    }

    static Integer whole(JsonNode node, NodePath at, Problems problems) {
        BigDecimal number = parseNumber(node, at, problems);
        if (number == null || number.stripTrailingZeros().scale() > 0
                || number.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0
                || number.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) < 0) {
            problems.report(at, "must be a whole number, was " + describe(node, problems, at));
            return null;
        }
        return number.intValueExact();
    }

    /** A number written as a YAML number or as text with {@code _} or {@code ,} between digit groups. */
    private static BigDecimal parseNumber(JsonNode node, NodePath at, Problems problems) {
        if (node == null || !(node.isNumber() || node.isTextual())) {
            return null;
        }
        String written = written(node, at, problems).strip().replace("_", "");
        if (written.matches("[+-]?\\d{1,3}(,\\d{3})+(\\.\\d+)?")) {
            written = written.replace(",", "");
        }
        if (written.matches("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?")) {
            return new BigDecimal(written);
        }
        return node.isNumber() ? node.decimalValue() : null;
    }

    /** The scalar as it was written in the file, falling back to the parsed value. */
    static String written(JsonNode node, NodePath at, Problems problems) {
        if (node.isTextual()) {
            return node.textValue();
        }
        String raw = problems.source().scalar(at.pointer());
        return raw != null ? raw : node.asText();
    }

    /** How a value reads in a problem: {@code a list}, {@code a mapping}, {@code 8}, {@code "sale"}. */
    static String describe(JsonNode node, Problems problems, NodePath at) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "empty";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isTextual()) {
            return quote(node.textValue());
        }
        return written(node, at, problems);
    }

    static String quote(String text) {
        String flat = text.strip().replaceAll("\\s+", " ");
        return "\"" + (flat.length() > QUOTE_LIMIT ? flat.substring(0, QUOTE_LIMIT - 1) + "…" : flat) + "\"";
    }

    /** {@code "a" or "b"}, {@code "a", "b" or "c"}. */
    static String alternatives(Collection<String> options) {
        List<String> quoted = options.stream().map(o -> "\"" + o + "\"").toList();
        if (quoted.size() == 1) {
            return quoted.get(0);
        }
        return String.join(", ", quoted.subList(0, quoted.size() - 1)) + " or " + quoted.get(quoted.size() - 1);
    }

    /** The words an enum is written as in the file, in declaration order. */
    static <E> Map<String, E> choices(E[] values, Function<E, String> word) {
        Map<String, E> choices = new LinkedHashMap<>();
        for (E value : values) {
            choices.put(word.apply(value), value);
        }
        return choices;
    }

    static <E extends Enum<E>> Map<String, E> lowerCaseChoices(E[] values) {
        return choices(values, e -> e.name().toLowerCase(Locale.ROOT));
    }

    /** The one candidate within a small edit distance of {@code word}, for "did you mean" hints; null if none. */
    static String closest(String word, Collection<String> candidates) {
        List<String> best = new ArrayList<>();
        int bestDistance = Math.min(2, Math.max(1, word.length() / 3));
        for (String candidate : candidates) {
            int distance = distance(word.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                bestDistance = distance;
                best.clear();
            }
            if (distance == bestDistance) {
                best.add(candidate);
            }
        }
        return best.size() == 1 ? best.get(0) : null;
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
