package dev.handshake.agreement;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code hubspot:}, the built-in HubSpot writer's mapping: which intake sources' handoffs carry a HubSpot
 * contact id (each must map {@code lead.crm_id}), and for each kind of event the contact properties to set, the
 * owner to set and whether to add a note.
 */
final class HubSpotReader {

    static final String DEFAULT_SOURCE = "hubspot";
    private static final Set<String> KEYS = Set.of("sources", "on", "retry_hours");
    private static final Set<String> UPDATE_KEYS = Set.of("properties", "owner", "note");
    private static final Map<String, HubSpotTerms.OwnerFrom> OWNERS =
            Values.lowerCaseChoices(HubSpotTerms.OwnerFrom.values());
    /** HubSpot's internal property names: lower-case letters, digits and underscores. */
    private static final Pattern PROPERTY = Pattern.compile("[a-z][a-z0-9_]{0,99}");
    private static final int MAX_VALUE = 1000;

    private final Problems problems;
    private final WebhooksReader shared;

    HubSpotReader(Problems problems) {
        this.problems = problems;
        this.shared = new WebhooksReader(problems);
    }

    /** The writer's terms, or null when there is no {@code hubspot:} (or it has problems, then reported). */
    HubSpotTerms read(Fields top, List<IntakeSource> intake) {
        if (top.isEmpty("hubspot")) {
            problems.report(top.at("hubspot"), "has no value; say what each event changes (on:), or leave out "
                    + "hubspot:");
            return null;
        }
        if (!top.has("hubspot")) {
            return null;
        }
        Fields hubspot = top.fields("hubspot", false, KEYS);
        if (!hubspot.given()) {
            return null;
        }
        List<String> sources = sources(hubspot, intake);
        Map<String, HubSpotTerms.Update> on = on(hubspot);
        Duration retryFor = shared.retryHours(hubspot);
        if (sources == null || on == null || retryFor == null) {
            return null;
        }
        return new HubSpotTerms(sources, on, retryFor);
    }

    private List<String> sources(Fields hubspot, List<IntakeSource> intake) {
        List<Fields.Located> named = hubspot.has("sources") ? hubspot.located("sources", true)
                : List.of(new Fields.Located(DEFAULT_SOURCE, hubspot.at("sources")));
        List<String> sources = new ArrayList<>();
        boolean valid = true;
        for (Fields.Located source : named) {
            IntakeSource found = intake.stream().filter(s -> s.name().equals(source.text())).findFirst().orElse(null);
            if (found == null) {
                problems.report(source.at(), (hubspot.has("sources") ? "" : "no sources: given, so the handoffs of "
                        + "the intake source \"hubspot\" are written; but ") + "intake.sources has no source named "
                        + Values.quote(source.text()) + "; list the sources whose handoffs are HubSpot contacts");
                valid = false;
            } else if (!found.lead().fields().containsKey("crm_id")) {
                problems.report(source.at(), "the intake source " + Values.quote(source.text()) + " does not map "
                        + "lead.crm_id, where the writer finds the HubSpot contact id; map it (e.g. crm_id: /vid)");
                valid = false;
            } else {
                sources.add(source.text());
            }
        }
        return valid ? sources : null;
    }

    private Map<String, HubSpotTerms.Update> on(Fields hubspot) {
        if (!hubspot.require("on")) {
            return null;
        }
        JsonNode on = hubspot.value("on");
        NodePath at = hubspot.at("on");
        if (!on.isObject() || on.isEmpty()) {
            problems.report(at, "must map event kinds (accepted:, rejected:, …) to what each changes, was "
                    + Values.describe(on, problems, at));
            return null;
        }
        Map<String, HubSpotTerms.Update> updates = new LinkedHashMap<>();
        boolean valid = true;
        for (Iterator<Map.Entry<String, JsonNode>> it = on.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            NodePath kindAt = at.key(entry.getKey());
            if (!shared.kind(entry.getKey(), kindAt)) {
                valid = false;
                continue;
            }
            HubSpotTerms.Update update = update(Fields.of(entry.getValue(), kindAt, problems, UPDATE_KEYS));
            if (update == null) {
                valid = false;
            } else {
                updates.put(entry.getKey(), update);
            }
        }
        return valid ? updates : null;
    }

    private HubSpotTerms.Update update(Fields update) {
        if (!update.given()) {
            problems.report(update.path(), "has no value; give properties:, owner: or note:");
            return null;
        }
        Map<String, String> properties = properties(update);
        HubSpotTerms.OwnerFrom owner = update.optionalOneOf("owner", OWNERS);
        Boolean note = update.flag("note", false);
        if (properties == null || (update.has("owner") && owner == null) || note == null) {
            return null;
        }
        if (properties.isEmpty() && owner == null && !note) {
            problems.report(update.path(), "changes nothing; give properties:, owner: or note: true");
            return null;
        }
        return new HubSpotTerms.Update(properties, owner, note);
    }

    private Map<String, String> properties(Fields update) {
        Map<String, String> properties = new LinkedHashMap<>();
        if (!update.has("properties")) {
            return properties;
        }
        JsonNode node = update.value("properties");
        NodePath at = update.at("properties");
        if (!node.isObject()) {
            problems.report(at, "must map HubSpot property names to values (hs_lead_status: IN_PROGRESS), was "
                    + Values.describe(node, problems, at));
            return null;
        }
        boolean valid = true;
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            NodePath propertyAt = at.key(entry.getKey());
            String name = entry.getKey();
            JsonNode value = entry.getValue();
            if (name.equals("hubspot_owner_id")) {
                problems.report(propertyAt, "set the owner with owner: actor or owner: assignee (found by the "
                        + "person's email among HubSpot's owners), not as a fixed property");
                valid = false;
            } else if (!PROPERTY.matcher(name).matches()) {
                problems.report(propertyAt, Values.quote(name) + " is not a HubSpot internal property name (lower-"
                        + "case letters, digits and _, such as hs_lead_status; see the property's settings in HubSpot)");
                valid = false;
            } else if (value == null || !value.isValueNode() || value.isNull()) {
                problems.report(propertyAt, "must be a single value, was " + Values.describe(value, problems,
                        propertyAt));
                valid = false;
            } else if (value.asText().length() > MAX_VALUE) {
                problems.report(propertyAt, "must be at most " + MAX_VALUE + " characters");
                valid = false;
            } else {
                properties.put(name, value.asText());
            }
        }
        return valid ? properties : null;
    }
}
