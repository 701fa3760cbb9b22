package dev.handshake.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handshake.config.Settings;
import dev.handshake.testing.Fault;
import dev.handshake.testing.SlackCall;
import dev.handshake.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Delivering handoffs to Slack when Slack misbehaves: rate limits, errors, permanent failures, restarts, bursts. */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.class)
class DeliveryTest {

    @Parameter
    TestDatabase database;

    private static final ObjectMapper JSON = new ObjectMapper();
    private RunningApp app;

    /**
     * The shipped agreement without a reassignment pool, so leads are not routed: each lead owes one post, and the
     * delivery of that post is what these tests watch.
     */
    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        String shipped = Files.readString(Path.of("sla.yml"));
        String routing = shipped.substring(shipped.indexOf("      routing:\n"), shipped.indexOf("  who_decides:"));
        String reassign = "    enabled: true\n    max_times: 2\n";
        assertThat(shipped).contains(reassign);
        Path agreement = Files.writeString(dir.resolve("sla.yml"),
                shipped.replace(routing, "").replace(reassign, "    enabled: false\n"));
        app = RunningApp.start(database, Map.of(Settings.AGREEMENT_FILE, agreement.toString()), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        app.close();
    }

    private void handOff(String id) {
        assertThat(app.postHandoff(Handoffs.json(Handoffs.unassigned(id))).statusCode()).isEqualTo(202);
    }

    /** Polls /health until its overall status is {@code status}; the app learns Slack's answer after the fake sends it. */
    private JsonNode awaitHealth(String status) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        JsonNode health = JSON.readTree(app.get("/health").body());
        while (!health.path("status").asText().equals(status) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            health = JSON.readTree(app.get("/health").body());
        }
        assertThat(health.path("status").asText()).as(health.toString()).isEqualTo(status);
        return health;
    }

    private List<SlackCall> postAttempts() {
        return app.slack().calls("chat.postMessage");
    }

    @Test
    void aRateLimitIsRetriedNoSoonerThanRetryAfterAndPostedOnce() {
        app.slack().failNext("chat.postMessage", 1, Fault.rateLimited(2));
        handOff("hs-429");
        List<SlackCall> calls = app.slack().awaitCalls("chat.postMessage", 2, Duration.ofSeconds(10));
        assertThat(calls.get(0).answeredWith()).isEqualTo("ratelimited");
        assertThat(calls.get(1).succeeded()).isTrue();
        assertThat(Duration.between(calls.get(0).at(), calls.get(1).at())).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        app.slack().assertCallCount("chat.postMessage", 2, Duration.ofSeconds(1));
        assertThat(app.query(String.class, "SELECT state FROM outbox")).containsExactly("done");
    }

    @Test
    void serverErrorsAreRetriedWithBackoffUntilPostedOnce() {
        app.slack().failNext("chat.postMessage", 3, Fault.status(500));
        handOff("hs-500");
        List<SlackCall> calls = app.slack().awaitCalls("chat.postMessage", 4, Duration.ofSeconds(20));
        assertThat(calls).extracting(SlackCall::answeredWith).containsExactly("http_500", "http_500", "http_500", "ok");
        Duration first = Duration.between(calls.get(0).at(), calls.get(1).at());
        Duration third = Duration.between(calls.get(2).at(), calls.get(3).at());
        assertThat(third).as("backoff grows").isGreaterThan(first);
        app.slack().assertCallCount("chat.postMessage", 4, Duration.ofSeconds(1));
        assertThat(app.number("SELECT count(*) FROM handoff_events WHERE kind = 'posted'")).isEqualTo(1);
    }

    @Test
    void aMissingChannelIsRecordedAsFailedNotRetriedAndShownOnHealth() throws Exception {
        app.slack().failAlways("chat.postMessage", Fault.error("channel_not_found"));
        handOff("hs-404");
        app.slack().awaitCalls("chat.postMessage", 1, Duration.ofSeconds(5));
        app.slack().assertCallCount("chat.postMessage", 1, Duration.ofSeconds(2));
        assertThat(app.query(String.class, "SELECT state || ' ' || last_error FROM outbox"))
                .containsExactly("failed chat.postMessage: channel_not_found");
        assertThat(app.query(String.class, "SELECT detail FROM handoff_events WHERE kind = 'failed'"))
                .singleElement().asString().contains("channel_not_found");
        JsonNode health = awaitHealth("degraded");
        assertThat(health.path("slack").path("status").asText()).isEqualTo("degraded");
        assertThat(health.toString()).contains("#sales-leads", "channel_not_found", "invite");
        // The lead itself is kept, and the sender learns the delivery failed.
        var again = app.postHandoff(Handoffs.json(Handoffs.unassigned("hs-404")));
        assertThat(JSON.readTree(again.body()).path("status").asText()).isEqualTo("failed");
    }

    @Test
    void pendingDeliveriesAreSentAfterARestart() throws Exception {
        app.slack().failAlways("chat.postMessage", Fault.status(503));
        handOff("hs-restart-1");
        handOff("hs-restart-2");
        app.slack().awaitCalls("chat.postMessage", 2, Duration.ofSeconds(5));
        app.stopApp();
        assertThat(app.number("SELECT count(*) FROM outbox WHERE state = 'pending'")).isEqualTo(2);
        app.slack().clearFaults();
        app.slack().reset();
        app.startApp();
        List<SlackCall> posts = app.slack().awaitCalls("chat.postMessage", 2, Duration.ofSeconds(15));
        assertThat(posts).allMatch(SlackCall::succeeded);
        app.slack().assertCallCount("chat.postMessage", 2, Duration.ofSeconds(1));
        app.awaitNumber(2, Duration.ofSeconds(5), "SELECT count(*) FROM handoffs WHERE message_ts IS NOT NULL");
    }

    @Test
    void aBurstToOneChannelIsPacedAtAboutOneMessageASecond() throws Exception {
        for (int i = 0; i < 5; i++) {
            handOff("hs-burst-" + i);
        }
        List<SlackCall> posts = app.slack().awaitCalls("chat.postMessage", 5, Duration.ofSeconds(15));
        for (int i = 1; i < posts.size(); i++) {
            Duration gap = Duration.between(posts.get(i - 1).at(), posts.get(i).at());
            assertThat(gap).as("gap before post %d", i).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        }
        assertThat(postAttempts()).allMatch(SlackCall::succeeded);
        app.awaitNumber(5, Duration.ofSeconds(5), "SELECT count(*) FROM handoffs WHERE message_ts IS NOT NULL");
    }

    @Test
    void aRevokedTokenPausesDeliveriesAndReportsUnhealthyWithoutLosingThem() throws Exception {
        app.slack().failNext("chat.postMessage", 1, Fault.error("token_revoked"));
        handOff("hs-auth");
        app.slack().awaitCalls("chat.postMessage", 1, Duration.ofSeconds(5));
        JsonNode health = awaitHealth("unhealthy");
        assertThat(health.toString()).contains("token_revoked", "SLACK_BOT_TOKEN");
        assertThat(app.query(String.class, "SELECT state FROM outbox")).containsExactly("pending");
        // No storm of calls while paused: the next probe is a minute away.
        app.slack().assertCallCount("chat.postMessage", 1, Duration.ofSeconds(2));
    }
}
