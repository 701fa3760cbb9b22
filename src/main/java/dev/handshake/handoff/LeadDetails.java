package dev.handshake.handoff;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The lead's touches and extra fields as JSON: how they are stored (one TEXT column each) and how they appear in a
 * canonical body, in the order sent.
 */
public final class LeadDetails {

    /** Numbers are read as decimals, so an extra field's number comes back exactly as stored. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private LeadDetails() {}

    /** {@code [{"at": "2026-03-02", "what": "…"}, …]}. */
    public static ArrayNode touches(List<Touch> touches) {
        ArrayNode array = JSON.createArrayNode();
        for (Touch touch : touches) {
            array.addObject().put("at", touch.atText()).put("what", touch.what());
        }
        return array;
    }

    /** {@code {"Industry": "Retail", "Employees": 1200, "Opted in": true}}. */
    public static ObjectNode extras(List<ExtraField> extras) {
        ObjectNode object = JSON.createObjectNode();
        for (ExtraField extra : extras) {
            if (extra.value() instanceof BigDecimal number) {
                object.put(extra.name(), number);
            } else if (extra.value() instanceof Boolean flag) {
                object.put(extra.name(), flag);
            } else {
                object.put(extra.name(), (String) extra.value());
            }
        }
        return object;
    }

    static String touchesColumn(List<Touch> touches) {
        return write(touches(touches));
    }

    static String extrasColumn(List<ExtraField> extras) {
        return write(extras(extras));
    }

    static List<Touch> touchesFrom(String column) {
        List<Touch> touches = new ArrayList<>();
        for (JsonNode item : read(column, "lead_touches")) {
            String at = item.path("at").asText();
            String what = item.path("what").asText();
            touches.add(at.contains("T") ? Touch.at(Instant.parse(at), what) : Touch.on(LocalDate.parse(at), what));
        }
        return touches;
    }

    static List<ExtraField> extrasFrom(String column) {
        List<ExtraField> extras = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = read(column, "lead_extras").fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            Object kept = value.isNumber() ? value.decimalValue()
                    : value.isBoolean() ? (Object) value.booleanValue() : value.asText();
            extras.add(new ExtraField(field.getKey(), kept));
        }
        return extras;
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode read(String column, String name) {
        try {
            return column == null ? JSON.createArrayNode() : JSON.readTree(column);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(name + " is not the JSON the app wrote", e);
        }
    }
}
