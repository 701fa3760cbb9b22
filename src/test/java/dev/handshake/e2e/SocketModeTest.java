package dev.handshake.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handshake.config.Settings;
import dev.handshake.testing.BlockAction;
import dev.handshake.testing.Fault;
import dev.handshake.testing.SlackCall;
import dev.handshake.testing.SlackClient;
import dev.handshake.testing.SocketModeServer;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What only Socket Mode has: no signing secret and no {@code /slack/events}, the connections' life (Slack's
 * {@code disconnect} and a dropped socket in the middle of a burst of clicks), and a refused app token. The listeners
 * themselves run over both transports in the other end-to-end tests.
 */
class SocketModeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(15);
    private RunningApp app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    private SocketModeServer standIn() {
        return app.slack().socketMode();
    }

    private JsonNode health() throws Exception {
        return JSON.readTree(app.get("/health").body());
    }

    /** Polls /health until {@code check} holds; the app learns what happens to a connection as it happens. */
    private JsonNode awaitHealth(Predicate<JsonNode> check) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode health = health();
        while (!check.test(health) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            health = health();
        }
        assertThat(check.test(health)).as(health.toString()).isTrue();
        return health;
    }

    @Test
    void startsWithoutASigningSecretConnectsWithTheAppTokenAndHasNoSlackEndpoint() throws Exception {
        app = RunningApp.start(Transport.SOCKET_MODE);

        assertThat(app.post("/slack/events", "command=%2Fsla&text=mql", "application/x-www-form-urlencoded", null)
                .statusCode()).isEqualTo(404);
        List<SlackCall> opens = app.slack().calls("apps.connections.open");
        assertThat(opens).hasSize(2).allSatisfy(open -> assertThat(open.token()).isEqualTo(RunningApp.APP_TOKEN));
        assertThat(app.slack().calls()).filteredOn(call -> !call.method().equals("apps.connections.open"))
                .allSatisfy(call -> assertThat(call.token()).isEqualTo(RunningApp.BOT_TOKEN));

        JsonNode health = awaitHealth(h -> h.path("slack").path("socket_mode").path("connections").asInt() == 2);
        assertThat(health.path("status").asText()).isEqualTo("ok");
        JsonNode socketMode = health.path("slack").path("socket_mode");
        assertThat(socketMode.path("state").asText()).isEqualTo("connected");
        assertThat(socketMode.path("wanted").asInt()).isEqualTo(2);
        assertThat(socketMode.path("slack_counts").asInt()).isBetween(1, 2);
        assertThat(socketMode.has("last_disconnect")).isFalse();
        assertThat(health.toString()).doesNotContain(RunningApp.APP_TOKEN, "ticket");

        HttpResponse<String> answer = app.client().slashCommand("/sla", "mql", "U0ASKER001", "C0GENERAL1");
        assertThat(JSON.readTree(answer.body()).path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(standIn().strayMessages()).isEmpty();
    }

    /** Hands off {@code count} leads and returns the sales-channel messages, once the app recorded each as posted. */
    private List<SlackCall> handOff(int count) throws Exception {
        for (int i = 0; i < count; i++) {
            assertThat(app.postHandoff(Handoffs.json(Handoffs.unassigned("hs-socket-" + i))).statusCode())
                    .isEqualTo(202);
        }
        List<SlackCall> posts = app.slack().awaitPosts("#sales-leads", count, WAIT);
        app.awaitNumber(count, WAIT, "SELECT count(*) FROM handoff_events WHERE kind = 'posted'");
        return posts;
    }

    @Test
    void aBurstOfClicksThroughADisconnectAndADroppedSocketDecidesEachOnceAndLosesNothing() throws Exception {
        app = RunningApp.start(Transport.SOCKET_MODE);
        int handoffs = 3;
        int clicksEach = 12;
        List<SlackCall> messages = handOff(handoffs);
        List<Long> connections = standIn().openConnections();
        assertThat(connections).hasSize(2);

        // Twelve people click Accept on each of the handoffs, all at once.
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch halfway = new CountDownLatch(handoffs * clicksEach / 2);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (int click = 0; click < clicksEach; click++) {
            for (int h = 0; h < handoffs; h++) {
                SlackClient client = app.client();
                BlockAction accept = BlockAction.click(messages.get(h), "handoff_accept")
                        .withUser(String.format("U0REP%02d%03d", h, click));
                answers.add(pool.submit(() -> {
                    halfway.countDown();
                    return client.blockAction(accept);
                }));
            }
        }
        halfway.await();
        // Slack announces one connection's end and closes it soon after; the other is cut without a word.
        standIn().announceDisconnect(connections.get(0), "refresh_requested", Duration.ofMillis(50));
        standIn().drop(connections.get(1));
        for (Future<HttpResponse<String>> answer : answers) {
            assertThat(answer.get().statusCode()).isEqualTo(200);
        }
        pool.shutdown();

        // Every envelope was acknowledged, and each click had exactly one effect: one decision per handoff, by one
        // of its clickers, and one "already accepted" reply to each other clicker (a click handled twice would get
        // a second reply; a lost one none).
        assertThat(standIn().unacknowledged()).isEmpty();
        assertThat(app.number("SELECT count(*) FROM handoff_events WHERE kind = 'accepted'")).isEqualTo(handoffs);
        List<String> winners = app.query(String.class, "SELECT decided_by FROM handoffs ORDER BY id");
        for (int h = 0; h < handoffs; h++) {
            assertThat(winners.get(h)).startsWith(String.format("U0REP%02d", h));
        }
        int losers = handoffs * (clicksEach - 1);
        var replies = app.slack().awaitResponseUrlPosts(losers, WAIT);
        assertThat(replies).allSatisfy(reply -> assertThat(reply.json().path("text").asText())
                .matches("Already accepted by <@U0REP\\d{5}>.*"));
        Thread.sleep(1500);
        assertThat(app.slack().responseUrlPosts()).hasSize(losers);
        app.slack().assertCallCount("chat.update", "#sales-leads", handoffs, Duration.ZERO);
        assertThat(standIn().strayMessages()).isEmpty();

        // Both connections were replaced, and the health check says so.
        assertThat(standIn().awaitOpenConnections(2, WAIT)).doesNotContainAnyElementsOf(connections);
        JsonNode health = awaitHealth(h -> h.path("slack").path("socket_mode").path("connections").asInt() == 2);
        JsonNode socketMode = health.path("slack").path("socket_mode");
        assertThat(socketMode.path("state").asText()).isEqualTo("connected");
        assertThat(socketMode.path("last_disconnect").path("reason").asText())
                .isIn("refresh_requested", "closed without notice (1006)");
        assertThat(health.path("status").asText()).isEqualTo("ok");
    }

    @Test
    void aRoutineRefreshOpensTheReplacementBeforeTheOldConnectionGoes() throws Exception {
        app = RunningApp.start(Transport.SOCKET_MODE);
        List<Long> before = standIn().openConnections();
        int hellos = standIn().helloCount();

        // Slack's warning comes ten seconds ahead; the app does not wait for the close to replace the connection.
        standIn().announceDisconnect(before.get(0), "warning", Duration.ofSeconds(10));
        standIn().awaitCloses(1, Duration.ofSeconds(5));
        assertThat(standIn().helloCount()).isEqualTo(hellos + 1);
        List<Long> after = standIn().awaitOpenConnections(2, WAIT);
        assertThat(after).contains(before.get(1)).doesNotContain(before.get(0));

        JsonNode health = awaitHealth(h -> h.path("slack").path("socket_mode").has("last_disconnect"));
        assertThat(health.path("slack").path("socket_mode").path("last_disconnect").path("reason").asText())
                .isEqualTo("warning");
        assertThat(health.path("slack").path("socket_mode").path("connections").asInt()).isEqualTo(2);
        HttpResponse<String> answer = app.client().slashCommand("/sla", "stages", "U0ASKER001", "C0GENERAL1");
        assertThat(JSON.readTree(answer.body()).path("response_type").asText()).isEqualTo("ephemeral");
    }

    @Test
    void aRefusedAppTokenIsUnhealthyWithTheFixTriedSparinglyAndRecovers() throws Exception {
        Map<String, String> settings = new HashMap<>();
        settings.put(Settings.SLACK_AUTH_PROBE_SECONDS, "1");
        app = RunningApp.start(Transport.SOCKET_MODE, settings, Clock.systemUTC());
        app.slack().failAlways("apps.connections.open", Fault.error("invalid_auth"));
        List<Long> connections = standIn().openConnections();
        connections.forEach(standIn()::drop);

        JsonNode health = awaitHealth(h -> h.path("status").asText().equals("unhealthy"));
        assertThat(app.get("/health").statusCode()).isEqualTo(503);
        JsonNode problem = health.path("slack").path("problems").get(0);
        assertThat(problem.path("where").asText()).isEqualTo("app_token");
        assertThat(problem.path("error").asText()).isEqualTo("invalid_auth");
        assertThat(problem.path("fix").asText()).contains("SLACK_APP_TOKEN", "connections:write");
        assertThat(health.path("slack").path("socket_mode").path("state").asText()).isEqualTo("reconnecting");
        // Tried again once a second per connection, not in a tight loop.
        int refusals = app.slack().calls("apps.connections.open").size();
        Thread.sleep(2000);
        assertThat(app.slack().calls("apps.connections.open").size() - refusals).isBetween(1, 6);
        // Handoffs still go out: the bot token works.
        assertThat(app.postHandoff(Handoffs.json(Handoffs.unassigned("hs-refused"))).statusCode()).isEqualTo(202);
        app.slack().awaitCall("chat.postMessage", WAIT);

        app.slack().clearFaults();
        health = awaitHealth(h -> h.path("slack").path("socket_mode").path("connections").asInt() == 2);
        assertThat(health.path("status").asText()).isEqualTo("ok");
        assertThat(health.path("slack").has("problems")).isFalse();
    }

    @Test
    void socketModeTurnedOffIsUnhealthyUntilSlackLetsTheAppBackIn() throws Exception {
        Map<String, String> settings = new HashMap<>();
        settings.put(Settings.SLACK_AUTH_PROBE_SECONDS, "2");
        app = RunningApp.start(Transport.SOCKET_MODE, settings, Clock.systemUTC());
        int hellos = standIn().helloCount();
        for (long connection : standIn().openConnections()) {
            standIn().announceDisconnect(connection, "link_disabled", Duration.ofMillis(50));
        }

        JsonNode health = awaitHealth(h -> h.path("status").asText().equals("unhealthy"));
        JsonNode problem = health.path("slack").path("problems").get(0);
        assertThat(problem.path("where").asText()).isEqualTo("socket_mode");
        assertThat(problem.path("error").asText()).isEqualTo("link_disabled");
        assertThat(problem.path("fix").asText()).contains("Turn Socket Mode on");
        // Not reopened at once (Slack would only refuse again), but after the probe interval.
        Thread.sleep(1000);
        assertThat(standIn().helloCount()).isEqualTo(hellos);
        health = awaitHealth(h -> h.path("slack").path("socket_mode").path("connections").asInt() == 2);
        assertThat(health.path("status").asText()).isEqualTo("ok");
        assertThat(health.path("slack").path("socket_mode").path("last_disconnect").path("reason").asText())
                .isEqualTo("link_disabled");
    }

    @Test
    void anEnvelopeNoListenerHandlesIsNotAcknowledgedAsOverHttpItWouldBeAnswered404() throws Exception {
        app = RunningApp.start(Transport.SOCKET_MODE);
        ObjectNode event = JSON.createObjectNode().put("type", "event_callback").put("team_id", "T0TEST0001")
                .put("event_id", "Ev0NOBODY01").put("api_app_id", "A0APP00001");
        event.putObject("event").put("type", "reaction_added").put("user", "U0ASKER001");

        String id = standIn().send("events_api", event, false);

        standIn().assertNoAck(id, Duration.ofSeconds(1));
        assertThat(app.slack().calls()).noneMatch(call -> call.method().startsWith("chat."));
    }

    @Test
    void shuttingDownFinishesAndAcknowledgesTheRequestsBeingHandled() throws Exception {
        app = RunningApp.start(Transport.SOCKET_MODE);
        SlackCall message = handOff(1).get(0);
        // Reject opens its form before acknowledging; Slack takes a second to answer that.
        app.slack().setLatency(Duration.ofSeconds(1));
        ExecutorService clicker = Executors.newSingleThreadExecutor();
        Future<HttpResponse<String>> click = clicker.submit(() -> app.client().blockAction(
                BlockAction.click(message, "handoff_reject").withUser("U0REP00009")));
        app.slack().awaitCall("views.open", WAIT);

        app.stopApp();

        assertThat(click.get().statusCode()).isEqualTo(200);
        clicker.shutdown();
        assertThat(standIn().unacknowledged()).isEmpty();
        standIn().awaitCloses(2, WAIT);
        app.slack().setLatency(Duration.ZERO);
        app.startApp();
        assertThat(standIn().openConnections()).hasSize(2);
    }
}
