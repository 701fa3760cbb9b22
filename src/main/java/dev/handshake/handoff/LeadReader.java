package dev.handshake.handoff;

import static dev.handshake.handoff.BodyFields.checked;
import static dev.handshake.handoff.BodyFields.length;
import static dev.handshake.handoff.BodyFields.quoted;
import static dev.handshake.handoff.BodyFields.shown;
import static dev.handshake.handoff.BodyFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.Persona;
import dev.handshake.http.Problem;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads the {@code lead} object of a handoff request. Fields the canonical body does not name are kept as extra
 * fields (scalars only, within limits) rather than refused: CRMs send what their records hold.
 */
final class LeadReader {

    static final int MAX_SHORT = 200;
    static final int MAX_EMAIL = 254;
    static final int MAX_URL = 2000;
    static final int MAX_TOUCHES = 50;
    static final int MAX_TOUCH_WHAT = 200;
    static final int MAX_EXTRAS = 30;
    static final int MAX_EXTRA_NAME = 64;
    static final int MAX_EXTRA_VALUE = 500;

    /** The lead fields the canonical body names; any other is an extra field. */
    static final Set<String> FIELDS = Set.of("name", "email", "title", "company", "persona", "score", "source",
            "crm_url", "crm_id", "phone", "touches");
    private static final Set<String> TOUCH_FIELDS = Set.of("at", "what");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern WHOLE = Pattern.compile("[+-]?[0-9]{1,12}(\\.0*)?");

    private final Agreement agreement;

    LeadReader(Agreement agreement) {
        this.agreement = agreement;
    }

    Lead read(JsonNode node, List<Problem> problems) {
        String name = text(node, "name", "$.lead.name", true, MAX_SHORT, problems);
        String email = text(node, "email", "$.lead.email", false, MAX_EMAIL, problems);
        if (email != null && !EMAIL.matcher(email).matches()) {
            problems.add(new Problem("$.lead.email", "must be an email address"));
        }
        String title = text(node, "title", "$.lead.title", false, MAX_SHORT, problems);
        String company = text(node, "company", "$.lead.company", false, MAX_SHORT, problems);
        String persona = text(node, "persona", "$.lead.persona", false, MAX_SHORT, problems);
        if (persona != null && agreement.persona(persona).isEmpty()) {
            String known = agreement.personas().stream().map(Persona::id).collect(Collectors.joining(", "));
            problems.add(new Problem("$.lead.persona", "unknown persona \"" + persona + "\"; personas: " + known));
        }
        Integer score = score(node.get("score"), problems);
        String source = text(node, "source", "$.lead.source", false, MAX_SHORT, problems);
        String crmUrl = text(node, "crm_url", "$.lead.crm_url", false, MAX_URL, problems);
        String crmId = crmId(node.get("crm_id"), problems);
        String phone = text(node, "phone", "$.lead.phone", false, Phone.MAX_LENGTH, problems);
        if (phone != null && !Phone.valid(phone)) {
            problems.add(new Problem("$.lead.phone", Phone.RULE));
            phone = null;
        }
        List<Touch> touches = touches(node.get("touches"), problems);
        List<ExtraField> extras = extras(node, problems);
        return new Lead(name, email, title, company, persona, score, source, crmUrl, phone, crmId, touches, extras);
    }

    /** A whole number, also when sent as text ({@code "64"}), as CRMs send numbers; blank text is no score. */
    private static Integer score(JsonNode node, List<Problem> problems) {
        if (node == null || node.isNull()) {
            return null;
        }
        BigDecimal number = null;
        if (node.isNumber()) {
            number = node.decimalValue();
        } else if (node.isTextual()) {
            String text = node.textValue().strip();
            if (text.isEmpty()) {
                return null;
            }
            if (WHOLE.matcher(text).matches()) {
                number = new BigDecimal(text);
            }
        }
        if (number != null && number.stripTrailingZeros().scale() <= 0
                && number.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0
                && number.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) >= 0) {
            return number.intValueExact();
        }
        problems.add(new Problem("$.lead.score", node.isTextual()
                ? "must be a whole number, was " + quoted(node.textValue())
                : "must be a whole number"));
        return null;
    }

    /** The lead's id in the CRM: text, or a whole number (CRM ids often are). */
    private static String crmId(JsonNode node, List<Problem> problems) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue().toString();
        }
        if (!node.isTextual()) {
            problems.add(new Problem("$.lead.crm_id", "must be a string or a whole number"));
            return null;
        }
        return checked(node.textValue().strip(), "$.lead.crm_id", false, MAX_SHORT, problems);
    }

    private static List<Touch> touches(JsonNode node, List<Problem> problems) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            problems.add(new Problem("$.lead.touches", "must be an array of {\"at\", \"what\"} objects"));
            return List.of();
        }
        if (node.size() > MAX_TOUCHES) {
            problems.add(new Problem("$.lead.touches", "must have at most " + MAX_TOUCHES + " items"));
        }
        List<Touch> touches = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            String path = "$.lead.touches[" + i + "]";
            if (!item.isObject()) {
                problems.add(new Problem(path, "must be an object with \"at\" and \"what\""));
                continue;
            }
            BodyFields.unknownFields(item, path, TOUCH_FIELDS, problems);
            String at = text(item, "at", path + ".at", true, MAX_SHORT, problems);
            String what = text(item, "what", path + ".what", true, MAX_TOUCH_WHAT, problems);
            Touch touch = at == null ? null : touch(at.strip(), what == null ? "" : what, path + ".at", problems);
            if (touch != null && what != null) {
                touches.add(touch);
            }
        }
        return touches;
    }

    private static Touch touch(String at, String what, String path, List<Problem> problems) {
        try {
            return Touch.at(OffsetDateTime.parse(at).toInstant(), what);
        } catch (DateTimeParseException notAnInstant) {
            try {
                return Touch.on(LocalDate.parse(at), what);
            } catch (DateTimeParseException notADate) {
                problems.add(new Problem(path, "must be an ISO-8601 instant with its offset "
                        + "(2026-03-02T15:14:00Z) or a date (2026-03-02), was " + quoted(at)));
                return null;
            }
        }
    }

    /** Every lead field the canonical body does not name, if scalar and within limits; null and blank are left out. */
    private static List<ExtraField> extras(JsonNode lead, List<Problem> problems) {
        List<ExtraField> extras = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = lead.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            if (FIELDS.contains(name)) {
                continue;
            }
            ExtraField extra = extra(name, field.getValue(), "$.lead." + shown(name), problems);
            if (extra != null) {
                extras.add(extra);
            }
        }
        if (extras.size() > MAX_EXTRAS) {
            problems.add(new Problem("$.lead", "has " + extras.size() + " extra fields; at most " + MAX_EXTRAS
                    + " are kept, so send only those sales needs"));
        }
        return extras;
    }

    private static ExtraField extra(String name, JsonNode value, String path, List<Problem> problems) {
        if (value.isNull()) {
            return null;
        }
        if (name.isBlank()) {
            problems.add(new Problem(path, "an extra field needs a name"));
            return null;
        }
        if (length(name) > MAX_EXTRA_NAME) {
            problems.add(new Problem(path, "an extra field's name must be at most " + MAX_EXTRA_NAME
                    + " characters"));
            return null;
        }
        if (value.isContainerNode()) {
            problems.add(new Problem(path, "is not a field of the canonical body, so it is kept as an extra field, "
                    + "which must be text, a number or true/false, not " + (value.isArray() ? "an array" : "an object")));
            return null;
        }
        if (value.isNumber()) {
            return new ExtraField(name, value.decimalValue());
        }
        if (value.isBoolean()) {
            return new ExtraField(name, value.booleanValue());
        }
        String text = checked(value.asText(), path, false, MAX_EXTRA_VALUE, problems);
        return text == null ? null : new ExtraField(name, text);
    }
}
