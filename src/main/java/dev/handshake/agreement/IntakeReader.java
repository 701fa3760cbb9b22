package dev.handshake.agreement;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handshake.agreement.FieldSource.Pointer;
import dev.handshake.agreement.FieldSourceReader.Target;
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
    private static final Set<String> INTAKE_KEYS = Set.of("sources");
    private static final Set<String> SOURCE_KEYS = Set.of("id", "stage", "lead", "assignee", "note", "criteria_met");
    private static final Set<String> LEAD_KEYS = Set.of("name", "email", "title", "company", "persona", "score",
            "source", "crm_url", "crm_id", "phone", "touches", "extras");
    private static final Set<String> TOUCH_KEYS = Set.of("at", "what");
    private static final Set<String> EACH_KEYS = Set.of("each", "at", "what");
    private final Problems problems;
    private final FieldSourceReader fieldReader;

    /** {@code handoff} (null when it has problems of its own) and {@code personas} are what mappings may name. */
    IntakeReader(Problems problems, HandoffTerms handoff, List<Persona> personas) {
        this.problems = problems;
        this.fieldReader = new FieldSourceReader(problems, handoff, personas);
    }

    /** The sources in the order written; empty when there is no {@code intake} section. */
    List<IntakeSource> read(Fields top) {
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
            IntakeSource source = source(entry.getKey(), Fields.of(entry.getValue(), at, problems, SOURCE_KEYS));
            if (source != null) {
                read.add(source);
            }
        }
        return read;
    }

    private IntakeSource source(String name, Fields source) {
        if (!source.given()) {
            return null;
        }
        FieldSource id = required(source, "id", Target.ID);
        FieldSource stage = required(source, "stage", Target.STAGE);
        LeadMapping lead = lead(source.fields("lead", true, LEAD_KEYS));
        FieldSource assignee = optional(source, "assignee", Target.TEXT);
        FieldSource note = optional(source, "note", Target.TEXT);
        CriteriaMapping criteria = criteria(source);
        if (id == null || stage == null || lead == null) {
            return null;
        }
        return new IntakeSource(name, id, stage, lead, assignee, note, criteria);
    }

    private LeadMapping lead(Fields lead) {
        if (!lead.given()) {
            return null;
        }
        Map<String, FieldSource> fields = new LinkedHashMap<>();
        FieldSource name = required(lead, "name", Target.TEXT);
        if (name != null) {
            fields.put("name", name);
        }
        for (String key : List.of("email", "title", "company", "persona", "score", "source", "crm_url", "crm_id",
                "phone")) {
            Target target = key.equals("persona") ? Target.PERSONA
                    : key.equals("score") ? Target.ANY : Target.TEXT;
            FieldSource field = optional(lead, key, target);
            if (field != null) {
                fields.put(key, field);
            }
        }
        TouchesMapping touches = lead.has("touches") ? touches(lead.value("touches"), lead.at("touches"))
                : null;
        Map<String, FieldSource> extras = lead.has("extras") ? extras(lead.value("extras"), lead.at("extras"))
                : Map.of();
        return name == null ? null : new LeadMapping(fields, touches, extras);
    }

    private Map<String, FieldSource> extras(JsonNode node, NodePath at) {
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
                FieldSource field = fieldReader.read(entry.getValue(), fieldAt, Target.ANY);
                if (field != null) {
                    extras.put(name, field);
                }
            }
        }
        return extras;
    }

    private TouchesMapping touches(JsonNode node, NodePath at) {
        if (node.isTextual()) {
            FieldSource array = fieldReader.read(node, at, Target.ANY);
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
                TouchMapping touch = touch(Fields.of(node.get(i), at.index(i), problems, TOUCH_KEYS));
                if (touch != null) {
                    items.add(touch);
                }
            }
            return new TouchesMapping(null, null, null, items);
        }
        if (node.isObject()) {
            Fields each = Fields.of(node, at, problems, EACH_KEYS);
            FieldSource array = required(each, "each", Target.ANY);
            boolean pointer = array != null && array.value() instanceof Pointer;
            if (array != null && !pointer) {
                problems.report(each.at("each"), "must be a pointer to the array to take touches from");
            }
            TouchMapping item = touch(each);
            return !pointer || item == null ? null : new TouchesMapping(null, (Pointer) array.value(), item, null);
        }
        problems.report(at, "must be a pointer to an array of {at, what} objects, a list of {at, what} mappings, "
                + "or each: with at: and what:, was " + Values.describe(node, problems, at));
        return null;
    }

    private TouchMapping touch(Fields touch) {
        if (!touch.given()) {
            problems.report(touch.path(), "must be a mapping with at: and what:");
            return null;
        }
        FieldSource at = required(touch, "at", Target.TEXT);
        FieldSource what = required(touch, "what", Target.TEXT);
        return at == null || what == null ? null : new TouchMapping(at, what);
    }

    private CriteriaMapping criteria(Fields source) {
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
                FieldSource item = fieldReader.read(node.get(i), at.index(i), Target.TEXT);
                if (item != null) {
                    items.add(item);
                }
            }
            return new CriteriaMapping(null, items);
        }
        FieldSource array = fieldReader.read(node, at, Target.ANY);
        if (array != null && !(array.value() instanceof Pointer)) {
            problems.report(at, "must be a pointer to an array of strings, or a list with one value per criterion");
            return null;
        }
        return array == null ? null : new CriteriaMapping(array, null);
    }

    private FieldSource required(Fields fields, String key, Target target) {
        if (!fields.has(key)) {
            if (fields.given()) {
                boolean everyHandoff = key.equals("id") || key.equals("stage") || key.equals("name");
                problems.report(fields.at(key), fields.isEmpty(key) ? "has no value" : everyHandoff
                        ? "is required: every handoff needs it, so say where it comes from" : "is required");
            }
            return null;
        }
        return fieldReader.read(fields.value(key), fields.at(key), target);
    }

    private FieldSource optional(Fields fields, String key, Target target) {
        if (fields.isEmpty(key)) {
            problems.report(fields.at(key), "has no value; leave the key out when the sender has no such field");
            return null;
        }
        return fields.has(key) ? fieldReader.read(fields.value(key), fields.at(key), target) : null;
    }
}
