package dev.handshake.agreement;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the keys of one YAML mapping, reporting unknown keys, missing required keys and values of the wrong type.
 * Getters return null (or the default) after reporting, so a reader can carry on and find every problem. When the
 * mapping itself is missing or of the wrong type, that is reported once and its keys are not checked further.
 */
final class Fields {

    private final JsonNode node;
    private final NodePath path;
    private final Problems problems;
    private final boolean checkRequired;

    private Fields(JsonNode node, NodePath path, Problems problems, boolean checkRequired) {
        this.node = node;
        this.path = path;
        this.problems = problems;
        this.checkRequired = checkRequired;
    }

    /** The mapping at {@code path}; {@code node} may be null for a mapping that was left out (all keys default). */
    static Fields of(JsonNode node, NodePath path, Problems problems, Set<String> keys) {
        if (node == null || node.isNull()) {
            return new Fields(null, path, problems, true);
        }
        if (!node.isObject()) {
            problems.report(path, "must be a mapping (key: value lines), was " + Values.describe(node, problems, path));
            return new Fields(null, path, problems, false);
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!keys.contains(name)) {
                problems.report(path.key(name), unknownKey(name, keys));
            }
        }
        return new Fields(node, path, problems, true);
    }

    NodePath path() {
        return path;
    }

    Problems problems() {
        return problems;
    }

    NodePath at(String key) {
        return path.key(key);
    }

    /** Whether this mapping is written in the file (rather than left out or of the wrong type). */
    boolean given() {
        return node != null;
    }

    /** Whether the key is given with a value. */
    boolean has(String key) {
        return node != null && node.hasNonNull(key);
    }

    /** The value of the key, or null when it is absent or empty. */
    JsonNode value(String key) {
        return has(key) ? node.get(key) : null;
    }

    /** Whether the key is written but has nothing after the colon. */
    boolean isEmpty(String key) {
        return node != null && node.has(key) && node.get(key).isNull();
    }

    /** Reports a required key that is missing; returns true when the value is there. */
    boolean require(String key) {
        if (has(key)) {
            return true;
        }
        if (checkRequired) {
            problems.report(at(key), isEmpty(key) ? "has no value" : "is required");
        }
        return false;
    }

    String text(String key) {
        return require(key) ? Values.text(value(key), at(key), problems) : null;
    }

    String optionalText(String key) {
        return has(key) ? Values.text(value(key), at(key), problems) : null;
    }

    String text(String key, String fallback) {
        return has(key) ? Values.text(value(key), at(key), problems) : fallback;
    }

    /** A list of non-empty texts; an absent key is an empty list unless {@code required}, which also needs one item. */
    List<String> texts(String key, boolean required) {
        return located(key, required).stream().map(Located::text).toList();
    }

    /** Like {@link #texts} but keeps where each text is, for problems found later. */
    List<Located> located(String key, boolean required) {
        List<Located> result = new ArrayList<>();
        for (Item item : items(key, required)) {
            String text = Values.text(item.node(), item.path(), problems);
            if (text != null) {
                result.add(new Located(text, item.path()));
            }
        }
        return result;
    }

    /** A nested mapping; when it is absent and not required, all its keys take their defaults. */
    Fields fields(String key, boolean required, Set<String> keys) {
        if (required && !require(key)) {
            return new Fields(null, at(key), problems, false);
        }
        return Fields.of(value(key), at(key), problems, keys);
    }

    /** A list of mappings; items that are not mappings are reported and left out. */
    List<Fields> list(String key, boolean required, Set<String> keys) {
        List<Fields> result = new ArrayList<>();
        for (Item item : items(key, required)) {
            if (item.node().isObject()) {
                result.add(Fields.of(item.node(), item.path(), problems, keys));
            } else {
                problems.report(item.path(), "must be a mapping (key: value lines), was "
                        + Values.describe(item.node(), problems, item.path()));
            }
        }
        return result;
    }

    /** The items of a list, each with its path; reports a wrong type, an empty required list and empty items. */
    List<Item> items(String key, boolean required) {
        if (!has(key)) {
            if (required) {
                require(key);
            }
            return List.of();
        }
        JsonNode list = value(key);
        if (!list.isArray()) {
            problems.report(at(key), "must be a list (one \"- item\" per line), was "
                    + Values.describe(list, problems, at(key)));
            return List.of();
        }
        if (required && list.isEmpty()) {
            problems.report(at(key), "must list at least one item");
        }
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            NodePath itemPath = at(key).index(i);
            if (list.get(i).isNull()) {
                problems.report(itemPath, "is an empty item");
            } else {
                items.add(new Item(list.get(i), itemPath));
            }
        }
        return items;
    }

    BigDecimal number(String key, boolean required) {
        if (required ? !require(key) : !has(key)) {
            return null;
        }
        return Values.number(value(key), at(key), problems);
    }

    Integer whole(String key, Integer fallback) {
        if (fallback == null ? !require(key) : !has(key)) {
            return fallback;
        }
        return Values.whole(value(key), at(key), problems);
    }

    Boolean flag(String key, boolean fallback) {
        if (!has(key)) {
            return fallback;
        }
        JsonNode value = value(key);
        if (!value.isBoolean()) {
            problems.report(at(key), "must be true or false, was " + Values.describe(value, problems, at(key)));
            return null;
        }
        return value.booleanValue();
    }

    /** One of a fixed set of words; {@code fallback} null means the key is required. */
    <E> E oneOf(String key, Map<String, E> choices, E fallback) {
        if (fallback == null ? !require(key) : !has(key)) {
            return fallback;
        }
        String text = Values.text(value(key), at(key), problems);
        if (text == null) {
            return null;
        }
        E choice = choices.get(text);
        if (choice == null) {
            problems.report(at(key), "must be " + Values.alternatives(choices.keySet()) + ", was " + Values.quote(text));
        }
        return choice;
    }

    /** One of a fixed set of words, or null when the key is absent. */
    <E> E optionalOneOf(String key, Map<String, E> choices) {
        return has(key) ? oneOf(key, choices, null) : null;
    }

    private static String unknownKey(String name, Set<String> keys) {
        String closest = Values.closest(name, keys);
        if (closest != null) {
            return "unknown key " + Values.quote(name) + "; did you mean " + Values.quote(closest) + "?";
        }
        return "unknown key " + Values.quote(name) + "; expected one of: "
                + keys.stream().sorted().collect(Collectors.joining(", "));
    }

    /** One item of a list with its place in the document. */
    record Item(JsonNode node, NodePath path) {}

    /** A text from the document with its place. */
    record Located(String text, NodePath at) {}
}
