package dev.handshake.agreement;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.handshake.agreement.FieldSource.Constant;
import dev.handshake.agreement.FieldSource.Conversion;
import dev.handshake.agreement.FieldSource.Piece;
import dev.handshake.agreement.FieldSource.Pointer;
import dev.handshake.agreement.FieldSource.Template;
import dev.handshake.agreement.FieldSource.Value;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads how an intake source fills one field: a JSON Pointer (checked well-formed, RFC 6901), a template, a fixed
 * value, or a mapping with {@code from:}, {@code values:}, {@code default:} and {@code as:}; and checks that fixed and
 * mapped stages and personas are ones of the agreement.
 */
final class FieldSourceReader {

    /** What a mapped value becomes, which decides what may be fixed in the file. */
    enum Target { ID, STAGE, PERSONA, TEXT, ANY }

    private static final Pattern BAD_ESCAPE = Pattern.compile("~(?![01])");
    private static final Set<String> FIELD_KEYS = Set.of("from", "value", "values", "default", "as");
    private static final Map<String, Conversion> CONVERSIONS = new LinkedHashMap<>();

    static {
        CONVERSIONS.put("epoch_millis", Conversion.EPOCH_MILLIS);
        CONVERSIONS.put("date", Conversion.DATE);
    }

    private final Problems problems;
    private final List<String> stages;
    private final List<String> personas;

    /** {@code handoff} is null when it has problems of its own; stages are then not checked. */
    FieldSourceReader(Problems problems, HandoffTerms handoff, List<Persona> personas) {
        this.problems = problems;
        this.stages = handoff == null ? null : handoff.stages().stream().map(StageHandoff::stage).toList();
        this.personas = personas.stream().map(Persona::id).toList();
    }

    /** A pointer, a template or a constant, or a mapping with {@code from:}/{@code value:} and what to do next. */
    FieldSource read(JsonNode node, NodePath at, Target target) {
        FieldSource field;
        if (node.isObject()) {
            field = detailed(node, at);
        } else if (node.isValueNode()) {
            Value value = expression(node, at, true);
            field = value == null ? null : new FieldSource(value, Map.of(), null, Conversion.NONE);
        } else {
            problems.report(at, "must be a JSON Pointer (/…), a template (\"…{/…}…\"), a fixed value, or a "
                    + "mapping with from:, was " + Values.describe(node, problems, at));
            return null;
        }
        if (field != null) {
            check(field, at, target);
        }
        return field;
    }

    private FieldSource detailed(JsonNode node, NodePath at) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (name.startsWith("/")) {
                problems.report(at, "reads as a mapping because it starts with {: put a template in quotes, e.g. "
                        + "\"{/properties/firstname/value} {/properties/lastname/value}\"");
                return null;
            }
        }
        Fields fields = Fields.of(node, at, problems, FIELD_KEYS);
        boolean from = fields.has("from");
        boolean fixed = fields.has("value");
        if (from == fixed) {
            problems.report(at, from ? "give either from: (a pointer or template) or value: (a fixed value), not both"
                    : "must give from: (a JSON Pointer such as /properties/email/value, or a template) or value:");
            return null;
        }
        Value value = from ? expression(fields.value("from"), fields.at("from"), false)
                : constant(fields.value("value"), fields.at("value"));
        Map<String, String> values = new LinkedHashMap<>();
        if (fields.has("values")) {
            JsonNode map = fields.value("values");
            if (!map.isObject()) {
                problems.report(fields.at("values"), "must be a mapping of the sender's values to ours, was "
                        + Values.describe(map, problems, fields.at("values")));
            } else {
                for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = it.next();
                    String mapped = Values.text(entry.getValue(), fields.at("values").key(entry.getKey()), problems);
                    if (mapped != null) {
                        values.put(entry.getKey(), mapped);
                    }
                }
            }
        }
        Constant fallback = fields.has("default") ? constant(fields.value("default"), fields.at("default")) : null;
        Conversion as = fields.has("as") ? fields.optionalOneOf("as", CONVERSIONS) : Conversion.NONE;
        if (value == null || as == null || (fields.has("default") && fallback == null)) {
            return null;
        }
        return new FieldSource(value, values, fallback == null ? null : fallback.node(), as);
    }

    /** A pointer when it starts with {@code /}, a template when it holds {@code {/…}}, else a fixed value. */
    private Value expression(JsonNode node, NodePath at, boolean constantAllowed) {
        if (node.isTextual() && node.textValue().startsWith("/")) {
            JsonPointer pointer = pointer(node.textValue(), at, "");
            return pointer == null ? null : new Pointer(node.textValue(), pointer);
        }
        if (node.isTextual() && node.textValue().contains("{/")) {
            return template(node.textValue(), at);
        }
        if (!constantAllowed) {
            problems.report(at, "must be a JSON Pointer (starting with /) or a template with {/pointer} in it; "
                    + "for a fixed value write value: instead of from:");
            return null;
        }
        return constant(node, at);
    }

    private Constant constant(JsonNode node, NodePath at) {
        if (node == null || !node.isValueNode()) {
            problems.report(at, "must be a single value (text, a number or true/false), was "
                    + Values.describe(node, problems, at));
            return null;
        }
        if (node.isTextual()) {
            String text = Values.text(node, at, problems);
            return text == null ? null : new Constant(TextNode.valueOf(text));
        }
        return new Constant(node);
    }

    private Template template(String text, NodePath at) {
        List<Piece> pieces = new ArrayList<>();
        int from = 0;
        boolean ok = true;
        while (from < text.length()) {
            int open = text.indexOf("{/", from);
            if (open < 0) {
                pieces.add(new Piece(text.substring(from), null));
                break;
            }
            if (open > from) {
                pieces.add(new Piece(text.substring(from, open), null));
            }
            int close = text.indexOf('}', open);
            if (close < 0) {
                problems.report(at, "the template opens a pointer with { at character " + (open + 1)
                        + " and never closes it with }");
                return null;
            }
            JsonPointer pointer = pointer(text.substring(open + 1, close), at, "the template's pointer ");
            ok &= pointer != null;
            pieces.add(new Piece(null, pointer));
            from = close + 1;
        }
        return ok ? new Template(text, pieces) : null;
    }

    private JsonPointer pointer(String text, NodePath at, String what) {
        if (BAD_ESCAPE.matcher(text).find()) {
            problems.report(at, what + Values.quote(text) + " is not a well-formed JSON Pointer (RFC 6901): a ~ must "
                    + "be followed by 0 (for ~) or 1 (for /)");
            return null;
        }
        try {
            return JsonPointer.compile(text);
        } catch (IllegalArgumentException e) {
            problems.report(at, what + Values.quote(text) + " is not a well-formed JSON Pointer (RFC 6901)");
            return null;
        }
    }

    private void check(FieldSource field, NodePath at, Target target) {
        if (target == Target.ID && field.value() instanceof Constant) {
            problems.report(at, "must come from the body (a pointer, or a template such as \"hs-{/vid}-mql\"): "
                    + "a fixed id would make every lead the same handoff");
        }
        if (target == Target.STAGE && stages != null) {
            known(field, at, stages, "stage", "is not handed to sales; stages handed to sales: ");
        }
        if (target == Target.PERSONA) {
            known(field, at, personas, "persona", "is not a persona of the agreement; personas: ");
        }
    }

    private void known(FieldSource field, NodePath at, List<String> ids, String what, String problem) {
        String known = ids.stream().collect(Collectors.joining(", "));
        if (field.value() instanceof Constant constant && !ids.contains(constant.text())) {
            problems.report(at, what + " " + Values.quote(constant.text()) + " " + problem + known);
        }
        field.values().forEach((from, to) -> {
            if (!ids.contains(to)) {
                problems.report(at.key("values").key(from), what + " " + Values.quote(to) + " " + problem + known);
            }
        });
        if (field.fallback() != null && !ids.contains(field.fallback().asText())) {
            problems.report(at.key("default"), what + " " + Values.quote(field.fallback().asText()) + " "
                    + problem + known);
        }
    }
}
