package dev.handshake.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

/**
 * Reads webhook bodies as JSON, strictly: bounded nesting, string and number sizes, no duplicate keys, nothing after
 * the value. A body that is not JSON gets a short message saying where it broke, safe to send back.
 */
public final class StrictJson {

    /** The body is not JSON; the message says why, in one line without control characters. */
    public static final class MalformedJsonException extends RuntimeException {
        MalformedJsonException(String message) {
            super(message);
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(32).maxStringLength(64 * 1024).maxNumberLength(40).build())
            .build())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private StrictJson() {}

    /** The body's JSON value; a missing node for an empty body. */
    public static JsonNode read(byte[] body) {
        try {
            JsonNode root = MAPPER.readTree(body);
            if (root == null) {
                return MAPPER.missingNode();
            }
            requireUnicode(root, new Where(null, "$"));
            return root;
        } catch (JsonProcessingException e) {
            throw new MalformedJsonException("malformed JSON: " + describe(e));
        } catch (IOException e) {
            throw new MalformedJsonException("unreadable body");
        }
    }

    /**
     * A JSON escape can spell half a character (a lone UTF-16 surrogate); such text cannot be stored or sent on as
     * UTF-8 (it would turn into {@code ?} on the way), so it is refused here, with where it is, like broken JSON. So
     * is the NUL character ({@code \u0000}): PostgreSQL cannot store it in text, and the app stores the same text on
     * both of its databases.
     */
    private static void requireUnicode(JsonNode node, Where path) {
        if (node.isTextual() && !wellFormed(node.textValue())) {
            throw new MalformedJsonException("malformed JSON: the string at " + path
                    + " holds half a UTF-16 surrogate pair, which is not text");
        }
        if (node.isTextual() && node.textValue().indexOf('\u0000') >= 0) {
            throw new MalformedJsonException("malformed JSON: the string at " + path
                    + " holds a NUL character (\\u0000), which cannot be stored as text");
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                requireUnicode(node.get(i), new Where(path, "[" + i + "]"));
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!wellFormed(field.getKey()) || field.getKey().indexOf('\u0000') >= 0) {
                    throw new MalformedJsonException("malformed JSON: a field name in " + path
                            + " holds half a UTF-16 surrogate pair or a NUL character, which is not text");
                }
                String name = field.getKey().length() > 40 ? field.getKey().substring(0, 40) + "…" : field.getKey();
                requireUnicode(field.getValue(), new Where(path, "." + name));
            }
        }
    }

    /** Where a value sits in the document ({@code $.lead.name}); spelled out only for an error message. */
    private record Where(Where parent, String step) {
        @Override
        public String toString() {
            String here = step.replaceAll("\\p{Cntrl}", " ");
            return parent == null ? here : parent + here;
        }
    }

    private static boolean wellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static String describe(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        if (message == null) {
            message = "cannot parse";
        }
        int cut = message.indexOf('\n');
        if (cut > 0) {
            message = message.substring(0, cut);
        }
        if (message.length() > 200) {
            message = message.substring(0, 200) + "…";
        }
        if (e.getLocation() != null) {
            message += " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        }
        return message.replaceAll("\\p{Cntrl}", " ");
    }
}
