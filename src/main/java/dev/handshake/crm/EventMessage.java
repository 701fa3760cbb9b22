package dev.handshake.crm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handshake.handoff.ExtraField;
import dev.handshake.handoff.Handoff;
import dev.handshake.handoff.HandoffEvent;
import dev.handshake.handoff.HandoffStore.LedgerEntry;
import dev.handshake.handoff.Lead;
import dev.handshake.handoff.Touch;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * The body of a webhook: one event of a handoff's ledger as Standard Webhooks shapes a payload, {@code type}
 * ({@code handoff.<kind>}), {@code timestamp} (when the event happened) and {@code data}: the event (its id, kind,
 * actor, time and detail) and the handoff as it stands when the message is sent, with the sender's id
 * ({@code external_id}), the lead and its extra fields, the decision (a rejection's reason and comment), marketing's
 * answer, the SLA clock and where it is in Slack. Text is sent as stored; the JSON is compact.
 */
final class EventMessage {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EventMessage() {}

    /** The webhook id of an event: the same on every attempt and for every endpoint, so receivers can dedupe. */
    static String id(long eventId) {
        return "evt_" + eventId;
    }

    static String render(LedgerEntry entry, Handoff handoff) {
        HandoffEvent event = entry.event();
        ObjectNode body = JSON.createObjectNode();
        body.put("type", "handoff." + event.kind());
        body.put("timestamp", event.at().toString());
        ObjectNode data = body.putObject("data");
        ObjectNode shown = data.putObject("event");
        shown.put("id", id(entry.id()));
        shown.put("kind", event.kind());
        shown.put("actor", event.actor());
        shown.put("at", event.at().toString());
        shown.put("detail", event.detail());
        data.set("handoff", handoff(handoff));
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values always serialises", e);
        }
    }

    private static ObjectNode handoff(Handoff handoff) {
        ObjectNode json = JSON.createObjectNode();
        json.put("id", handoff.id());
        json.put("external_id", handoff.externalId());
        json.put("stage", handoff.stage());
        json.put("status", handoff.status().key());
        json.put("state", handoff.state().key());
        json.put("received_at", text(handoff.receivedAt()));
        json.put("due_at", text(handoff.dueAt()));
        json.put("assignee", handoff.assignee());
        json.put("note", handoff.note());
        handoff.criteriaMet().forEach(json.putArray("criteria_met")::add);
        json.set("lead", lead(handoff.lead()));
        if (handoff.decision() == null) {
            json.putNull("decision");
        } else {
            ObjectNode decision = json.putObject("decision");
            decision.put("outcome", handoff.decision().outcome().key());
            decision.put("by", handoff.decision().by());
            decision.put("at", text(handoff.decision().at()));
            decision.put("reason", handoff.decision().reason());
            decision.put("comment", handoff.decision().comment());
        }
        if (handoff.marketingOutcome() == null) {
            json.putNull("marketing_outcome");
        } else {
            ObjectNode answer = json.putObject("marketing_outcome");
            answer.put("kind", handoff.marketingOutcome().kind().name().toLowerCase(java.util.Locale.ROOT));
            answer.put("by", handoff.marketingOutcome().by());
            answer.put("at", text(handoff.marketingOutcome().at()));
        }
        ObjectNode sla = json.putObject("sla");
        sla.put("reassignments", handoff.sla().reassignments());
        sla.put("overdue_at", text(handoff.sla().overdueAt()));
        sla.put("contact_due_at", text(handoff.sla().contactDueAt()));
        sla.put("contacted_at", text(handoff.sla().contactedAt()));
        sla.put("contacted_by", handoff.sla().contactedBy());
        sla.put("contact_overdue_at", text(handoff.sla().contactOverdueAt()));
        ObjectNode slack = json.putObject("slack");
        slack.put("channel", handoff.channelId());
        slack.put("ts", handoff.messageTs());
        json.put("agreement_version", handoff.agreementVersion());
        return json;
    }

    private static ObjectNode lead(Lead lead) {
        ObjectNode json = JSON.createObjectNode();
        json.put("name", lead.name());
        json.put("email", lead.email());
        json.put("title", lead.title());
        json.put("company", lead.company());
        json.put("persona", lead.persona());
        json.put("score", lead.score());
        json.put("source", lead.source());
        json.put("crm_url", lead.crmUrl());
        json.put("crm_id", lead.crmId());
        json.put("phone", lead.phone());
        var touches = json.putArray("touches");
        for (Touch touch : lead.touches()) {
            touches.addObject().put("at", touch.atText()).put("what", touch.what());
        }
        ObjectNode extras = json.putObject("extras");
        for (ExtraField extra : lead.extras()) {
            if (extra.value() instanceof BigDecimal number) {
                extras.put(extra.name(), number);
            } else if (extra.value() instanceof Boolean flag) {
                extras.put(extra.name(), flag);
            } else {
                extras.put(extra.name(), extra.text());
            }
        }
        return json;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
