package dev.handshake.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handshake.testing.BlockAction;
import dev.handshake.testing.Replay;
import dev.handshake.testing.SlackCall;
import dev.handshake.testing.SlackClient;
import dev.handshake.testing.TestDatabase;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two replicas of the real app on one PostgreSQL database, behind no sticky sessions: each request goes to either, and
 * what the app promises holds as on one process. A click on one and its replay on the other have one effect; clicks
 * racing on both make one decision; with both SLA clocks running each timer fires once; the health page names the
 * replica that answered and both replicas.
 */
class ReplicasTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

    private MovableClock clock;
    private RunningApp a;
    private RunningApp b;

    @BeforeEach
    void start() throws Exception {
        clock = new MovableClock(LocalDateTime.parse("2026-11-30T10:00:00").atZone(CHICAGO).toInstant());
        a = RunningApp.start(TestDatabase.POSTGRESQL, Map.of(), clock);
        b = a.replica();
    }

    @AfterEach
    void stop() {
        b.close();
        a.close();
    }

    private SlackCall handOffOn(RunningApp replica, String externalId) {
        int before = a.slack().posts("#sales-leads").size();
        HttpResponse<String> response = replica.postHandoff(Handoffs.json(Handoffs.unassigned(externalId)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return a.slack().awaitPosts("#sales-leads", before + 1, WAIT).get(before);
    }

    /**
     * The edits of {@code message} once the decision's edit arrived and 1.5 s passed without another (the rep's direct
     * message gets its own edit, the link to the message, which is not counted).
     */
    private long decisionEdits(SlackCall message) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (edits(message) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        Thread.sleep(1500);
        return edits(message);
    }

    private long edits(SlackCall message) {
        return a.slack().calls("chat.update").stream()
                .filter(call -> call.param("channel").equals(message.response().path("channel").asText())
                        && call.param("ts").equals(message.response().path("ts").asText()))
                .count();
    }

    @Test
    void aClickOnOneReplicaAndItsReplayOnTheOtherHaveOneEffect() throws Exception {
        SlackCall message = handOffOn(a, "hs-two-replicas");

        HttpResponse<String> click = b.client().blockAction(
                BlockAction.click(message, "handoff_accept").withUser("U0REP00001"));
        HttpResponse<String> replayed = new Replay().of(click, a.baseUri().resolve("/slack/events"));

        assertThat(click.statusCode()).isEqualTo(200);
        assertThat(replayed.statusCode()).isEqualTo(200);
        assertThat(replayed.body()).isEmpty();
        assertThat(decisionEdits(message)).as("one edit of the channel message for the decision").isEqualTo(1);
        assertThat(a.number("SELECT count(*) FROM handoff_events WHERE kind = 'accepted'")).isEqualTo(1);
        assertThat(a.slack().responseUrlPosts()).as("no \"already accepted\" for the replay").isEmpty();
    }

    @Test
    void fortyAcceptsSpreadOverBothReplicasMakeOneDecisionAndOneEdit() throws Exception {
        SlackCall message = handOffOn(b, "hs-race-two");
        ExecutorService pool = Executors.newFixedThreadPool(40);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> clicks = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String user = String.format("U0REP%05d", i);
            SlackClient client = (i % 2 == 0 ? a : b).client();
            clicks.add(pool.submit(() -> {
                go.await();
                return client.blockAction(BlockAction.click(message, "handoff_accept").withUser(user));
            }));
        }
        go.countDown();
        for (Future<HttpResponse<String>> click : clicks) {
            assertThat(click.get().statusCode()).isEqualTo(200);
        }
        pool.shutdown();

        assertThat(a.number("SELECT count(*) FROM handoff_events WHERE kind = 'accepted'")).isEqualTo(1);
        String winner = a.query(String.class, "SELECT decided_by FROM handoffs").get(0);
        assertThat(a.slack().awaitResponseUrlPosts(39, WAIT)).hasSize(39).allSatisfy(reply ->
                assertThat(reply.json().path("text").asText()).startsWith("Already accepted by <@" + winner + ">"));
        assertThat(decisionEdits(message)).as("one edit of the channel message for the decision").isEqualTo(1);
    }

    @Test
    void withBothClocksRunningEachTimerFiresOnce() throws Exception {
        SlackCall message = handOffOn(a, "hs-clocks");
        String ts = message.response().path("ts").asText();

        clock.advanceTo(LocalDateTime.parse("2026-11-30T13:05:00").atZone(CHICAGO).toInstant()); // the reminder
        a.awaitNumber(1, WAIT, "SELECT count(*) FROM handoff_events WHERE kind = 'reminded'");
        clock.advanceTo(LocalDateTime.parse("2026-11-30T14:01:00").atZone(CHICAGO).toInstant()); // the deadline
        a.awaitNumber(1, WAIT, "SELECT count(*) FROM handoff_events WHERE kind = 'escalated'");
        Thread.sleep(3_000); // several ticks of both clocks

        assertThat(a.number("SELECT count(*) FROM handoff_events WHERE kind = 'reminded'")).isEqualTo(1);
        assertThat(a.number("SELECT count(*) FROM handoff_events WHERE kind = 'escalated'")).isEqualTo(1);
        assertThat(a.number("SELECT count(*) FROM handoff_events WHERE kind = 'reassigned'")).isEqualTo(1);
        assertThat(a.number("SELECT count(*) FROM timers WHERE state = 'fired'")).isEqualTo(2);
        // The thread's posts share the sales channel's lane with the rep's notices, a second apart at most.
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (threadPosts(ts).size() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        Thread.sleep(1_500);
        assertThat(threadPosts(ts)).as("reminder, escalation and reassignment, each once").hasSize(3);
    }

    private List<SlackCall> threadPosts(String ts) {
        return a.slack().calls("chat.postMessage").stream().filter(call -> ts.equals(call.param("thread_ts"))).toList();
    }

    @Test
    void eachReplicaNamesItselfAndBothOnTheHealthPage() throws Exception {
        handOffOn(a, "hs-health-two");
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode fromA = JSON.readTree(a.get("/health").body());
        while (fromA.path("replica").path("replicas").size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            fromA = JSON.readTree(a.get("/health").body());
        }
        JsonNode fromB = JSON.readTree(b.get("/health").body());

        String idA = fromA.path("replica").path("id").asText();
        String idB = fromB.path("replica").path("id").asText();
        assertThat(idA).isNotEqualTo(idB);
        for (JsonNode health : List.of(fromA, fromB)) {
            assertThat(health.path("status").asText()).isEqualTo("ok");
            assertThat(health.path("replica").path("shares_database").asBoolean()).isTrue();
            assertThat(health.path("replica").path("replicas")).extracting(r -> r.path("id").asText())
                    .containsExactlyInAnyOrder(idA, idB);
        }
        // The first replica listed is the one that answered.
        assertThat(fromB.path("replica").path("replicas").get(0).path("id").asText()).isEqualTo(idB);
        int held = 0;
        for (JsonNode r : fromA.path("replica").path("replicas")) {
            held += r.path("lanes_held").asInt();
        }
        // Routed at intake, the lead owes its rep a direct message in the rep's own lane too: two lanes, each held by
        // one replica at most (the rep's may already be given up, its one message sent).
        assertThat(held).as("the sales channel's lane and the rep's, each held by one replica").isBetween(1, 2);
    }
}
