package dev.handshake.crm;

import dev.handshake.agreement.HubSpotTerms;
import dev.handshake.agreement.WebhookEndpoint;
import dev.handshake.handoff.HandoffStore;
import dev.handshake.outbox.Owed;
import dev.handshake.outbox.Recorded;
import dev.handshake.outbox.Subscriber;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Owes the CRM its share of every handoff event, in the transaction that records it: one delivery per webhook
 * endpoint that wants the kind (disabled endpoints too, recorded as failed when their turn comes, so a redelivery
 * can send them), and the HubSpot writer's contact update and note when the agreement maps the kind and the handoff
 * came through one of its sources. Each item's subject is the handoff, its detail the event id.
 */
final class CrmSubscriber implements Subscriber {

    private final List<WebhookEndpoint> endpoints;
    private final HubSpotTerms hubspot;

    /** {@code hubspot} is null when the HubSpot writer does not run. */
    CrmSubscriber(List<WebhookEndpoint> endpoints, HubSpotTerms hubspot) {
        this.endpoints = List.copyOf(endpoints);
        this.hubspot = hubspot;
    }

    @Override
    public List<Owed> owedFor(Handle handle, Recorded event) {
        List<Owed> owed = new ArrayList<>(2);
        String detail = Long.toString(event.id());
        for (WebhookEndpoint endpoint : endpoints) {
            if (endpoint.wants(event.kind())) {
                String kind = WebhookHandler.kind(endpoint.name());
                owed.add(new Owed(kind, Lanes.of(kind, event.subject(), endpoint.concurrency()), event.subject(),
                        detail));
            }
        }
        HubSpotTerms.Update update = hubspot == null ? null : hubspot.on().get(event.kind());
        if (update != null && fromHubSpot(handle, event.subject())) {
            String lane = Lanes.of(HubSpotHandler.DESTINATION, event.subject(), HubSpotHandler.LANES);
            if (update.changesContact()) {
                owed.add(new Owed(HubSpotHandler.CONTACT, lane, event.subject(), detail));
            }
            if (update.note()) {
                owed.add(new Owed(HubSpotHandler.NOTE, lane, event.subject(), detail));
            }
        }
        return owed;
    }

    private boolean fromHubSpot(Handle handle, String handoffId) {
        return HandoffStore.intakeSource(handle, Long.parseLong(handoffId))
                .filter(hubspot.sources()::contains).isPresent();
    }
}
