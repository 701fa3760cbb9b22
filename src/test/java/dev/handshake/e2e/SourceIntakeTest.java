package dev.handshake.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.handshake.testing.SlackCall;
import dev.handshake.testing.TestDatabase;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code POST /handoffs/{source}} through real HTTP into the real app: the bodies HubSpot, Marketo and Salesforce
 * send become posted handoffs, with the phone, the last touches and the extra fields in Slack and in the export.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.class)
class SourceIntakeTest {

    @Parameter
    TestDatabase database;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);
    private RunningApp app;

    @BeforeEach
    void start() throws Exception {
        app = RunningApp.start(database);
    }

    @AfterEach
    void stop() {
        app.close();
    }

    private static String sample(String name) throws Exception {
        return Files.readString(Path.of("src/test/resources/intake", name));
    }

    private HttpResponse<String> post(String source, String body) {
        return app.post("/handoffs/" + source, body, "application/json", "Bearer " + RunningApp.HANDOFF_TOKEN);
    }

    private long handoffRows() {
        return app.number("SELECT count(*) FROM handoffs");
    }

    @Test
    void aHubSpotContactIsPostedWithItsPhoneLastTouchesAndMoreAndExportedWithEveryExtraField() throws Exception {
        app.slack().addUser("avery.collins@freightline.example", "U0AVERY001");

        HttpResponse<String> response = post("hubspot", sample("hubspot-contact.json"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        String id = JSON.readTree(response.body()).path("handoff_id").asText();
        SlackCall post = app.slack().awaitPosts("#sales-leads", 1, WAIT).get(0);
        assertThat(post.succeeded()).isTrue();
        List<String> sections = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        List<String> contexts = new ArrayList<>();
        for (JsonNode block : post.json("blocks")) {
            block.path("fields").forEach(f -> fields.add(f.path("text").asText()));
            if (block.has("text")) {
                sections.add(block.path("text").path("text").asText());
            }
            block.path("elements").forEach(e -> contexts.add(e.path("text").asText()));
        }
        // Named, not mentioned: the rep's one ping is the direct message with the buttons.
        assertThat(sections.get(0)).isEqualTo("*New MQL for sales* — assigned to Avery.collins");
        assertThat(fields).contains("*Name*\nPriya Raman", "*Phone*\n<tel:+15035550187|+1 (503) 555-0187>",
                "*Score*\n64", "*CRM*\n<https://app.hubspot.com/contacts/21873645/record/0-1/51201|Open in CRM>");
        assertThat(sections).contains("*Persona:* Operations leader — VP or Director of Operations at a shipper "
                        + "moving 50+ loads a week; owns on-time delivery and freight spend.",
                "*Last touches*"
                        + "\n• Mar 2, 2026 — Submitted Freight rate benchmark request"
                        + "\n• Mar 2, 2026 — Visited the website (23 page views so far)"
                        + "\n• Mar 1, 2026 — Clicked the email Q1 nurture: Carrier rates are drifting"
                        + "\n…and 1 earlier touch",
                "*More*");
        assertThat(fields).containsSubsequence("*Lead status*\nNEW", "*Industry*\nRETAIL", "*Employees*\n1200",
                "*Annual revenue*\n310000000", "*Loads a week*\n140", "*City*\nPortland, OR",
                "*Country*\nUnited States", "*Forms submitted*\n3");
        assertThat(fields).noneMatch(f -> f.startsWith("*Page views*"));
        assertThat(contexts).contains("+1 more in the CSV export (`/sla export`)");
        assertThat(app.query(String.class, "SELECT intake_source || ' ' || lead_crm_id FROM handoffs WHERE id = ?",
                Long.parseLong(id))).containsExactly("hubspot 51201");
        app.awaitNumber(1, WAIT, "SELECT count(*) FROM handoff_events WHERE kind = 'posted'");

        // The default period, this quarter, holds the handoff received just now.
        app.slack().addUserGroup("S0SALESMGR1", "sales-managers", "U0EXPORT01");
        app.client().slashCommand("/sla", "export", "U0EXPORT01", "C0GENERAL1");
        List<Map<String, String>> rows = new ArrayList<>();
        for (var upload : app.slack().awaitUploads(1, WAIT)) {
            rows.addAll(csv(new String(upload.bytes(), StandardCharsets.UTF_8)));
        }
        assertThat(rows).isNotEmpty().allSatisfy(row -> {
            assertThat(row).containsEntry("external_id", "hs-51201-mql").containsEntry("intake_source", "hubspot")
                    .containsEntry("lead_phone", "'+1 (503) 555-0187").containsEntry("lead_crm_id", "51201")
                    .containsEntry("extra.Page views", "23").containsEntry("extra.City", "Portland, OR")
                    .containsEntry("extra.Lead status", "NEW");
            assertThat(JSON.readTree(row.get("lead_touches"))).hasSize(4);
        });
    }

    @Test
    void aMarketoWebhookAndASalesforceCalloutArePostedToo() throws Exception {
        HttpResponse<String> marketo = post("marketo", sample("marketo-lead.json"));
        HttpResponse<String> salesforce = post("salesforce", sample("salesforce-lead.json"));

        assertThat(marketo.statusCode()).as(marketo.body()).isEqualTo(202);
        assertThat(salesforce.statusCode()).as(salesforce.body()).isEqualTo(202);
        List<SlackCall> posts = app.slack().awaitPosts("#sales-leads", 2, WAIT);
        String sent = posts.get(0).json("blocks").toString() + posts.get(1).json("blocks").toString();
        assertThat(sent).contains("Tomás Ferreira", "<tel:3125550199;ext=31|312.555.0199 x31>",
                "Mar 2, 2026 — Web: Visited Web Page: /pricing",
                "Marisol Okafor", "<tel:3125550142;ext=204|(312) 555-0142 ext. 204>",
                "Mar 2, 2026 — Demo request: carrier scorecards", "Food &amp; Beverage");
        assertThat(app.query(String.class, "SELECT intake_source FROM handoffs ORDER BY id"))
                .containsExactly("marketo", "salesforce");
    }

    @Test
    void theSameBodyAgainIsADuplicateAndADifferentLeadUnderTheSameIdAConflict() throws Exception {
        HttpResponse<String> first = post("salesforce", sample("salesforce-lead.json"));
        HttpResponse<String> again = post("salesforce", sample("salesforce-lead.json"));
        HttpResponse<String> changed = post("salesforce", sample("salesforce-lead.json").replace("Okafor", "Okoro"));

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(JSON.readTree(again.body()).path("duplicate").asBoolean()).isTrue();
        assertThat(JSON.readTree(again.body()).path("handoff_id").asText())
                .isEqualTo(JSON.readTree(first.body()).path("handoff_id").asText());
        assertThat(changed.statusCode()).isEqualTo(409);
        assertThat(handoffRows()).isEqualTo(1);
    }

    @Test
    void aBodyThatMapsToAnInvalidHandoffIsA422NamingTheCanonicalFieldAndThePointerAndNothingIsStored()
            throws Exception {
        ObjectNode body = (ObjectNode) JSON.readTree(sample("hubspot-contact.json"));
        ((ObjectNode) body.at("/properties/hubspotscore")).put("value", "sixty");
        ((ObjectNode) body.at("/properties/phone")).put("value", "ask the front desk");

        HttpResponse<String> response = post("hubspot", body.toString());

        assertThat(response.statusCode()).isEqualTo(422);
        JsonNode answer = JSON.readTree(response.body());
        assertThat(answer.path("error").asText()).isEqualTo("invalid handoff");
        assertThat(answer.path("source").asText()).isEqualTo("hubspot");
        assertThat(answer.path("problems")).hasSize(2);
        assertThat(answer.path("problems").get(0).path("path").asText()).isEqualTo("$.lead.score");
        assertThat(answer.path("problems").get(0).path("from").asText()).isEqualTo("/properties/hubspotscore/value");
        assertThat(answer.path("problems").get(0).path("message").asText())
                .isEqualTo("must be a whole number, was \"sixty\"");
        assertThat(answer.path("problems").get(1).path("path").asText()).isEqualTo("$.lead.phone");
        assertThat(answer.path("problems").get(1).path("from").asText()).isEqualTo("/properties/phone/value");
        assertThat(handoffRows()).isZero();
        app.slack().assertNoCall("chat.postMessage", Duration.ofMillis(500));
    }

    @Test
    void anUnknownSourceIsA404NamingTheKnownOnesButOnlyToASenderWithTheToken() throws Exception {
        HttpResponse<String> unknown = post("pardot", "{}");
        HttpResponse<String> anonymous = app.post("/handoffs/pardot", "{}", "application/json", null);
        HttpResponse<String> none = post("", "{}");

        assertThat(unknown.statusCode()).isEqualTo(404);
        JsonNode answer = JSON.readTree(unknown.body());
        assertThat(answer.path("error").asText())
                .isEqualTo("no intake source \"pardot\"; the agreement's sources are: hubspot, marketo, salesforce");
        assertThat(answer.path("sources").toString()).isEqualTo("[\"hubspot\",\"marketo\",\"salesforce\"]");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).doesNotContain("hubspot");
        assertThat(none.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(none.body()).path("error").asText()).isEqualTo("name the intake source: "
                + "POST /handoffs/<source>; the agreement's sources are: hubspot, marketo, salesforce");
        assertThat(handoffRows()).isZero();
    }

    @Test
    void theBodyRulesOfTheCanonicalIntakeHold() {
        HttpResponse<String> malformed = post("marketo", "{\"leadId\": 1048576, \"firstName\": ");
        HttpResponse<String> empty = post("marketo", "");
        HttpResponse<String> form = app.post("/handoffs/marketo", "leadId=1", "application/x-www-form-urlencoded",
                "Bearer " + RunningApp.HANDOFF_TOKEN);
        HttpResponse<String> huge = post("marketo", "{\"note\": \"" + "x".repeat(70 * 1024) + "\"}");
        HttpResponse<String> get = app.get("/handoffs/marketo");

        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("malformed JSON");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(form.statusCode()).isEqualTo(415);
        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(get.statusCode()).isEqualTo(405);
        for (HttpResponse<String> response : List.of(malformed, empty, form, huge, get)) {
            assertThat(response.body()).doesNotContain("Exception", "at dev.");
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/json"));
        }
        assertThat(handoffRows()).isZero();
    }

    private static List<Map<String, String>> csv(String text) throws Exception {
        CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
        try (MappingIterator<Map<String, String>> it = mapper.readerFor(Map.class)
                .with(mapper.schemaWithHeader()).readValues(text)) {
            return it.readAll();
        }
    }
}
