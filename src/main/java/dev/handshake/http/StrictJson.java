package dev.handshake.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

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
            return root == null ? MAPPER.missingNode() : root;
        } catch (JsonProcessingException e) {
            throw new MalformedJsonException("malformed JSON: " + describe(e));
        } catch (IOException e) {
            throw new MalformedJsonException("unreadable body");
        }
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
