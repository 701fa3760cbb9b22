package dev.handshake.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.handshake.agreement.FieldSource;
import dev.handshake.agreement.FieldSource.Constant;
import dev.handshake.agreement.FieldSource.Piece;
import dev.handshake.agreement.FieldSource.Pointer;
import dev.handshake.agreement.FieldSource.Template;
import dev.handshake.agreement.IntakeSource;
import dev.handshake.agreement.IntakeSource.CriteriaMapping;
import dev.handshake.agreement.IntakeSource.TouchMapping;
import dev.handshake.agreement.IntakeSource.TouchesMapping;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Applies one intake source's mapping to a sender's body: builds the canonical handoff body and remembers which
 * pointer or template filled each field, so a problem with the result can name both. A pointer that finds nothing
 * (or null, or blank text) leaves its field out; a template gives nothing when none of its pointers finds a value.
 * One instance maps one body.
 */
final class SourceMapper {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern MILLIS = Pattern.compile("-?[0-9]{1,15}(\\.0*)?");

    private final Map<String, String> origins = new HashMap<>();
    private final List<MappedProblem> problems = new ArrayList<>();

    private SourceMapper() {}

    /** The canonical body the source makes of {@code body}, where each field came from, and mapping problems. */
    record Mapped(ObjectNode canonical, Map<String, String> origins, List<MappedProblem> problems) {}

    static Mapped map(IntakeSource source, JsonNode body) {
        SourceMapper mapper = new SourceMapper();
        ObjectNode canonical = mapper.canonical(source, body);
        return new Mapped(canonical, Map.copyOf(mapper.origins), List.copyOf(mapper.problems));
    }

    private ObjectNode canonical(IntakeSource source, JsonNode body) {
        ObjectNode root = JSON.createObjectNode();
        put(root, "id", value(source.id(), body, "$.id", true));
        put(root, "stage", value(source.stage(), body, "$.stage", true));
        ObjectNode lead = root.putObject("lead");
        source.lead().fields().forEach((name, field) ->
                put(lead, name, value(field, body, "$.lead." + name, !name.equals("score"))));
        if (source.lead().touches() != null) {
            put(lead, "touches", touches(source.lead().touches(), body));
        }
        source.lead().extras().forEach((name, field) -> put(lead, name, value(field, body, "$.lead." + name, false)));
        if (source.assignee() != null) {
            put(root, "assignee", value(source.assignee(), body, "$.assignee", true));
        }
        if (source.note() != null) {
            put(root, "note", value(source.note(), body, "$.note", true));
        }
        if (source.criteria() != null) {
            put(root, "criteria_met", criteria(source.criteria(), body));
        }
        return root;
    }

    private JsonNode touches(TouchesMapping touches, JsonNode body) {
        if (touches.array() != null) {
            return value(touches.array(), body, "$.lead.touches", false);
        }
        ArrayNode array = JSON.createArrayNode();
        if (touches.each() != null) {
            JsonNode items = present(body.at(touches.each().pointer()));
            origins.put("$.lead.touches", touches.each().text());
            if (items != null && items.isArray()) {
                for (int i = 0; i < items.size(); i++) {
                    touch(array, touches.eachItem(), items.get(i), touches.each().text() + "/" + i);
                }
            } else if (items != null) {
                problems.add(new MappedProblem("$.lead.touches", touches.each().text(), "must be an array to take "
                        + "touches from, was " + kind(items)));
            }
            return array;
        }
        for (TouchMapping item : touches.items()) {
            touch(array, item, body, null);
        }
        return array;
    }

    /** Adds the touch unless its time or its description finds nothing: such a touch cannot be placed. */
    private void touch(ArrayNode array, TouchMapping mapping, JsonNode context, String itemPointer) {
        String path = "$.lead.touches[" + array.size() + "]";
        JsonNode at = value(mapping.at(), context, path + ".at", true);
        JsonNode what = value(mapping.what(), context, path + ".what", true);
        if (itemPointer != null) {
            relative(path + ".at", itemPointer, mapping.at());
            relative(path + ".what", itemPointer, mapping.what());
        }
        if (at != null && what != null) {
            array.addObject().set("at", at);
            ((ObjectNode) array.get(array.size() - 1)).set("what", what);
        }
    }

    private void relative(String path, String itemPointer, FieldSource field) {
        if (field.value() instanceof Pointer pointer) {
            origins.put(path, itemPointer + pointer.text());
        }
    }

    private JsonNode criteria(CriteriaMapping criteria, JsonNode body) {
        if (criteria.array() != null) {
            JsonNode found = value(criteria.array(), body, "$.criteria_met", false);
            return found != null && found.isValueNode() ? JSON.createArrayNode().add(text(found)) : found;
        }
        ArrayNode array = JSON.createArrayNode();
        for (FieldSource item : criteria.items()) {
            JsonNode value = value(item, body, "$.criteria_met[" + array.size() + "]", true);
            if (value != null) {
                array.add(value);
            }
        }
        return array.isEmpty() ? null : array;
    }

    /** The field's value for this body, or null when it has none; {@code asText} turns numbers into text. */
    private JsonNode value(FieldSource field, JsonNode context, String path, boolean asText) {
        origins.put(path, field.value().text());
        JsonNode found;
        if (field.value() instanceof Pointer pointer) {
            found = present(context.at(pointer.pointer()));
        } else if (field.value() instanceof Template template) {
            found = render(template, context, path);
        } else {
            found = ((Constant) field.value()).node();
        }
        if (found != null && found.isValueNode() && !field.values().isEmpty()) {
            String mapped = field.values().get(text(found).strip());
            if (mapped != null) {
                found = TextNode.valueOf(mapped);
            } else if (field.fallback() != null) {
                found = field.fallback();
            }
        } else if (found == null) {
            found = field.fallback();
        }
        if (found != null && field.as() != FieldSource.Conversion.NONE) {
            found = convert(found, field, path);
        }
        if (found != null && asText && found.isValueNode() && !found.isTextual()) {
            found = TextNode.valueOf(text(found));
        }
        return found;
    }

    private JsonNode render(Template template, JsonNode context, String path) {
        StringBuilder out = new StringBuilder();
        boolean found = false;
        for (Piece piece : template.pieces()) {
            if (piece.literal() != null) {
                out.append(piece.literal());
                continue;
            }
            JsonNode value = present(context.at(piece.pointer()));
            if (value == null) {
                continue;
            }
            if (value.isContainerNode()) {
                problems.add(new MappedProblem(path, template.text(), "the template's pointer {" + piece.pointer()
                        + "} found " + kind(value) + ", not a single value"));
                continue;
            }
            out.append(text(value));
            found = true;
        }
        String text = out.toString().strip();
        return found && !text.isEmpty() ? TextNode.valueOf(text) : null;
    }

    private JsonNode convert(JsonNode value, FieldSource field, String path) {
        String text = value.isValueNode() ? text(value).strip() : "";
        switch (field.as()) {
            case EPOCH_MILLIS -> {
                if (MILLIS.matcher(text).matches()) {
                    return TextNode.valueOf(Instant.ofEpochMilli(new BigDecimal(text).longValue()).toString());
                }
                problems.add(new MappedProblem(path, field.value().text(), "as: epoch_millis needs milliseconds "
                        + "since 1970 (e.g. 1709571600000), found " + shown(value)));
            }
            case DATE -> {
                try {
                    if (text.length() >= 10) {
                        return TextNode.valueOf(LocalDate.parse(text.substring(0, 10)).toString());
                    }
                } catch (DateTimeParseException e) {
                    // Reported below, like any other text that does not start with a date.
                }
                problems.add(new MappedProblem(path, field.value().text(), "as: date needs text starting with "
                        + "yyyy-MM-dd (e.g. 2026-03-02 09:14:00), found " + shown(value)));
            }
            default -> {
                return value;
            }
        }
        return null;
    }

    /** The node, unless it is missing, null or blank text. */
    private static JsonNode present(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return null;
        }
        return node.isTextual() && node.textValue().isBlank() ? null : node;
    }

    private static void put(ObjectNode parent, String name, JsonNode value) {
        if (value != null) {
            parent.set(name, value);
        }
    }

    /** A scalar as text: whole numbers without a fraction, other numbers without an exponent. */
    static String text(JsonNode value) {
        if (value.isIntegralNumber()) {
            return value.bigIntegerValue().toString();
        }
        return value.isNumber() ? value.decimalValue().toPlainString() : value.asText();
    }

    private static String kind(JsonNode node) {
        return node.isArray() ? "an array" : node.isObject() ? "an object" : "a single value";
    }

    private static String shown(JsonNode value) {
        if (!value.isValueNode()) {
            return kind(value);
        }
        String text = text(value);
        return "\"" + (text.codePointCount(0, text.length()) > 40
                ? text.substring(0, text.offsetByCodePoints(0, 40)) + "…" : text) + "\"";
    }
}
