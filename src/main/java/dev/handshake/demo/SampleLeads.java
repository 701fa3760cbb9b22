package dev.handshake.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.Stage;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/** Realistic leads for the demo's "Send a sample lead" form and its sample story, one after the other. */
final class SampleLeads {

    /** A lead of the sample set, in the words of marketing's automation. */
    record Sample(String name, String title, String company, String domain, String persona, int score, String source,
            String note, int[] criteria) {}

    static final List<Sample> SAMPLES = List.of(
            new Sample("Priya Raman", "VP Operations", "Northwind Logistics", "northwind.example", "ops-leader", 86,
                    "webinar", "Asked for pricing after the cross-dock webinar; moves about 120 loads a week.",
                    new int[] {0, 1, 2}),
            new Sample("Tomás Alvarez", "Director of Transportation", "Bluegrass Foods", "bluegrass-foods.example",
                    "ops-leader", 78, "rate benchmark", "Requested a lane rate benchmark for the Midwest.",
                    new int[] {0, 1, 3}),
            new Sample("Grace Liu", "Logistics Coordinator", "Harbor & Pine Furniture", "harborpine.example",
                    "logistics-coordinator", 71, "demo request", "Books 60+ loads a week by phone; wants tracking.",
                    new int[] {0, 1, 2}),
            new Sample("Marcus O'Neill", "Controller", "Keystone Building Supply", "keystone-supply.example",
                    "finance-lead", 64, "content download", "Downloaded the freight audit guide twice this month.",
                    new int[] {0, 2}),
            new Sample("Hannah Becker", "Head of Logistics", "Alpine Outdoor Co.", "alpine-outdoor.example",
                    "ops-leader", 91, "trade show", "Met at the booth in Chicago; rollout planned for next quarter.",
                    new int[] {0, 1, 2, 3}),
            new Sample("Samuel Adeyemi", "Supply Chain Manager", "Riverbend Beverages", "riverbend.example",
                    "ops-leader", 69, "webinar", "Shipping volume unknown; visited the pricing page three times.",
                    new int[] {0, 1}),
            new Sample("Elena Petrova", "Freight Coordinator", "Crescent Medical Supply", "crescent-med.example",
                    "logistics-coordinator", 74, "free rate check", "Ran two free rate checks this week.",
                    new int[] {0, 2, 3}),
            new Sample("Owen Fitzgerald", "VP Supply Chain", "Summit Appliances", "summit-appl.example",
                    "ops-leader", 83, "demo request", "Evaluating three vendors; decision by end of quarter.",
                    new int[] {0, 1, 2, 3}),
            new Sample("Aisha Karimi", "Transportation Manager", "Lakeshore Paper Products", "lakeshore-paper.example",
                    "ops-leader", 77, "webinar", "Runs 85 truckloads a week out of two plants; carrier costs up 9%.",
                    new int[] {0, 1, 3}),
            new Sample("Daniel Brooks", "ERP Manager", "Prairie Farm Equipment", "prairie-farm.example",
                    "it-integrations", 62, "content download", "Asked whether we integrate with NetSuite.",
                    new int[] {0, 3}),
            new Sample("Mei Tanaka", "Director of Logistics", "Copperline Electrical", "copperline.example",
                    "ops-leader", 88, "demo request", "Wants a demo with her two lead coordinators next week.",
                    new int[] {0, 1, 2, 3}),
            new Sample("Luis Fernández", "Dispatcher", "Gulf Coast Produce", "gulfcoast-produce.example",
                    "logistics-coordinator", 66, "free rate check", "Reefer loads, about 70 a week in season.",
                    new int[] {0, 2}),
            new Sample("Rachel Stein", "FP&A Lead", "Meridian Home Goods", "meridian-home.example", "finance-lead",
                    72, "webinar", "Freight accruals are her month-end headache; attended the audit webinar.",
                    new int[] {0, 1, 2}),
            new Sample("Kwame Mensah", "Head of Supply Chain", "Tristate Beverage Co.", "tristate-bev.example",
                    "ops-leader", 90, "trade show", "Ships 200+ loads a week; current TMS contract ends in March.",
                    new int[] {0, 1, 2, 3}));

    /** How many samples the sample story hands off; the form starts after them, so no lead shows up twice. */
    static final int USED_BY_STORY = 6;

    private final Agreement agreement;
    private final ObjectMapper json;
    private final AtomicInteger next = new AtomicInteger(USED_BY_STORY);

    SampleLeads(Agreement agreement, ObjectMapper json) {
        this.agreement = Objects.requireNonNull(agreement, "agreement == null");
        this.json = Objects.requireNonNull(json, "json == null");
    }

    /** The next sample as a {@code POST /handoffs} body, without an assignee; {@code id} keeps retries apart. */
    ObjectNode next(String id) {
        return handoff(SAMPLES.get(Math.floorMod(next.getAndIncrement(), SAMPLES.size())), id);
    }

    ObjectNode handoff(Sample sample, String id) {
        String stage = agreement.handoff().stages().isEmpty() ? "mql" : agreement.handoff().stages().get(0).stage();
        ObjectNode body = json.createObjectNode().put("id", id).put("stage", stage);
        String[] names = sample.name().toLowerCase(java.util.Locale.ROOT).replace("'", "").split(" ");
        String email = names[0] + "." + names[names.length - 1] + "@" + sample.domain();
        ObjectNode lead = body.putObject("lead")
                .put("name", sample.name())
                .put("email", email)
                .put("title", sample.title())
                .put("company", sample.company())
                .put("score", sample.score())
                .put("source", sample.source())
                .put("crm_url", "https://crm.freightline.example/contacts/" + Math.abs(email.hashCode() % 100_000));
        if (agreement.persona(sample.persona()).isPresent()) {
            lead.put("persona", sample.persona());
        }
        body.put("note", sample.note());
        List<String> criteria = agreement.stage(stage).map(Stage::entryCriteria).orElse(List.of());
        var met = body.putArray("criteria_met");
        for (int index : sample.criteria()) {
            if (index < criteria.size()) {
                met.add(criteria.get(index));
            }
        }
        return body;
    }
}
