package dev.handshake.agreement;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * A receiver of the handoffs' events ({@code webhooks:} in the agreement): where events are POSTed, which kinds it
 * wants ({@code all}: every kind, present and future), the environment variable that holds its signing secret
 * ({@code whsec_…}), how long a failing delivery is retried, how many deliveries may be under way at once, and how
 * long one may take.
 */
public record WebhookEndpoint(String name, URI url, boolean allEvents, Set<String> events, String secretEnv,
        Duration retryFor, int concurrency, Duration timeout) {

    public WebhookEndpoint {
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(url, "url == null");
        Objects.requireNonNull(secretEnv, "secretEnv == null");
        events = Set.copyOf(events);
    }

    /** Whether events of this kind are sent to it. */
    public boolean wants(String kind) {
        return allEvents || events.contains(kind);
    }
}
