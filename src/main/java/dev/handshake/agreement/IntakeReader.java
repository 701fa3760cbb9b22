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
import dev.handshake.agreement.IntakeSource.CriteriaMapping;
import dev.handshake.agreement.IntakeSource.LeadMapping;
import dev.handshake.agreement.IntakeSource.TouchMapping;
import dev.handshake.agreement.IntakeSource.TouchesMapping;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads {@code intake.sources}: for each sender that cannot send the canonical body, how its own body maps onto the
 * canonical fields. Checks every pointer is well-formed (RFC 6901), that {@code id}, {@code stage} and
 * {@code lead.name} are mapped, and that fixed and mapped stages and personas are ones of the agreement.
 */
final class IntakeReader {

    static final int MAX_EXTRAS = 30;
    static final int MAX_EXTRA_NAME = 64;
    static final int MAX_TOUCHES = 50;
    static final int MAX_CRITERIA = 50;

    private static final Pattern SOURCE_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");
    private static final Pattern BAD_ESCAPE = Pattern.compile("~(?![01])");
    private static final Set<String> INTAKE_KEYS = Set.of("sources");
    private static final Set<String> SOURCE_KEYS = Set.of("id", "stage", "lead", "assignee", "note", "criteria_met");
    private static final Set<String> LEAD_KEYS = Set.of("name", "email", "title", "company", "persona", "score",
            "source", "crm_url", "crm_id", "phone", "touches", "extras");
    private static final Set<String> FIELD_KEYS = Set.of("from", "value", "values", "default", "as");
    private static final Set<String> TOUCH_KEYS = Set.of("at", "what");
    private static final Set<String> EACH_KEYS = Set.of("each", "at", "what");
    private static final Map<String, Conversion> CONVERSIONS =
            Map.of("epoch_millis", Conversion.EPOCH_MILLIS, "date", Conversion.DATE);

    /** What a mapped value becomes, which decides what may be fixed in the file. */
    private enum Target { ID, STAGE, PERSONA, TEXT, ANY }

    private final Problems problems;

    IntakeReader(Problems problems) {
        this.problems = problems;
    }

    /** The sources in the order written; empty when there is no {@code intake} section. */
    List<IntakeSource> read(Fields top, HandoffTerms handoff, List<Persona> personas) {
        Fields intake = top.fields("intake", false, INTAKE_KEYS);
        if (!intake.has("sources")) {
            if (intake.isEmpty("sources")) {
                problems.report(intake.at("sources"), "has no value; list the senders, or leave out intake:");
            }
            return List.of();
        }
        JsonNode sources = intake.value("sources");
        NodePath sourcesAt = intake.at("sources");
        if (!sources.isObject()) {
            problems.report(sourcesAt, "must be a mapping of source names (hubspot:, marketo:, …) to their "
                    + "mappings, was " + Values.describe(sources, problems, sourcesAt));
            return List.of();
        }
        Checks checks = new Checks(handoff, personas);
        List<IntakeSource> read = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = sources.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            NodePath at = sourcesAt.key(entry.getKey());
            if (!SOURCE_NAME.matcher(entry.getKey()).matches()) {
                problems.report(at, Values.quote(entry.getKey()) + " cannot be a source name: use lower-case "
                        + "letters, digits, - and _ (it is the end of the URL POST /handoffs/<name>)");
                continue;
            }
            if (entry.getValue().isNull()) {
                problems.report(at, "has no value; map at least id, stage and lead.name");
                continue;
            }
            IntakeSource source = source(entry.getKey(), Fields.of(entry.getValue(), at, problems, SOURCE_KEYS),
                    checks);
            if (source != null) {
                read.add(source);
            }
        }
        return read;
    }

    private IntakeSource source(String name, Fields source, Checks checks) {
        if (!source.given()) {
            return null;
        }
        FieldSource id = required(source, "id", Target.ID, checks);
        FieldSource stage = required(source, "stage", Target.STAGE, checks);
        LeadMapping lead = lead(source.fields("lead", true, LEAD_KEYS), checks);
        FieldSource assignee = optional(source, "assignee", Target.TEXT, checks);
        FieldSource note = optional(source, "note", Target.TEXT, checks);
        CriteriaMapping criteria = criteria(source, checks);
        if (id == null || stage == null || lead == null) {
            return null;
        }
        return new IntakeSource(name, id, stage, lead, assignee, note, criteria);
    }

    private LeadMapping lead(Fields lead, Checks checks) {
        if (!lead.given()) {
            return null;
        }
        Map<String, FieldSource> fields = new LinkedHashMap<>();
        FieldSource name = required(lead, "name", Target.TEXT, checks);
        if (name != null) {
            fields.put("name", name);
        }
        for (String key : List.of("email", "title", "company", "persona", "score", "source", "crm_url", "crm_id",
                "phone")) {
            Target target = key.equals("persona") ? Target.PERSONA : key.equals("score") ? Target.ANY : Target.TEXT;
            FieldSource field = optional(lead, key, target, checks);
            if (field != null) {
                fields.put(key, field);
            }
        }
        TouchesMapping touches = lead.has("touches") ? touches(lead.value("touches"), lead.at("touches"), checks)
                : null;
        Map<String, FieldSource> extras = lead.has("extras") ? extras(lead.value("extras"), lead.at("extras"), checks)
                : Map.of();
        return name == null ? null : new LeadMapping(fields, touches, extras);
    }

    private Map<String, FieldSource> extras(JsonNode node, NodePath at, Checks checks) {
        if (!node.isObject()) {
            problems.report(at, "must be a mapping of extra field names to where each comes from, was "
                    + Values.describe(node, problems, at));
            return Map.of();
        }
        if (node.size() > MAX_EXTRAS) {
            problems.report(at, "maps " + node.size() + " extra fields; a handoff keeps at most " + MAX_EXTRAS);
        }
        Map<String, FieldSource> extras = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String name = entry.getKey();
            NodePath fieldAt = at.key(name);
            if (name.isBlank() || name.codePointCount(0, name.length()) > MAX_EXTRA_NAME) {
                problems.report(fieldAt, "an extra field's name must have 1 to " + MAX_EXTRA_NAME + " characters");
            } else if (LEAD_KEYS.contains(name)) {
                problems.report(fieldAt, Values.quote(name) + " is a lead field of its own: map it as lead." + name
                        + ", not as an extra field");
            } else {
                FieldSource field = field(entry.getValue(), fieldAt, Target.ANY, checks);
                if (field != null) {
                    extras.put(name, field);
                }
            }
        }
        return extras;
    }

    private TouchesMapping touches(JsonNode node, NodePath at, Checks checks) {
        if (node.isTextual()) {
            FieldSource array = field(node, at, Target.ANY, checks);
            if (array != null && !(array.value() instanceof Pointer)) {
                problems.report(at, "must be a pointer to an array of {at, what} objects, a list of {at, what} "
                        + "mappings, or each: with at: and what:");
                return null;
            }
            return array == null ? null : new TouchesMapping(array, null, null, null);
        }
        if (node.isArray()) {
            if (node.size() > MAX_TOUCHES) {
                problems.report(at, "maps " + node.size() + " touches; a handoff keeps at most " + MAX_TOUCHES);
            }
            List<TouchMapping> items = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                TouchMapping touch = touch(Fields.of(node.get(i), at.index(i), problems, TOUCH_KEYS), checks);
                if (touch != null) {
                    items.add(touch);
                }
            }
            return new TouchesMapping(null, null, null, items);
        }
        if (node.isObject()) {
            Fields each = Fields.of(node, at, problems, EACH_KEYS);
            FieldSource array = required(each, "each", Target.ANY, checks);
            boolean pointer = array != null && array.value() instanceof Pointer;
            if (array != null && !pointer) {
                problems.report(each.at("each"), "must be a pointer to the array to take touches from");
            }
            TouchMapping item = touch(each, checks);
            return !pointer || item == null ? null : new TouchesMapping(null, (Pointer) array.value(), item, null);
        }
        problems.report(at, "must be a pointer to an array of {at, what} objects, a list of {at, what} mappings, "
                + "or each: with at: and what:, was " + Values.describe(node, problems, at));
        return null;
    }

    private TouchMapping touch(Fields touch, Checks checks) {
        if (!touch.given()) {
            problems.report(touch.path(), "must be a mapping with at: and what:");
            return null;
        }
        FieldSource at = required(touch, "at", Target.TEXT, checks);
        FieldSource what = required(touch, "what", Target.TEXT, checks);
        return at == null || what == null ? null : new TouchMapping(at, what);
    }

    private CriteriaMapping criteria(Fields source, Checks checks) {
        if (!source.has("criteria_met")) {
            return null;
        }
        JsonNode node = source.value("criteria_met");
        NodePath at = source.at("criteria_met");
        if (node.isArray()) {
            if (node.size() > MAX_CRITERIA) {
                problems.report(at, "maps " + node.size() + " criteria; a handoff keeps at most " + MAX_CRITERIA);
            }
            List<FieldSource> items = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                FieldSource item = field(node.get(i), at.index(i), Target.TEXT, checks);
                if (item != null) {
                    items.add(item);
                }
            }
            return new CriteriaMapping(null, items);
        }
        FieldSource array = field(node, at, Target.ANY, checks);
        if (array != null && !(array.value() instanceof Pointer)) {
            problems.report(at, "must be a pointer to an array of strings, or a list with one value per criterion");
            return null;
        }
        return array == null ? null : new CriteriaMapping(array, null);
    }

    private FieldSource required(Fields fields, String key, Target target, Checks checks) {
        if (!fields.has(key)) {
            if (fields.given()) {
                boolean everyHandoff = key.equals("id") || key.equals("stage") || key.equals("name");
                problems.report(fields.at(key), fields.isEmpty(key) ? "has no value" : everyHandoff
                        ? "is required: every handoff needs it, so say where it comes from" : "is required");
            }
            return null;
        }
        return field(fields.value(key), fields.at(key), target, checks);
    }

    private FieldSource optional(Fields fields, String key, Target target, Checks checks) {
        if (fields.isEmpty(key)) {
            problems.report(fields.at(key), "has no value; leave the key out when the sender has no such field");
            return null;
        }
        return fields.has(key) ? field(fields.value(key), fields.at(key), target, checks) : null;
    }

    /** A pointer, a template or a constant, or a mapping with {@code from:}/{@code value:} and what to do next. */
    private FieldSource field(JsonNode node, NodePath at, Target target, Checks checks) {
        FieldSource field;
        if (node.isObject()) {
            field = detailed(node, at, target);
        } else if (node.isValueNode()) {
            Value value = expression(node, at, true);
            field = value == null ? null : new FieldSource(value, Map.of(), null, Conversion.NONE, at.readable());
        } else {
            problems.report(at, "must be a JSON Pointer (/…), a template (\"…{/…}…\"), a fixed value, or a "
                    + "mapping with from:, was " + Values.describe(node, problems, at));
            return null;
        }
        if (field != null) {
            checks.check(field, at, target);
        }
        return field;
    }

    private FieldSource detailed(JsonNode node, NodePath at, Target target) {
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
        return new FieldSource(value, values, fallback == null ? null : fallback.node(), as, at.readable());
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

    /** The checks that need the rest of the agreement: stages handed to sales and persona ids. */
    private final class Checks {

        private final List<String> stages;
        private final List<String> personas;

        Checks(HandoffTerms handoff, List<Persona> personas) {
            this.stages = handoff == null ? null : handoff.stages().stream().map(StageHandoff::stage).toList();
            this.personas = personas.stream().map(Persona::id).toList();
        }

        void check(FieldSource field, NodePath at, Target target) {
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
}
