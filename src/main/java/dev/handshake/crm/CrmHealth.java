package dev.handshake.crm;

import dev.handshake.agreement.WebhookEndpoint;
import dev.handshake.http.HealthCheck;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The CRM's part of the health page: for each webhook endpoint (and the HubSpot writer) whether it is active or
 * disabled, how many deliveries are pending and failed, and when the last one arrived or failed. Degraded (never
 * unhealthy: Slack and intake work on) while an endpoint is disabled or the latest attempt failed with deliveries
 * waiting. The counts are read at most every {@link #COUNTS_FOR}. Thread-safe.
 */
final class CrmHealth implements HealthCheck {

    static final Duration COUNTS_FOR = Duration.ofSeconds(5);

    /** One destination: its outbox kinds, its status, and its endpoint (null for HubSpot). */
    record Destination(String name, List<String> kinds, DeliveryStatus status, WebhookEndpoint endpoint) {}

    private final List<Destination> destinations;
    private final EndpointStore store;
    private final Clock clock;
    private Map<String, EndpointStore.Counts> counts;
    private Instant countedAt = Instant.MIN;

    CrmHealth(List<Destination> destinations, EndpointStore store, Clock clock) {
        this.destinations = List.copyOf(destinations);
        this.store = store;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "crm";
    }

    @Override
    public Result check() {
        Map<String, EndpointStore.Counts> counts = counts();
        Map<String, Object> webhooks = new LinkedHashMap<>();
        Map<String, Object> details = new LinkedHashMap<>();
        String overall = "ok";
        for (Destination destination : destinations) {
            int pending = 0;
            int failed = 0;
            for (String kind : destination.kinds()) {
                EndpointStore.Counts count = counts.getOrDefault(kind, new EndpointStore.Counts(0, 0));
                pending += count.pending();
                failed += count.failed();
            }
            Map<String, Object> shown = new LinkedHashMap<>();
            if (destination.endpoint() != null) {
                WebhookEndpoint endpoint = destination.endpoint();
                shown.put("url", WebhookHandler.where(endpoint));
                shown.put("events", endpoint.allEvents() ? "all" : List.copyOf(endpoint.events()));
                Optional<EndpointStore.Disabled> disabled = store.disabled(endpoint.name());
                shown.put("state", disabled.isPresent() ? "disabled" : "active");
                if (disabled.isPresent()) {
                    overall = "degraded";
                    shown.put("disabled", Map.of("at", disabled.get().at().toString(), "answered",
                            disabled.get().reason(), "fix", "when the receiver wants events again: change its URL in "
                                    + "the agreement, or run webhooks redeliver --endpoint " + endpoint.name()));
                }
            }
            shown.put("pending", pending);
            shown.put("failed", failed);
            shown.putAll(destination.status().details());
            if (destination.status().failing() && pending > 0) {
                overall = "degraded";
            }
            if (destination.endpoint() != null) {
                webhooks.put(destination.name(), shown);
            } else {
                details.put(destination.name(), shown);
            }
        }
        if (!webhooks.isEmpty()) {
            details.put("webhooks", webhooks);
        }
        return new Result(overall, details);
    }

    private synchronized Map<String, EndpointStore.Counts> counts() {
        Instant now = clock.instant();
        if (counts == null || Duration.between(countedAt, now).compareTo(COUNTS_FOR) >= 0 || now.isBefore(countedAt)) {
            List<String> kinds = new ArrayList<>();
            destinations.forEach(d -> kinds.addAll(d.kinds()));
            counts = store.counts(kinds);
            countedAt = now;
        }
        return counts;
    }
}
