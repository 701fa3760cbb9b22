package dev.handshake.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One Web API call received by {@link FakeSlack}, including calls it answered with a scripted fault.
 *
 * @param method       the API method, e.g. {@code chat.postMessage}
 * @param params       form fields (or top-level JSON fields; non-string JSON values as JSON text), in request order
 * @param rawBody      the request body as received, decoded as UTF-8
 * @param token        the bearer token, or the {@code token} field when no Authorization header was sent
 * @param at           when the request arrived
 * @param status       the HTTP status answered, or 0 when the call was left hanging
 * @param answeredWith {@code "ok"}, the Slack error code sent with {@code ok:false} (e.g. {@code ratelimited},
 *                     {@code invalid_blocks}), {@code "http_<status>"} for a bare status fault, or {@code "hang"}
 * @param responseBody the body the fake answered with, or null when it left the call hanging
 * @param responseHeaders headers the fake added to its answer, such as {@code Retry-After} on a 429
 * @param lostAnswer   for a call that took effect but whose answer was lost ({@link Fault#answerLost}), the answer
 *                     Slack would have sent; otherwise null
 */
public record SlackCall(
        String method,
        Map<String, String> params,
        String rawBody,
        String token,
        Instant at,
        int status,
        String answeredWith,
        String responseBody,
        Map<String, String> responseHeaders,
        String lostAnswer) {

    public SlackCall {
        Objects.requireNonNull(method, "method == null");
        responseHeaders = Map.copyOf(Objects.requireNonNull(responseHeaders, "responseHeaders == null"));
        params = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(params, "params == null")));
        Objects.requireNonNull(rawBody, "rawBody == null");
        Objects.requireNonNull(at, "at == null");
        Objects.requireNonNull(answeredWith, "answeredWith == null");
    }

    /** A call answered without headers of its own. */
    public SlackCall(String method, Map<String, String> params, String rawBody, String token, Instant at, int status,
            String answeredWith, String responseBody) {
        this(method, params, rawBody, token, at, status, answeredWith, responseBody, Map.of(), null);
    }

    /** A call whose answer (with these headers) reached its caller. */
    public SlackCall(String method, Map<String, String> params, String rawBody, String token, Instant at, int status,
            String answeredWith, String responseBody, Map<String, String> responseHeaders) {
        this(method, params, rawBody, token, at, status, answeredWith, responseBody, responseHeaders, null);
    }

    /** The {@code Retry-After} the fake sent with this answer, if any. */
    public Optional<Duration> retryAfter() {
        String value = responseHeaders.get("Retry-After");
        return value == null ? Optional.empty() : Optional.of(Duration.ofSeconds(Long.parseLong(value.trim())));
    }

    /** A form field or top-level JSON field, or null. */
    public String param(String name) {
        return params.get(name);
    }

    /** Parses a parameter that carries JSON, such as {@code blocks}, {@code view} or {@code files}. */
    public JsonNode json(String param) {
        String value = params.get(param);
        if (value == null) {
            throw new IllegalArgumentException(method + " has no parameter '" + param + "'; it has " + params.keySet());
        }
        return Json.parse(value);
    }

    /** The JSON the fake answered with, e.g. {@code response().path("ts")} for the ts it gave a posted message. */
    public JsonNode response() {
        if (responseBody == null) {
            throw new IllegalStateException(method + " was never answered (" + answeredWith + ")");
        }
        return Json.parse(responseBody);
    }

    /** True when Slack would have answered HTTP 200 with {@code ok:true}. */
    public boolean succeeded() {
        return status == 200 && "ok".equals(answeredWith);
    }

    /** True when the call did what it asked in Slack, whether or not its caller got the answer. */
    public boolean tookEffect() {
        return succeeded() || answerLost();
    }

    /** True when the call took effect but its answer was lost (a scripted {@link Fault#answerLost}). */
    public boolean answerLost() {
        return lostAnswer != null && Json.parse(lostAnswer).path("ok").asBoolean(false);
    }

    /** What Slack did: the answer sent, or for a lost answer the one it would have sent. */
    public JsonNode result() {
        return lostAnswer != null ? Json.parse(lostAnswer) : response();
    }

    @Override
    public String toString() {
        String shown = params.entrySet().stream()
                .map(e -> e.getKey() + "=" + Text.abbreviate(e.getValue(), 80))
                .collect(Collectors.joining(", ", "{", "}"));
        return method + " @" + at + " -> " + (status == 0 ? "" : status + " ") + answeredWith + " " + shown;
    }
}
