package dev.handshake.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handshake.config.Settings;
import dev.handshake.testing.BlockAction;
import dev.handshake.testing.HubSpotStandIn.Request;
import dev.handshake.testing.HubSpotStandIn;
import dev.handshake.testing.SlackCall;
import dev.handshake.testing.StateValue;
import dev.handshake.testing.TestDatabase;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The built-in HubSpot writer against a stand-in that answers as HubSpot's CRM v3 API documents: an accept sets
 * the contact's lead status, lifecycle stage and owner (found by the rep's email), a rejection sets its status and
 * adds a note with the reason and comment; 429 waits, a deleted contact (404) is recorded at once, a revoked token
 * (401) pauses the writer instead of retrying in a loop. Only handoffs from the hubspot source are written.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.class)
class HubSpotWriterTest {

    @Parameter
    TestDatabase database;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String AVERY = "U0AVERY001";
    private static final String AVERY_EMAIL = "avery.collins@freightline.example";
    private static final String HUBSPOT = """
            hubspot:
              sources: [hubspot]
              on:
                accepted:
                  properties:
                    hs_lead_status: IN_PROGRESS
                    lifecyclestage: salesqualifiedlead
                  owner: actor
                rejected:
                  properties:
                    hs_lead_status: UNQUALIFIED
                  note: true
                contacted:
                  properties:
                    hs_lead_status: CONNECTED
            """;

    private HubSpotStandIn hubspot;
    private RunningApp app;

    @BeforeEach
    void start() throws Exception {
        hubspot = HubSpotStandIn.start();
        hubspot.addOwner(AVERY_EMAIL, "41629779");
        Path agreement = CrmAgreements.write(HUBSPOT);
        app = RunningApp.start(database, Map.of(Settings.AGREEMENT_FILE, agreement.toString(), "HUBSPOT_TOKEN",
                HubSpotStandIn.TOKEN, "HUBSPOT_API_URL", hubspot.apiUrl().toString()), Clock.systemUTC());
        app.slack().addUser(AVERY_EMAIL, AVERY);
    }

    @AfterEach
    void stop() {
        app.close();
        hubspot.close();
    }

    /** Posts the sample HubSpot contact with this vid through POST /handoffs/hubspot; returns its Slack message. */
    private SlackCall handOff(long vid) throws Exception {
        hubspot.addContact(Long.toString(vid), Map.of("email", "dana@northwind.example", "hs_lead_status", "NEW",
                "lifecyclestage", "marketingqualifiedlead"));
        ObjectNode body = (ObjectNode) JSON.readTree(Files.readString(Path.of("src/test/resources/intake/"
                + "hubspot-contact.json")));
        body.put("vid", vid);
        HttpResponse<String> response = app.post("/handoffs/hubspot", body.toString(), "application/json",
                "Bearer " + RunningApp.HANDOFF_TOKEN);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        String externalId = "hs-" + vid + "-mql";
        app.awaitNumber(1, WAIT, "SELECT count(*) FROM handoffs WHERE external_id = ? AND message_ts IS NOT NULL",
                externalId);
        String ts = app.query(String.class, "SELECT message_ts FROM handoffs WHERE external_id = ?", externalId).get(0);
        return app.slack().calls("chat.postMessage").stream()
                .filter(c -> ts.equals(c.response().path("ts").asText())).findFirst().orElseThrow();
    }

    private void reject(SlackCall message, String user, String comment) {
        app.client().blockAction(BlockAction.click(message, "handoff_reject").withUser(user).withTriggerId("t-" + user));
        SlackCall modal = app.slack().awaitCalls("views.open", 1, WAIT).stream().reduce((a, b) -> b).orElseThrow();
        app.client().viewSubmission(modal, Map.of(
                "reject_reason", Map.of("reason", StateValue.staticSelect("r0", "label")),
                "reject_comment", Map.of("comment", StateValue.plainText(comment))), user);
    }

    @Test
    void anAcceptSetsStatusStageAndOwnerAndARejectionAddsItsReasonAsANote() throws Exception {
        SlackCall accepted = handOff(51201);
        app.client().blockAction(BlockAction.click(accepted, "handoff_accept").withUser(AVERY));
        Request patch = hubspot.awaitRequests("PATCH", "/crm/v3/objects/contacts/51201", 1, WAIT).get(0);
        assertThat(patch.status()).isEqualTo(200);
        assertThat(patch.json().path("properties").properties()).extracting(Map.Entry::getKey)
                .containsExactly("hs_lead_status", "lifecyclestage", "hubspot_owner_id");
        assertThat(hubspot.contact("51201")).containsEntry("hs_lead_status", "IN_PROGRESS")
                .containsEntry("lifecyclestage", "salesqualifiedlead").containsEntry("hubspot_owner_id", "41629779");
        assertThat(hubspot.awaitRequests("GET", "/crm/v3/owners", 1, WAIT).get(0).path())
                .contains("email=avery.collins%40freightline.example");

        SlackCall rejected = handOff(51202);
        reject(rejected, "U0REP00002", "Ships 20 loads a week <b>really</b>");
        hubspot.awaitRequests("POST", "/crm/v3/objects/notes", 1, WAIT);
        assertThat(hubspot.contact("51202")).containsEntry("hs_lead_status", "UNQUALIFIED")
                .doesNotContainKey("hubspot_owner_id");
        HubSpotStandIn.Note note = hubspot.notes().get(0);
        assertThat(note.associations().path(0).path("to").path("id").asText()).isEqualTo("51202");
        String reason = app.query(String.class, "SELECT reject_reason FROM handoffs WHERE external_id = "
                + "'hs-51202-mql'").get(0);
        assertThat(note.properties().path("hs_note_body").asText())
                .contains("rejected", "Reason: " + reason.replace("—", "—"))
                .contains("Ships 20 loads a week &lt;b&gt;really&lt;/b&gt;").doesNotContain("<b>really");
        assertThat(note.properties().path("hs_timestamp").asText()).isNotBlank();

        // A canonical handoff is no HubSpot contact: nothing is written for it.
        HttpResponse<String> canonical = app.postHandoff(Handoffs.json(Handoffs.unassigned("web-form-1")));
        assertThat(canonical.statusCode()).isEqualTo(202);
        app.awaitNumber(3, WAIT, "SELECT count(*) FROM handoffs WHERE message_ts IS NOT NULL");
        assertThat(app.number("SELECT count(*) FROM outbox WHERE kind LIKE 'hubspot%' AND subject = "
                + "(SELECT CAST(id AS TEXT) FROM handoffs WHERE external_id = 'web-form-1')")).isZero();
        app.awaitNumber(0, WAIT, "SELECT count(*) FROM outbox WHERE kind LIKE 'hubspot%' AND state <> 'done'");
        assertThat(hubspot.requests()).extracting(Request::method).containsOnly("PATCH", "GET", "POST");
        assertThat(hubspot.requests()).filteredOn(r -> r.method().equals("PATCH")).hasSize(2);
    }

    @Test
    void aRateLimitIsWaitedOutAndADeletedContactIsRecordedNotRetried() throws Exception {
        hubspot.rateLimitNext(1, 1);
        SlackCall limited = handOff(51301);
        app.client().blockAction(BlockAction.click(limited, "handoff_accept").withUser(AVERY));
        List<Request> tries = hubspot.awaitRequests("PATCH", "/crm/v3/objects/contacts/51301", 1, WAIT);
        assertThat(hubspot.requests().get(0).status()).isEqualTo(429);
        assertThat(tries.get(tries.size() - 1).status()).isEqualTo(200);
        assertThat(hubspot.contact("51301")).containsEntry("hs_lead_status", "IN_PROGRESS");

        SlackCall deleted = handOff(51302);
        hubspot.deleteContact("51302");
        app.client().blockAction(BlockAction.click(deleted, "handoff_accept").withUser(AVERY));
        app.awaitNumber(1, WAIT, "SELECT count(*) FROM outbox WHERE kind = 'hubspot_contact' AND state = 'failed'");
        Thread.sleep(1_500);
        assertThat(hubspot.requests()).filteredOn(r -> r.path().endsWith("/contacts/51302")).hasSize(1)
                .allSatisfy(r -> assertThat(r.status()).isEqualTo(404));
        assertThat(app.query(String.class, "SELECT last_error FROM outbox WHERE state = 'failed'").get(0))
                .contains("HubSpot has no contact 51302");
    }

    @Test
    void aRevokedTokenPausesTheWriterAndShowsOnTheHealthPageInsteadOfRetryingInALoop() throws Exception {
        hubspot.revokeToken();
        SlackCall message = handOff(51401);
        app.client().blockAction(BlockAction.click(message, "handoff_accept").withUser(AVERY));
        hubspot.awaitRequests("GET", "/crm/v3/owners", 1, WAIT);
        Thread.sleep(2_000);
        assertThat(hubspot.requests()).as("one refused call, then the writer waits for its next probe").hasSize(1)
                .allSatisfy(r -> assertThat(r.status()).isEqualTo(401));
        assertThat(app.query(String.class, "SELECT state FROM outbox WHERE kind = 'hubspot_contact'"))
                .containsExactly("pending");
        JsonNode crm = JSON.readTree(app.get("/health").body()).path("crm");
        assertThat(crm.path("status").asText()).isEqualTo("degraded");
        assertThat(crm.path("hubspot").path("last_error").asText()).contains("401");
        assertThat(crm.path("hubspot").path("pending").asInt()).isEqualTo(1);
        assertThat(app.get("/health").body()).doesNotContain(HubSpotStandIn.TOKEN);
    }
}
