package dev.handshake.handoff;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A handoff request written back as the canonical {@code POST /handoffs} body, with values as they were read. */
public final class CanonicalBody {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CanonicalBody() {}

    public static ObjectNode of(NewHandoff request) {
        ObjectNode body = JSON.createObjectNode();
        body.put("id", request.externalId());
        body.put("stage", request.stage());
        Lead lead = request.lead();
        ObjectNode out = body.putObject("lead");
        out.put("name", lead.name());
        putText(out, "email", lead.email());
        putText(out, "title", lead.title());
        putText(out, "company", lead.company());
        putText(out, "phone", lead.phone());
        putText(out, "persona", lead.persona());
        if (lead.score() != null) {
            out.put("score", lead.score());
        }
        putText(out, "source", lead.source());
        putText(out, "crm_id", lead.crmId());
        putText(out, "crm_url", lead.crmUrl());
        if (!lead.touches().isEmpty()) {
            out.set("touches", LeadDetails.touches(lead.touches()));
        }
        out.setAll(LeadDetails.extras(lead.extras()));
        putText(body, "assignee", request.assignee());
        putText(body, "note", request.note());
        if (!request.criteriaMet().isEmpty()) {
            request.criteriaMet().forEach(body.withArray("criteria_met")::add);
        }
        return body;
    }

    private static void putText(ObjectNode node, String name, String value) {
        if (value != null) {
            node.put(name, value);
        }
    }
}
