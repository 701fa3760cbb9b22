package dev.handshake.crm;

import dev.handshake.agreement.WebhookEndpoint;
import dev.handshake.outbox.FailedCall;
import dev.handshake.outbox.Failure;
import dev.handshake.outbox.Transport;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One webhook endpoint as the outbox sees it: its handler's failures as they are, calls on threads of its own (as
 * many as the endpoint's concurrency, so a slow endpoint never holds up Slack or another endpoint), and a
 * {@code 410 Gone} disabling the endpoint, logged once. Thread-safe.
 */
final class WebhookTransport implements Transport {

    private static final Logger log = LoggerFactory.getLogger(WebhookTransport.class);

    private final WebhookEndpoint endpoint;
    private final EndpointStore endpoints;
    private final Clock clock;

    WebhookTransport(WebhookEndpoint endpoint, EndpointStore endpoints, Clock clock) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint == null");
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
    }

    @Override
    public String name() {
        return WebhookHandler.kind(endpoint.name());
    }

    @Override
    public Optional<Failure> classify(RuntimeException error) {
        return error instanceof FailedCall failed ? Optional.of(failed.failure()) : Optional.empty();
    }

    @Override
    public void gaveUp(Failure failure) {
        if (!"410 Gone".equals(failure.code()) || endpoints.disabled(endpoint.name()).isPresent()) {
            return;
        }
        endpoints.disable(endpoint.name(), endpoint.url(), clock.instant(), failure.code());
        log.error("Webhook endpoint {} ({}) answered 410 Gone, so it is disabled: its deliveries are recorded as "
                + "failed until its URL changes in the agreement or webhooks redeliver --endpoint {} is run",
                endpoint.name(), WebhookHandler.where(endpoint), endpoint.name());
    }

    @Override
    public int senders() {
        return endpoint.concurrency();
    }
}
