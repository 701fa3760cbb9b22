package dev.handshake.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handshake.config.Settings;
import dev.handshake.testing.SessionEndedAtCommit;
import dev.handshake.testing.TestDatabase;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Every answer of {@code POST /stage-events}, through real HTTP into the real app and a real database (each). */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.class)
class StageEventsTest {

    @Parameter
    TestDatabase database;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-11-16T15:00:00Z");
    private RunningApp app;

    @BeforeEach
    void start() throws Exception {
        app = RunningApp.start(database, Map.of(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        app.close();
    }

    private HttpResponse<String> post(String body) {
        return app.post("/stage-events", body, "application/json", "Bearer " + RunningApp.HANDOFF_TOKEN);
    }

    private static String event(String lead, String stage, String at) {
        return "{\"lead_id\":\"" + lead + "\",\"stage\":\"" + stage + "\",\"at\":\"" + at + "\"}";
    }

    private static String array(List<String> events) {
        StringJoiner joined = new StringJoiner(",", "[", "]");
        events.forEach(joined::add);
        return joined.toString();
    }

    private long rows() {
        return app.number("SELECT count(*) FROM stage_events");
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(response.body()).doesNotContain("Exception", "at dev.", "at org.");
        return JSON.readTree(response.body());
    }

    @Test
    void oneEventIsStoredWithItsTimeAndWhenItArrived() throws Exception {
        HttpResponse<String> response = post(event("dana@northwind.example", "mql", "2026-11-02T09:14:00Z"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response)).isEqualTo(JSON.readTree("{\"accepted\": 1, \"duplicates\": 0}"));
        assertThat(app.query(Long.class, "SELECT at FROM stage_events WHERE lead_id = ? AND stage = 'mql'",
                "dana@northwind.example")).containsExactly(Instant.parse("2026-11-02T09:14:00Z").toEpochMilli());
        assertThat(app.number("SELECT received_at FROM stage_events")).isEqualTo(NOW.toEpochMilli());
    }

    @Test
    void aRepeatIsNotAnErrorAndChangesNothing() throws Exception {
        assertThat(post(event("L1", "lead", "2026-11-02T09:14:00Z")).statusCode()).isEqualTo(200);

        HttpResponse<String> again = post(event("L1", "lead", "2026-11-05T10:00:00Z"));

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again)).isEqualTo(JSON.readTree("{\"accepted\": 0, \"duplicates\": 1}"));
        assertThat(app.query(Long.class, "SELECT at FROM stage_events"))
                .containsExactly(Instant.parse("2026-11-02T09:14:00Z").toEpochMilli());
    }

    @Test
    void aBatchCountsNewEventsAndRepeatsIncludingRepeatsWithinIt() throws Exception {
        post(event("L1", "lead", "2026-11-02T09:14:00Z"));

        HttpResponse<String> response = post(array(List.of(
                event("L1", "lead", "2026-11-02T09:14:00Z"),
                event("L1", "mql", "2026-11-03T09:14:00+01:00"),
                event("L2", "lead", "2026-11-03T10:00:00Z"),
                event("L2", "lead", "2026-11-04T10:00:00Z"))));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response)).isEqualTo(JSON.readTree("{\"accepted\": 2, \"duplicates\": 2}"));
        assertThat(rows()).isEqualTo(3);
        assertThat(app.query(Long.class, "SELECT at FROM stage_events WHERE lead_id = 'L1' AND stage = 'mql'"))
                .containsExactly(Instant.parse("2026-11-03T08:14:00Z").toEpochMilli());
    }

    @Test
    void oneBadEventRefusesTheWholeBatchNamingEveryProblem() throws Exception {
        HttpResponse<String> response = post(array(List.of(
                event("L1", "lead", "2026-11-02T09:14:00Z"),
                event("L2", "mgl", "2026-11-02T09:14:00Z"),
                event("L3", "lead", "yesterday"),
                event("L4", "lead", "2026-11-17T15:00:01Z"),
                "{\"stage\":\"lead\",\"at\":\"2026-11-02T09:14:00Z\",\"extra\":1}",
                "42")));

        assertThat(response.statusCode()).isEqualTo(422);
        JsonNode body = json(response);
        List<String> problems = new ArrayList<>();
        body.path("problems").forEach(p -> problems.add(p.path("path").asText() + " " + p.path("message").asText()));
        assertThat(problems).containsExactly(
                "$[1].stage unknown stage \"mgl\"; stages: lead, mql, sql, opportunity, customer, recycled",
                "$[2].at must be an ISO-8601 instant such as 2026-11-02T09:14:00Z",
                "$[3].at is more than a day in the future",
                "$[4].extra is not a known field",
                "$[4].lead_id is required",
                "$[5] must be an object with lead_id, stage and at");
        assertThat(rows()).isZero();
    }

    @Test
    void aDayAheadIsStillAccepted() {
        HttpResponse<String> response = post(event("L1", "lead", "2026-11-17T15:00:00Z"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    void upToOneThousandEventsPerRequest() throws Exception {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            events.add(event(Integer.toString(i), "lead", "2026-11-02T09:14:00Z"));
        }

        HttpResponse<String> tooMany = post(array(events));
        assertThat(tooMany.statusCode()).isEqualTo(422);
        assertThat(json(tooMany).path("problems").get(0).path("message").asText()).startsWith("must hold at most 1000");
        assertThat(rows()).isZero();

        HttpResponse<String> thousand = post(array(events.subList(0, 1000)));
        assertThat(thousand.statusCode()).as(thousand.body()).isEqualTo(200);
        assertThat(json(thousand).path("accepted").asInt()).isEqualTo(1000);
        assertThat(rows()).isEqualTo(1000);
    }

    @Test
    void authenticationTypeSizeAndSyntaxAreCheckedLikeHandoffs() throws Exception {
        String body = event("L1", "lead", "2026-11-02T09:14:00Z");
        assertThat(app.post("/stage-events", body, "application/json", null).statusCode()).isEqualTo(401);
        HttpResponse<String> wrong = app.post("/stage-events", body, "application/json", "Bearer wrong-token-123456789");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        HttpResponse<String> text = app.post("/stage-events", body, "text/plain", "Bearer " + RunningApp.HANDOFF_TOKEN);
        assertThat(text.statusCode()).isEqualTo(415);
        HttpResponse<String> big = post("[" + "\"x\",".repeat(20_000) + "\"x\"]");
        assertThat(big.statusCode()).isEqualTo(413);
        HttpResponse<String> malformed = post("{\"lead_id\": ");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(json(malformed).path("error").asText()).startsWith("malformed JSON");
        assertThat(post("[]").statusCode()).isEqualTo(422);
        assertThat(post("\"lead\"").statusCode()).isEqualTo(422);
        assertThat(rows()).isZero();
    }

    @Test
    void aBusyDatabaseAnswers503WithRetryAfterAndStoresNothing() throws Exception {
        try (Connection lock = DriverManager.getConnection(app.jdbcUrl());
                Statement statement = lock.createStatement()) {
            // Another writer holds the lock the app needs: SQLite's one write lock, or PostgreSQL's on the table.
            statement.execute(database == TestDatabase.SQLITE ? "BEGIN IMMEDIATE" : "BEGIN");
            if (database == TestDatabase.POSTGRESQL) {
                statement.execute("LOCK TABLE stage_events IN EXCLUSIVE MODE");
            }
            statement.execute("INSERT INTO stage_events VALUES ('held', 'lead', 1, 1)");

            HttpResponse<String> response = post(event("L1", "lead", "2026-11-02T09:14:00Z"));

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(json(response).path("error").asText()).contains("busy");
            statement.execute("ROLLBACK");
        }
        assertThat(rows()).isZero();
    }

    @Test
    void aCommitTheDatabaseDidNotConfirmIsAnsweredAsMaybeStoredAndTheResendSettlesIt() throws Exception {
        assumeTrue(database == TestDatabase.POSTGRESQL, "a session ended during its commit is PostgreSQL's case");
        try (var ended = SessionEndedAtCommit.onInsertInto(app.jdbcUrl(), "stage_events")) {
            HttpResponse<String> response = post(event("L1", "lead", "2026-11-02T09:14:00Z"));

            assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(json(response).path("error").asText()).contains("may or may not be stored")
                    .doesNotContain("nothing was stored");
        }
        assertThat(rows()).as("the server never committed it").isZero();

        HttpResponse<String> again = post(event("L1", "lead", "2026-11-02T09:14:00Z"));

        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(json(again)).isEqualTo(JSON.readTree("{\"accepted\": 1, \"duplicates\": 0}"));
    }

    @Test
    void withoutAnIntakeTokenTheEndpointSaysWhy() throws Exception {
        app.close();
        app = RunningApp.start(database, Map.of(Settings.HANDOFF_TOKEN, ""), Clock.fixed(NOW, ZoneOffset.UTC));

        HttpResponse<String> response = post(event("L1", "lead", "2026-11-02T09:14:00Z"));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(json(response).path("error").asText()).contains("HANDOFF_TOKEN");
    }
}
