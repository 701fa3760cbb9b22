package dev.handshake.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A modal's {@code state.values} as Slack builds them from what a member entered, input block by input block; and
 * what Slack's client refuses before sending (a required field left empty, a text shorter or longer than allowed).
 */
final class ModalState {

    /** The values to send, or per block the message Slack's client shows under the field. */
    record Read(ObjectNode values, Map<String, String> problems) {}

    private ModalState() {}

    static Read read(JsonNode view, JsonNode input, ObjectMapper json) {
        ObjectNode values = json.createObjectNode();
        Map<String, String> problems = new LinkedHashMap<>();
        for (JsonNode block : view.path("blocks")) {
            if (!"input".equals(block.path("type").asText())) {
                continue;
            }
            String blockId = block.path("block_id").asText();
            JsonNode element = block.path("element");
            String actionId = element.path("action_id").asText();
            JsonNode entered = input.path(blockId).path(actionId);
            boolean optional = block.path("optional").asBoolean(false);
            ObjectNode state = json.createObjectNode().put("type", element.path("type").asText());
            String problem = fill(state, element, entered, json);
            boolean empty = isEmpty(state);
            if (problem == null && empty && !optional) {
                problem = "Please complete this required field.";
            }
            if (problem != null) {
                problems.put(blockId, problem);
            }
            values.putObject(blockId).set(actionId, state);
        }
        return new Read(values, problems);
    }

    /** The option of a select, radio group or overflow menu with this value, as the app defined it. */
    static Optional<JsonNode> option(JsonNode element, String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (JsonNode option : element.path("options")) {
            if (value.equals(option.path("value").asText(null))) {
                return Optional.of(option);
            }
        }
        for (JsonNode group : element.path("option_groups")) {
            for (JsonNode option : group.path("options")) {
                if (value.equals(option.path("value").asText(null))) {
                    return Optional.of(option);
                }
            }
        }
        return Optional.empty();
    }

    private static String fill(ObjectNode state, JsonNode element, JsonNode entered, ObjectMapper json) {
        String text = entered.isTextual() ? entered.asText() : null;
        switch (element.path("type").asText()) {
            case "plain_text_input", "email_text_input", "url_text_input", "number_input" -> {
                String value = text == null || text.isEmpty() ? null : text;
                if (value == null) {
                    state.putNull("value");
                    return null;
                }
                state.put("value", value);
                int length = value.codePointCount(0, value.length());
                if (element.has("min_length") && length < element.get("min_length").asInt()) {
                    return "Please enter at least " + element.get("min_length").asInt() + " characters.";
                }
                if (element.has("max_length") && length > element.get("max_length").asInt()) {
                    return "Please enter no more than " + element.get("max_length").asInt() + " characters.";
                }
                return null;
            }
            case "static_select", "radio_buttons" -> {
                Optional<JsonNode> chosen = option(element, text);
                if (chosen.isPresent()) {
                    state.set("selected_option", chosen.get());
                } else {
                    state.putNull("selected_option");
                }
                return text != null && !text.isEmpty() && chosen.isEmpty() ? "Choose one of the options." : null;
            }
            case "checkboxes", "multi_static_select" -> {
                ArrayNode selected = state.putArray("selected_options");
                for (JsonNode value : entered.isArray() ? entered : json.createArrayNode()) {
                    Optional<JsonNode> chosen = option(element, value.asText());
                    if (chosen.isEmpty()) {
                        return "Choose among the options.";
                    }
                    selected.add(chosen.get());
                }
                return null;
            }
            case "datepicker" -> {
                if (text == null || text.isEmpty()) {
                    state.putNull("selected_date");
                    return null;
                }
                try {
                    state.put("selected_date", LocalDate.parse(text).toString());
                    return null;
                } catch (DateTimeParseException e) {
                    state.putNull("selected_date");
                    return "Pick a date.";
                }
            }
            default -> {
                return null;
            }
        }
    }

    private static boolean isEmpty(ObjectNode state) {
        for (String field : new String[] {"value", "selected_option", "selected_date"}) {
            if (state.has(field)) {
                return state.get(field).isNull();
            }
        }
        return !state.has("selected_options") || state.get("selected_options").isEmpty();
    }
}
