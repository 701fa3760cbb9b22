package dev.handshake.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handshake.testing.BlockAction;
import dev.handshake.testing.SlackCall;
import dev.handshake.testing.StateValue;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Another process holds the database's write lock for longer than the busy timeout (five seconds). Slack requests
 * that write are answered "try again" before Slack gives up (3 s) and change nothing; the webhooks answer 503 with
 * Retry-After and store nothing; reads go on; once the lock is gone everything works again.
 */
@ParameterizedClass(name = "over {0}")
@EnumSource(Transport.class)
class DatabaseLockTest {

    @Parameter
    Transport transport;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Past the five-second busy timeout, so the webhooks give up before the lock goes. */
    private static final Duration LOCK = Duration.ofMillis(6500);
    /** Slack's answers must come before the busy timeout ends (Slack itself waits 3 s; measured, ~1.6 s). */
    private static final long SLACK_ANSWER_BOUND_MS = 4500;

    private RunningApp app;
    private ExecutorService pool;

    @BeforeEach
    void start() throws Exception {
        app = RunningApp.start(transport);
        pool = Executors.newFixedThreadPool(8);
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
        app.close();
    }

    /** An answer and how long it took. */
    private record Timed(HttpResponse<String> response, long millis) {}

    private Future<Timed> timed(Callable<HttpResponse<String>> request) {
        return pool.submit(() -> {
            long started = System.nanoTime();
            HttpResponse<String> response = request.call();
            return new Timed(response, Duration.ofNanos(System.nanoTime() - started).toMillis());
        });
    }

    private SlackCall handOff(String externalId, int posted) throws InterruptedException {
        assertThat(app.postHandoff(Handoffs.json(Handoffs.unassigned(externalId))).statusCode()).isEqualTo(202);
        SlackCall message = app.slack().awaitPosts("#sales-leads", posted, WAIT).get(posted - 1);
        app.awaitNumber(posted, WAIT, "SELECT count(*) FROM handoff_events WHERE kind = 'posted'");
        return message;
    }

    private Connection lockTheDatabase() throws Exception {
        Connection holder = DriverManager.getConnection("jdbc:sqlite:" + app.databaseFile());
        try (Statement statement = holder.createStatement()) {
            statement.execute("BEGIN EXCLUSIVE");
        }
        return holder;
    }

    private static void release(Connection holder) throws Exception {
        try (holder; Statement statement = holder.createStatement()) {
            statement.execute("ROLLBACK");
        }
    }

    @Test
    void slackRequestsThatWriteAreToldToTryAgainInTimeAndChangeNothing() throws Exception {
        SlackCall toAccept = handOff("hs-lock-accept", 1);
        SlackCall toReject = handOff("hs-lock-reject", 2);
        app.client().blockAction(BlockAction.click(toReject, "handoff_reject").withUser("U0REP00002"));
        SlackCall modal = app.slack().awaitCall("views.open", WAIT);
        String until = LocalDate.now().plusDays(9).toString();

        Connection holder = lockTheDatabase();
        Future<Timed> accept = timed(() -> app.client().blockAction(
                BlockAction.click(toAccept, "handoff_accept").withUser("U0REP00001")));
        Future<Timed> away = timed(() -> app.client().slashCommand("/sla", "away until " + until, "U0AWAY0001",
                "C0GENERAL1"));
        Future<Timed> reject = timed(() -> app.client().viewSubmission(modal, Map.of(
                "reject_reason", Map.of("reason", StateValue.staticSelect("r1", "label"))), "U0REP00002"));
        Future<Timed> read = timed(() -> app.client().slashCommand("/sla", "mql", "U0REP00003", "C0GENERAL1"));
        Timed accepted = accept.get();
        Timed awayAnswer = away.get();
        Timed rejected = reject.get();
        Timed readAnswer = read.get();
        // The click's "try again" reaches the user while the lock is still held: it does not wait for the database.
        assertThat(app.slack().awaitResponseUrlPosts(1, WAIT).get(0).json().path("text").asText())
                .contains("click again");
        release(holder);

        for (Timed answer : new Timed[] {accepted, awayAnswer, rejected, readAnswer}) {
            assertThat(answer.response().statusCode()).isEqualTo(200);
            assertThat(answer.millis()).as("answered after %d ms", answer.millis()).isLessThan(SLACK_ANSWER_BOUND_MS);
        }
        assertThat(JSON.readTree(awayAnswer.response().body()).path("text").asText()).contains("try again");
        assertThat(JSON.readTree(rejected.response().body()).path("errors").path("reject_reason").asText())
                .contains("click again");
        assertThat(JSON.readTree(readAnswer.response().body()).path("text").asText()).startsWith("MQL");
        // A handoff queued on the writer now is committed after the dropped decisions would have been.
        assertThat(app.postHandoff(Handoffs.json(Handoffs.unassigned("hs-lock-after"))).statusCode()).isEqualTo(202);
        assertThat(app.query(String.class, "SELECT status FROM handoffs ORDER BY id")).containsExactly("pending",
                "pending", "pending");
        assertThat(app.number("SELECT count(*) FROM away")).isZero();

        // The lock is gone: the same actions, sent again by the users, work.
        app.client().blockAction(BlockAction.click(toAccept, "handoff_accept").withUser("U0REP00001"));
        app.client().slashCommand("/sla", "away until " + until, "U0AWAY0001", "C0GENERAL1");
        assertThat(app.query(String.class, "SELECT status FROM handoffs ORDER BY id")).containsExactly("accepted",
                "pending", "pending");
        assertThat(app.query(String.class, "SELECT until_date FROM away")).containsExactly(until);
    }

    @Test
    @HttpOnly("the webhooks are HTTP over both transports")
    void webhooksDuringALockPastTheBusyTimeoutAnswer503AndStoreNothing() throws Exception {
        Connection holder = lockTheDatabase();
        Future<Timed> handoff = timed(() -> app.postHandoff(Handoffs.json(Handoffs.unassigned("hs-lock-503"))));
        Future<Timed> stage = timed(() -> app.post("/stage-events",
                "{\"lead_id\":\"lead-lock-1\",\"stage\":\"mql\",\"at\":\"2026-11-02T15:00:00Z\"}", "application/json",
                "Bearer " + RunningApp.HANDOFF_TOKEN));
        Timed handoffAnswer = handoff.get();
        Timed stageAnswer = stage.get();
        Thread.sleep(Math.max(0, LOCK.toMillis() - Math.max(handoffAnswer.millis(), stageAnswer.millis())));
        release(holder);

        for (Timed answer : new Timed[] {handoffAnswer, stageAnswer}) {
            assertThat(answer.response().statusCode()).as(answer.response().body()).isEqualTo(503);
            assertThat(answer.response().headers().firstValue("Retry-After")).hasValue("5");
            JsonNode body = JSON.readTree(answer.response().body());
            assertThat(body.path("error").asText()).contains("database is busy", "nothing was stored");
        }
        assertThat(app.number("SELECT count(*) FROM handoffs")).isZero();
        assertThat(app.number("SELECT count(*) FROM stage_events")).isZero();

        // The sender retries once the lock is gone: stored once each.
        assertThat(app.postHandoff(Handoffs.json(Handoffs.unassigned("hs-lock-503"))).statusCode()).isEqualTo(202);
        assertThat(app.post("/stage-events",
                "{\"lead_id\":\"lead-lock-1\",\"stage\":\"mql\",\"at\":\"2026-11-02T15:00:00Z\"}", "application/json",
                "Bearer " + RunningApp.HANDOFF_TOKEN).statusCode()).isEqualTo(200);
        assertThat(app.number("SELECT count(*) FROM handoffs WHERE external_id = 'hs-lock-503'")).isEqualTo(1);
        assertThat(app.number("SELECT count(*) FROM stage_events")).isEqualTo(1);
        assertThat(app.query(String.class, "PRAGMA integrity_check")).containsExactly("ok");
    }

    @Test
    void aCommitThatStartedButDidNotEndInTimeAnswers503OutcomeUnknownAndTheRetrySettlesIt() throws Exception {
        // A commit that outlasts the busy timeout after the writer took it (here: a trigger that keeps the handoff's
        // insert busy for seconds, as a stalled disk would): the intake cannot know whether it will be stored.
        long rowsPerSecond = burnRate();
        // Twelve seconds by the measured rate, against the five of the busy timeout: a rate measured while the
        // machine's other work slowed all three runs (it happened, at about 1.4 times) still burns past the timeout.
        long side = (long) Math.sqrt(rowsPerSecond * 12.0);
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + app.databaseFile());
                Statement sql = db.createStatement()) {
            sql.execute("PRAGMA busy_timeout = 30000");
            sql.execute("CREATE TABLE burn (n INTEGER)");
            sql.execute("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < " + side
                    + ") INSERT INTO burn SELECT x FROM c");
            sql.execute("CREATE TRIGGER slow_commit AFTER INSERT ON handoffs BEGIN "
                    + "SELECT count(*) FROM burn a, burn b WHERE a.n + b.n < 0; END");
        }
        long started = System.nanoTime();
        HttpResponse<String> first = app.postHandoff(Handoffs.json(Handoffs.unassigned("hs-slow-commit")));
        long tookMs = Duration.ofNanos(System.nanoTime() - started).toMillis();

        assertThat(first.statusCode()).as(first.body()).isEqualTo(503);
        assertThat(first.headers().firstValue("Retry-After")).hasValue("5");
        JsonNode body = JSON.readTree(first.body());
        assertThat(body.path("outcome").asText()).isEqualTo("unknown");
        assertThat(body.path("error").asText()).contains("may or may not be stored", "same id")
                .doesNotContain("nothing was stored");
        assertThat(tookMs).as("answered within the busy timeout and its grace").isLessThan(7_000);

        // The commit went on and was stored; the sender's retry with the same id settles it without a second row.
        app.awaitNumber(1, Duration.ofSeconds(30), "SELECT count(*) FROM handoffs WHERE external_id = 'hs-slow-commit'");
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + app.databaseFile());
                Statement sql = db.createStatement()) {
            sql.execute("PRAGMA busy_timeout = 30000");
            sql.execute("DROP TRIGGER slow_commit");
        }
        HttpResponse<String> retry = app.postHandoff(Handoffs.json(Handoffs.unassigned("hs-slow-commit")));
        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(200);
        assertThat(JSON.readTree(retry.body()).path("duplicate").asBoolean()).isTrue();
        assertThat(app.number("SELECT count(*) FROM handoffs WHERE external_id = 'hs-slow-commit'")).isEqualTo(1);
        assertThat(app.number("SELECT count(*) FROM outbox d JOIN handoffs h ON CAST(h.id AS TEXT) = d.subject "
                + "WHERE h.external_id = 'hs-slow-commit' AND d.kind = 'post_handoff'")).isEqualTo(1);
    }

    /**
     * How many row pairs this machine's SQLite compares per second in the trigger's join, measured now: the fastest
     * of three runs, so a burst of other work during one (the app starting its background parts) cannot make the
     * trigger shorter than the busy timeout.
     */
    private long burnRate() throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite::memory:");
                Statement sql = db.createStatement()) {
            sql.execute("CREATE TABLE burn (n INTEGER)");
            sql.execute("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1500) "
                    + "INSERT INTO burn SELECT x FROM c");
            // The fastest of three: a run slowed by the app's own start-up work would make the burn too short.
            double seconds = Double.MAX_VALUE;
            for (int run = 0; run < 3; run++) {
                long started = System.nanoTime();
                sql.executeQuery("SELECT count(*) FROM burn a, burn b WHERE a.n + b.n < 0").close();
                seconds = Math.min(seconds, Math.max(1e-3, (System.nanoTime() - started) / 1e9));
            }
            return (long) (1500L * 1500L / seconds);
        }
    }
}
