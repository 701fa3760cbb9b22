package dev.handshake.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Handoff request bodies for tests, starting from the README's canonical example. */
final class Handoffs {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Handoffs() {}

    static ObjectNode canonical(String id) {
        ObjectNode body = JSON.createObjectNode();
        body.put("id", id);
        body.put("stage", "mql");
        ObjectNode lead = body.putObject("lead");
        lead.put("name", "Dana Whitfield");
        lead.put("email", "dana@northwind.example");
        lead.put("title", "VP Operations");
        lead.put("company", "Northwind Logistics");
        lead.put("persona", "ops-leader");
        lead.put("score", 82);
        lead.put("source", "webinar");
        lead.put("crm_url", "https://crm.example/contacts/8812");
        body.put("assignee", "U0123ABCD");
        body.put("note", "Asked for pricing after the webinar");
        body.putArray("criteria_met").add("Fit score 60 or more").add("Visited the pricing page");
        return body;
    }

    static ObjectNode unassigned(String id) {
        ObjectNode body = canonical(id);
        body.remove("assignee");
        return body;
    }

    static String json(ObjectNode body) {
        return body.toString();
    }
}
