package dev.handshake.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handshake.testing.BlockAction;
import dev.handshake.testing.Replay;
import dev.handshake.testing.SlackCall;
import dev.handshake.testing.StateValue;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Slack requests sent again byte for byte (a replay within the signature's five minutes) and Events API retries of
 * the same event (new timestamp and signature, same event id): the second has no effect and gets an empty 200. Over
 * Socket Mode the repeat is Slack's redelivery of the envelope (same envelope id and payload, on another connection)
 * and an event's retry comes in a new envelope; the second likewise gets an empty acknowledgement.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.handshake.e2e.Setup#eachTransportAndDatabase")
class ReplayTest {

    @Parameter
    Setup setup;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** How long a test watches for an effect that must not come. */
    private static final Duration QUIET = Duration.ofMillis(1500);
    private static final String HOME_OPENED = "{\"type\":\"app_home_opened\",\"user\":\"U0123ABCD\","
            + "\"channel\":\"D0123\",\"tab\":\"home\",\"event_ts\":\"1764300000.000100\"}";

    private final MovableClock clock = new MovableClock(Instant.now());
    private final Replay replay = new Replay();
    private RunningApp app;

    @BeforeEach
    void start() throws Exception {
        app = RunningApp.start(setup, Map.of(), clock);
    }

    @AfterEach
    void stop() {
        app.close();
    }

    private static void assertIgnored(HttpResponse<String> repeat) {
        assertThat(repeat.statusCode()).isEqualTo(200);
        assertThat(repeat.body()).isEmpty();
    }

    private SlackCall handOff(String externalId) throws InterruptedException {
        assertThat(app.postHandoff(Handoffs.json(Handoffs.unassigned(externalId))).statusCode()).isEqualTo(202);
        SlackCall message = app.slack().awaitPosts("#sales-leads", 1, WAIT).get(0);
        app.awaitNumber(1, WAIT, "SELECT count(*) FROM handoff_events WHERE kind = 'posted'");
        return message;
    }

    @Test
    void aQuestionSentAgainIsAnsweredAgainAndNothingIsRemembered() throws Exception {
        HttpResponse<String> first = app.client().slashCommand("/sla", "mql share", "U0REP00001", "C0GENERAL1");
        HttpResponse<String> again = replay.of(first);

        // The answer goes back to whoever sent the request: repeating it has no effect in Slack or the database.
        assertThat(JSON.readTree(first.body()).path("response_type").asText()).isEqualTo("in_channel");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(app.number("SELECT count(*) FROM slack_requests")).isZero();
        app.slack().assertCallCount("chat.postMessage", 0, QUIET);
    }

    @Test
    void statsSentAgainIsAnsweredAgainAndNothingIsRemembered() throws Exception {
        HttpResponse<String> first = app.client().slashCommand("/sla", "stats", "U0REP00001", "C0GENERAL1");
        HttpResponse<String> again = replay.of(first);

        // /sla stats is declared a question: it reads the numbers and stores nothing.
        assertThat(first.body()).contains("SLA stats");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(app.number("SELECT count(*) FROM slack_requests")).isZero();
    }

    @Test
    void aChartAskedForAgainIsDrawnAndSentOnce() throws Exception {
        HttpResponse<String> first = app.client().slashCommand("/sla", "stats this quarter chart", "U0CHART001",
                "C0GENERAL1");
        app.slack().awaitCall("files.completeUploadExternal", WAIT);
        HttpResponse<String> again = replay.of(first);

        // With "chart" /sla stats owes a direct message: it is remembered, so the replay has no second effect.
        assertThat(first.body()).contains("Drawing the chart");
        assertIgnored(again);
        assertThat(app.number("SELECT count(*) FROM slack_requests")).isEqualTo(1);
        app.slack().assertCallCount("files.completeUploadExternal", 1, QUIET);
    }

    @Test
    void anExportSentAgainUploadsOneFile() throws Exception {
        app.slack().addUserGroup("S0SALESMGR1", "sales-managers", "U0EXPORT01");
        HttpResponse<String> first = app.client().slashCommand("/sla", "export", "U0EXPORT01", "C0GENERAL1");
        app.slack().awaitCall("files.completeUploadExternal", WAIT);
        HttpResponse<String> again = replay.of(first);

        assertThat(first.body()).contains("Checking that you may export");
        assertIgnored(again);
        app.slack().assertCallCount("files.completeUploadExternal", 1, QUIET);
        app.slack().assertCallCount("files.getUploadURLExternal", 1, Duration.ZERO);
    }

    @Test
    void awaySentAgainALaterMinuteLeavesTheFirstRecordAsItWas() throws Exception {
        LocalDate until = LocalDate.now().plusDays(12);
        HttpResponse<String> first = app.client().slashCommand("/sla", "away until " + until, "U0AWAY0001",
                "C0GENERAL1");
        long setAt = app.number("SELECT set_at FROM away WHERE user_id = 'U0AWAY0001'");
        clock.advance(Duration.ofMinutes(1)); // still inside the signature's five minutes

        HttpResponse<String> again = replay.of(first);

        assertThat(first.body()).contains("away through");
        assertIgnored(again);
        assertThat(app.number("SELECT set_at FROM away WHERE user_id = 'U0AWAY0001'")).isEqualTo(setAt);
    }

    @Test
    void anAcceptSentAgainDecidesOnceAndRepliesNothing() throws Exception {
        SlackCall message = handOff("hs-replay-accept");
        HttpResponse<String> first = app.client().blockAction(
                BlockAction.click(message, "handoff_accept").withUser("U0REP00001"));
        app.slack().awaitCalls("chat.update", "#sales-leads", 1, WAIT);

        for (int i = 0; i < 3; i++) {
            assertIgnored(replay.of(first));
        }

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(app.number("SELECT count(*) FROM handoff_events WHERE kind = 'accepted'")).isEqualTo(1);
        // Handled again, each repeat would have been told "Already accepted by you".
        assertThat(app.slack().responseUrlPosts()).isEmpty();
        app.slack().assertCallCount("chat.update", "#sales-leads", 1, QUIET);
    }

    @Test
    void aRejectClickAndItsReasonSentAgainOpenOneModalAndRejectOnce() throws Exception {
        SlackCall message = handOff("hs-replay-reject");
        HttpResponse<String> click = app.client().blockAction(
                BlockAction.click(message, "handoff_reject").withUser("U0REP00002"));
        SlackCall modal = app.slack().awaitCall("views.open", WAIT);
        assertIgnored(replay.of(click));
        app.slack().assertCallCount("views.open", 1, QUIET);

        HttpResponse<String> submitted = app.client().viewSubmission(modal, Map.of(
                "reject_reason", Map.of("reason", StateValue.staticSelect("r1", "label")),
                "reject_comment", Map.of("comment", StateValue.plainText("Not a fit"))), "U0REP00002");
        HttpResponse<String> again = replay.of(submitted);

        assertThat(submitted.body()).doesNotContain("errors");
        // Handled again, the repeat would have kept the modal open with "Too late: already rejected".
        assertIgnored(again);
        assertThat(app.number("SELECT count(*) FROM handoff_events WHERE kind = 'rejected'")).isEqualTo(1);
    }

    @Test
    void anEventSentAgainOrRetriedBySlackIsPublishedOnce() throws Exception {
        HttpResponse<String> first = app.client().event(HOME_OPENED, "Ev0REPLAY01", null);
        app.slack().awaitCall("views.publish", WAIT);

        HttpResponse<String> same = replay.of(first);
        HttpResponse<String> retry1 = app.client().event(HOME_OPENED, "Ev0REPLAY01", 1);
        HttpResponse<String> retry2 = app.client().event(HOME_OPENED, "Ev0REPLAY01", 2);

        assertThat(first.statusCode()).isEqualTo(200);
        assertIgnored(same);
        assertIgnored(retry1);
        assertIgnored(retry2);
        app.slack().assertCallCount("views.publish", 1, QUIET);

        app.client().event(HOME_OPENED, "Ev0REPLAY02", null);
        app.slack().awaitCalls("views.publish", 2, WAIT);
    }

    @Test
    void aRepeatIsStillRefusedAfterTheAppRestarts() throws Exception {
        LocalDate until = LocalDate.now().plusDays(9);
        HttpResponse<String> away = app.client().slashCommand("/sla", "away until " + until, "U0AWAY0002",
                "C0GENERAL1");
        app.client().event(HOME_OPENED, "Ev0RESTART1", null);
        app.slack().awaitCall("views.publish", WAIT);
        app.awaitNumber(2, WAIT, "SELECT count(*) FROM slack_requests");
        long setAt = app.number("SELECT set_at FROM away WHERE user_id = 'U0AWAY0002'");

        app.restart(); // on another port

        assertThat(away.body()).contains("away through");
        assertIgnored(replay.of(away, app.baseUri().resolve("/slack/events")));
        assertThat(app.number("SELECT set_at FROM away WHERE user_id = 'U0AWAY0002'")).isEqualTo(setAt);
        assertIgnored(app.client().event(HOME_OPENED, "Ev0RESTART1", 1));
        app.slack().assertCallCount("views.publish", 1, QUIET);
    }
}
