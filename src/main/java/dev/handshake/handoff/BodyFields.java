package dev.handshake.handoff;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handshake.http.Problem;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** Reads text fields of a request body and reports each problem with its JSON path. */
final class BodyFields {

    private static final int NAME_SHOWN = 40;

    private BodyFields() {}

    /** The field's text, or null when it is absent, null, blank, not a string or too long (reported unless absent). */
    static String text(JsonNode parent, String field, String path, boolean required, int max, List<Problem> problems) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                problems.add(new Problem(path, "is required"));
            }
            return null;
        }
        if (!node.isTextual()) {
            problems.add(new Problem(path, "must be a string"));
            return null;
        }
        return checked(node.textValue(), path, required, max, problems);
    }

    /** {@code value} unless it is blank (reported when required) or longer than {@code max} characters. */
    static String checked(String value, String path, boolean required, int max, List<Problem> problems) {
        if (value.isBlank()) {
            if (required) {
                problems.add(new Problem(path, "must not be blank"));
            }
            return null;
        }
        if (length(value) > max) {
            problems.add(new Problem(path, "must be at most " + max + " characters"));
            return null;
        }
        return value;
    }

    static int length(String text) {
        return text.codePointCount(0, text.length());
    }

    static void unknownFields(JsonNode node, String path, Set<String> known, List<Problem> problems) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                problems.add(new Problem(path + "." + shown(name), "is not a known field"));
            }
        }
    }

    /** A field name as it appears in a problem's path: cut when long. */
    static String shown(String name) {
        return cut(name);
    }

    /** A sent value quoted for a problem message, cut when long. */
    static String quoted(String value) {
        return "\"" + cut(value.strip().replaceAll("\\s+", " ")) + "\"";
    }

    /** At most {@value #NAME_SHOWN} characters, never splitting one. */
    private static String cut(String text) {
        return length(text) > NAME_SHOWN ? text.substring(0, text.offsetByCodePoints(0, NAME_SHOWN)) + "…" : text;
    }
}
