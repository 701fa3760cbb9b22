package dev.handshake.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * The shape of every Web API answer: {@code ok:true} with fields, or {@code ok:false} with Slack's error and, when
 * there are details, Slack's {@code response_metadata.messages}.
 */
final class ApiAnswers {

    /** A request the stand-in cannot read; answered {@code invalid_arguments}, as Slack does. */
    static final class Malformed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    private final ObjectMapper json;

    ApiAnswers(ObjectMapper json) {
        this.json = Objects.requireNonNull(json, "json == null");
    }

    ObjectNode ok() {
        return json.createObjectNode().put("ok", true);
    }

    ObjectNode error(String error, String... messages) {
        ObjectNode answer = json.createObjectNode().put("ok", false).put("error", error);
        if (messages.length > 0) {
            ArrayNode list = answer.putObject("response_metadata").putArray("messages");
            for (String message : messages) {
                list.add(message);
            }
        }
        return answer;
    }

    ObjectNode missing(String field) {
        return error("invalid_arguments", "[ERROR] missing required field: " + field);
    }

    /** A JSON argument (blocks, view, files); throws {@link Malformed} naming it when it is not JSON. */
    JsonNode parse(String text, String field) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new Malformed(field + " is not valid JSON [json-pointer:/" + field + "]");
        }
    }

    static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
