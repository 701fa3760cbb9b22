package dev.handshake.db;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/** Stores a list of strings in one TEXT column as a JSON array, and reads it back. */
public final class JsonColumn {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonColumn() {}

    public static String of(List<String> values) {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static List<String> list(String json, String column) {
        try {
            return JSON.readValue(json, new TypeReference<List<String>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(column + " is not a JSON array of strings", e);
        }
    }
}
