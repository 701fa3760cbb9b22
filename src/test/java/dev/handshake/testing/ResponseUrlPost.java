package dev.handshake.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;

/**
 * One post to a {@code response_url} served by {@link FakeSlack}.
 *
 * @param id          the id in {@code /hooks/<id>}
 * @param rawBody     the body as received, decoded as UTF-8
 * @param contentType the request's Content-Type, or null
 * @param at          when the post arrived
 */
public record ResponseUrlPost(String id, String rawBody, String contentType, Instant at) {

    public ResponseUrlPost {
        Objects.requireNonNull(id, "id == null");
        Objects.requireNonNull(rawBody, "rawBody == null");
        Objects.requireNonNull(at, "at == null");
    }

    /** The JSON body, e.g. {@code {"replace_original":true,"text":...,"blocks":[...]}}. */
    public JsonNode json() {
        return Json.parse(rawBody);
    }

    @Override
    public String toString() {
        return "response_url " + id + " @" + at + " " + Text.abbreviate(rawBody, 200);
    }
}
