package dev.handshake.agreement;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How an intake source fills one canonical field from the sender's body: a value ({@link Pointer}, {@link Template}
 * or {@link Constant}), then optionally a value map ({@code values}, exact text), a {@code fallback} used when the
 * value is missing or not in the map, and a conversion.
 */
public record FieldSource(Value value, Map<String, String> values, JsonNode fallback, Conversion as) {

    public FieldSource {
        Objects.requireNonNull(value, "value == null");
        values = Map.copyOf(values);
        Objects.requireNonNull(as, "as == null");
    }

    /** Where the value comes from. */
    public sealed interface Value permits Pointer, Template, Constant {

        /** As written in the agreement: the pointer, the template, or the constant's text. */
        String text();
    }

    /** An RFC 6901 JSON Pointer into the sender's body, e.g. {@code /properties/email/value}. */
    public record Pointer(String text, JsonPointer pointer) implements Value {}

    /** Text with pointers in braces, e.g. {@code hs-{/vid}-mql}. */
    public record Template(String text, List<Piece> pieces) implements Value {

        public Template {
            pieces = List.copyOf(pieces);
        }
    }

    /** A piece of a template: literal text, or a pointer whose value goes in its place. */
    public record Piece(String literal, JsonPointer pointer) {}

    /** The same value for every body. */
    public record Constant(JsonNode node) implements Value {

        @Override
        public String text() {
            return node.asText();
        }
    }

    /** How the value found is read before it is used. */
    public enum Conversion {
        /** As it is. */
        NONE,
        /** Milliseconds since 1970 (HubSpot's dates), as an ISO-8601 instant. */
        EPOCH_MILLIS,
        /** The {@code yyyy-MM-dd} a date-time starts with (Marketo's {@code 2026-03-02 09:14:00}), as a date. */
        DATE
    }
}
