package dev.handshake.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Sends the app what Slack sends it, over real HTTP to {@code /slack/events}: slash commands and interactions as
 * forms, Events API callbacks as JSON, each signed with the signing secret as Slack signs (HMAC-SHA256 of
 * {@code v0:<timestamp>:<body>}, the timestamp read from the app's clock). Like Slack, waits three seconds for the
 * acknowledgement and no longer. Thread-safe.
 */
final class SignedRequests {

    /** Slack's limit on an acknowledgement. */
    static final Duration ACK_TIMEOUT = Duration.ofSeconds(3);

    /** The app's answer; {@code timedOut} when it did not answer within {@link #ACK_TIMEOUT}. */
    record Answer(int status, String contentType, String body, boolean timedOut) {

        boolean ok() {
            return !timedOut && status == 200;
        }
    }

    private final URI events;
    private final SecretKeySpec key;
    private final Clock clock;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    SignedRequests(URI events, String signingSecret, Clock clock, ObjectMapper json) {
        this.events = Objects.requireNonNull(events, "events == null");
        this.key = new SecretKeySpec(signingSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.clock = Objects.requireNonNull(clock, "clock == null");
        this.json = Objects.requireNonNull(json, "json == null");
    }

    /** A slash command: the form fields Slack posts. */
    Answer form(Map<String, String> fields) {
        StringJoiner body = new StringJoiner("&");
        fields.forEach((name, value) -> body.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8)));
        return post(body.toString(), "application/x-www-form-urlencoded");
    }

    /** An interaction: {@code payload=<json>}, as Slack posts block actions and view submissions. */
    Answer interaction(ObjectNode payload) {
        return post("payload=" + URLEncoder.encode(write(payload), StandardCharsets.UTF_8),
                "application/x-www-form-urlencoded");
    }

    /** An Events API callback, posted as JSON. */
    Answer event(ObjectNode envelope) {
        return post(write(envelope), "application/json");
    }

    /** The signature Slack would send for {@code body} at {@code timestamp}. */
    String sign(long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest = mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8));
            return "v0=" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    private Answer post(String body, String contentType) {
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(events)
                .timeout(ACK_TIMEOUT)
                .header("Content-Type", contentType)
                .header("User-Agent", "Slackbot 1.0 (+https://api.slack.com/robots)")
                .header("X-Slack-Request-Timestamp", Long.toString(timestamp))
                .header("X-Slack-Signature", sign(timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        try {
            HttpResponse<String> response = http.send(request,
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body(), false);
        } catch (HttpTimeoutException e) {
            return new Answer(0, "", "", true);
        } catch (IOException e) {
            return new Answer(0, "", "", false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, "", "", false);
        }
    }

    private String write(ObjectNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
