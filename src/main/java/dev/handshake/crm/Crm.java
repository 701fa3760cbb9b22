package dev.handshake.crm;

import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.WebhookEndpoint;
import dev.handshake.handoff.HandoffStore;
import dev.handshake.wiring.Foundation;
import dev.handshake.wiring.Wiring;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Telling the CRM what sales decided: the agreement's webhook endpoints and the built-in HubSpot writer, fed by
 * every event of the handoffs' ledger through the outbox. {@link #wire} checks their secrets and adds their
 * transports, handlers and subscriber to the outbox (before its dispatcher starts) and their health check.
 */
public final class Crm {

    private static final Logger log = LoggerFactory.getLogger(Crm.class);
    private static final Duration MAX_CONNECT = Duration.ofSeconds(10);

    /**
     * How long a delivery's outbox item is kept once done or failed: {@code webhooks redeliver} can send again what
     * failed this long ago at most.
     */
    static final Duration KEEP_FOR = Duration.ofDays(90);

    private Crm() {}

    /**
     * Wires what the agreement asks for: each endpoint's and the HubSpot writer's transport and handler, the
     * subscriber that owes them every ledger event, and their part of the health page. Throws
     * {@link dev.handshake.config.InvalidSettingsException} naming every secret variable that is missing or wrong.
     */
    public static void wire(Foundation base, Wiring wiring, Map<String, String> environment, HandoffStore handoffs) {
        Agreement agreement = base.agreement();
        Clock clock = base.clock();
        CrmSettings settings = CrmSettings.from(agreement, environment);
        boolean hubspot = settings.hubspotEnabled(agreement);
        if (settings.hubspotToken() != null && agreement.hubspot() == null) {
            log.warn("HUBSPOT_TOKEN is set but the agreement has no hubspot: section, so nothing is written to "
                    + "HubSpot; see docs/CRM.md");
        }
        if (agreement.webhooks().isEmpty() && !hubspot) {
            return;
        }
        EndpointStore store = new EndpointStore(base.database().jdbi(), base.writes());
        List<CrmHealth.Destination> destinations = new ArrayList<>();
        for (WebhookEndpoint endpoint : agreement.webhooks()) {
            if (store.enableIfMoved(endpoint.name(), endpoint.url())) {
                log.info("Webhook endpoint {} has a new URL in the agreement, so it is enabled again", endpoint.name());
            }
            DeliveryStatus status = new DeliveryStatus();
            HttpClient http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(endpoint.timeout().compareTo(MAX_CONNECT) < 0 ? endpoint.timeout() : MAX_CONNECT)
                    .build();
            String kind = WebhookHandler.kind(endpoint.name());
            wiring.handlers(outbox -> {
                outbox.register(new WebhookTransport(endpoint, store, clock));
                outbox.register(kind, new WebhookHandler(endpoint, settings.secrets().get(endpoint.name()), http,
                        handoffs, store, status, clock));
            });
            destinations.add(new CrmHealth.Destination(endpoint.name(), List.of(kind), status, endpoint));
        }
        if (hubspot) {
            DeliveryStatus status = new DeliveryStatus();
            HubSpotApi api = new HubSpotApi(HttpClient.newBuilder().connectTimeout(MAX_CONNECT)
                    .followRedirects(HttpClient.Redirect.NEVER).build(), settings.hubspotApi(),
                    settings.hubspotToken());
            wiring.handlers(outbox -> {
                outbox.register(new HubSpotTransport());
                HubSpotHandler.both(agreement.hubspot(), api, base.slack(), handoffs, status, clock)
                        .forEach(outbox::register);
            });
            destinations.add(new CrmHealth.Destination(HubSpotHandler.DESTINATION,
                    List.of(HubSpotHandler.CONTACT, HubSpotHandler.NOTE), status, null));
        }
        wiring.handlers(outbox -> outbox.subscribe(new CrmSubscriber(agreement.webhooks(),
                hubspot ? agreement.hubspot() : null)));
        wiring.health(new CrmHealth(destinations, store, clock));
        log.info("Telling the CRM: {} webhook endpoint(s){}", agreement.webhooks().size(),
                hubspot ? " and the HubSpot writer" : "");
    }
}
