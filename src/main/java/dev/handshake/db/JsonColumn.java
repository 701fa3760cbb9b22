package dev.handshake.db;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;

/** Stores a list of strings, or named strings, in one TEXT column as JSON, and reads them back. */
public final class JsonColumn {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonColumn() {}

    public static String of(List<String> values) {
        return write(values);
    }

    public static String of(Map<String, String> fields) {
        return write(fields);
    }

    public static List<String> list(String json, String column) {
        try {
            return JSON.readValue(json, new TypeReference<List<String>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(column + " is not a JSON array of strings", e);
        }
    }

    /** The fields of a JSON object of strings; empty for null. */
    public static Map<String, String> fields(String json) {
        if (json == null) {
            return Map.of();
        }
        try {
            return JSON.readValue(json, new TypeReference<Map<String, String>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not a JSON object of strings", e);
        }
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
