package dev.handshake.crm;

import dev.handshake.agreement.WebhookEndpoint;
import dev.handshake.handoff.Handoff;
import dev.handshake.handoff.HandoffStore;
import dev.handshake.handoff.HandoffStore.LedgerEntry;
import dev.handshake.outbox.Failure;
import dev.handshake.outbox.FailedCall;
import dev.handshake.outbox.OutboxHandler;
import dev.handshake.outbox.OutboxItem;
import dev.handshake.outbox.Sent;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Sends one webhook endpoint's items: the event and its handoff as JSON, signed as Standard Webhooks says, POSTed to
 * the endpoint. What an answer means: 2xx delivered; 410 Gone disables the endpoint; 429 (and 502/503/504 with a
 * {@code Retry-After}) waits as asked; 5xx, 408, timeouts and refused connections back off and retry until the
 * endpoint's retry limit; any other answer (4xx, a redirect) is retried {@link #CLIENT_ERROR_TRIES} times, then
 * recorded as failed. Thread-safe.
 */
final class WebhookHandler implements OutboxHandler {

    static final String KIND_PREFIX = "webhook:";
    static final int CLIENT_ERROR_TRIES = 3;
    private static final String USER_AGENT = "Handshake-Webhooks/1.0";

    private final WebhookEndpoint endpoint;
    private final WebhookSecret secret;
    private final HttpClient http;
    private final HandoffStore handoffs;
    private final EndpointStore endpoints;
    private final DeliveryStatus status;
    private final Clock clock;

    WebhookHandler(WebhookEndpoint endpoint, WebhookSecret secret, HttpClient http, HandoffStore handoffs,
            EndpointStore endpoints, DeliveryStatus status, Clock clock) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint == null");
        this.secret = Objects.requireNonNull(secret, "secret == null");
        this.http = Objects.requireNonNull(http, "http == null");
        this.handoffs = Objects.requireNonNull(handoffs, "handoffs == null");
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints == null");
        this.status = Objects.requireNonNull(status, "status == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
    }

    static String kind(String endpoint) {
        return KIND_PREFIX + endpoint;
    }

    /** Where the endpoint is, for messages: its scheme and host only (a path may hold a receiver's token). */
    static String where(WebhookEndpoint endpoint) {
        return endpoint.url().getScheme() + "://" + endpoint.url().getAuthority();
    }

    @Override
    public String transport() {
        return kind(endpoint.name());
    }

    @Override
    public Duration giveUpAfter() {
        return endpoint.retryFor();
    }

    /** Failed deliveries stay a quarter, for {@code webhooks redeliver}; done ones as long, for a look back. */
    @Override
    public Duration keepFor() {
        return Crm.KEEP_FOR;
    }

    @Override
    public Sent send(OutboxItem item) {
        Optional<EndpointStore.Disabled> disabled = endpoints.disabled(endpoint.name());
        if (disabled.isPresent()) {
            return Sent.gaveUp("not sent: the endpoint is disabled since it answered " + disabled.get().reason()
                    + " at " + disabled.get().at() + " (webhooks redeliver --endpoint " + endpoint.name()
                    + " sends again what failed and enables it)");
        }
        long eventId = Long.parseLong(item.detail());
        Optional<LedgerEntry> entry = handoffs.entry(eventId);
        Optional<Handoff> handoff = entry.flatMap(e -> handoffs.find(e.handoffId()));
        if (handoff.isEmpty()) {
            return Sent.gaveUp("event " + eventId + " or its handoff is no longer recorded");
        }
        String body = EventMessage.render(entry.get(), handoff.get());
        String id = EventMessage.id(eventId);
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(endpoint.url())
                .timeout(endpoint.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", USER_AGENT)
                .header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", secret.sign(id, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        HttpResponse<Void> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (HttpTimeoutException e) {
            throw failed(item, Failure.transientFailure("no answer from " + where(endpoint) + " within "
                    + endpoint.timeout().toSeconds() + " s", "timeout"));
        } catch (IOException e) {
            throw failed(item, Failure.transientFailure("could not reach " + where(endpoint) + ": "
                    + e.getClass().getSimpleName(), "unreachable"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed(item, Failure.transientFailure("interrupted: the app is stopping", "interrupted"));
        }
        int code = response.statusCode();
        if (code >= 200 && code < 300) {
            status.delivered(clock.instant());
            return Sent.done();
        }
        throw failed(item, classify(item, code, response));
    }

    private Failure classify(OutboxItem item, int code, HttpResponse<Void> response) {
        String answered = where(endpoint) + " answered " + code;
        Optional<Duration> retryAfter = RetryAfter.of(response.headers(), clock.instant());
        if (code == 410) {
            return Failure.permanent(answered + " Gone: the receiver no longer wants these events", "410 Gone",
                    where(endpoint), "the endpoint is disabled; once the receiver wants events again, put its URL "
                            + "in the agreement's webhooks: (a new URL enables it) or run webhooks redeliver "
                            + "--endpoint " + endpoint.name());
        }
        if (code == 429 || (retryAfter.isPresent() && (code == 502 || code == 503 || code == 504))) {
            Duration wait = retryAfter.orElse(null);
            return wait == null ? Failure.transientFailure(answered + " (rate limited)", Integer.toString(code))
                    : Failure.retryAfter(wait, answered + "; retrying after " + wait.toSeconds() + " s");
        }
        if (code >= 500 || code == 408) {
            return Failure.transientFailure(answered, Integer.toString(code));
        }
        String redirect = response.headers().firstValue("Location").map(l -> " to another URL").orElse("");
        String message = answered + (code >= 300 && code < 400 ? " (a redirect" + redirect + ", not followed)" : "");
        if (item.attempts() + 1 < CLIENT_ERROR_TRIES) {
            return Failure.transientFailure(message, Integer.toString(code));
        }
        return Failure.permanent(message + " " + CLIENT_ERROR_TRIES + " times; recorded as failed",
                Integer.toString(code), where(endpoint), code >= 300 && code < 400
                        ? "set the URL it redirects to in the agreement's webhooks: (redirects are not followed)"
                        : "check the receiver's logs for why it refuses these events (a 401 or 403 often means it "
                                + "checks the signature with another secret than " + endpoint.secretEnv() + ")");
    }

    /** The call failed; a rate limit past the retry limit is given up like any other failure that is too old. */
    private FailedCall failed(OutboxItem item, Failure failure) {
        Instant now = clock.instant();
        status.failed(now, failure.message());
        if (failure.kind() == Failure.Kind.RETRY_AFTER
                && Duration.between(item.createdAt(), now).compareTo(endpoint.retryFor()) > 0) {
            return new FailedCall(Failure.permanent("gave up after " + hours(endpoint.retryFor()) + ": "
                    + failure.message(), failure.code(), where(endpoint), "see the receiver's rate limits"));
        }
        return new FailedCall(failure);
    }

    static String hours(Duration duration) {
        return duration.toMinutes() % 60 == 0 ? duration.toHours() + " h" : duration.toMinutes() + " min";
    }
}
