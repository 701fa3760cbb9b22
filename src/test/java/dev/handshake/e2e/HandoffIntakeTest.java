package dev.handshake.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handshake.testing.PostgresServer;
import dev.handshake.testing.SessionEndedAtCommit;
import dev.handshake.testing.TestDatabase;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Every answer of {@code POST /handoffs}, through real HTTP into the real app and a real database (SQLite, then PostgreSQL). */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class HandoffIntakeTest {

    @Parameter
    TestDatabase database;

    private static final ObjectMapper JSON = new ObjectMapper();
    private RunningApp app;

    @BeforeEach
    void start() throws Exception {
        app = RunningApp.start(database);
    }

    @AfterEach
    void stop() {
        app.close();
    }

    private int handoffRows() {
        return (int) app.number("SELECT count(*) FROM handoffs");
    }

    private static void assertNoStackTrace(HttpResponse<String> response) {
        assertThat(response.body()).doesNotContain("Exception", "at dev.", "at org.", "at java.");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
    }

    @Test
    void acceptsAHandoffOnceCommittedAndPostsItWithBothButtons() throws Exception {
        HttpResponse<String> response = app.postHandoff(Handoffs.json(Handoffs.canonical("hs-8812-mql")));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("status").asText()).isEqualTo("queued");
        String id = body.path("handoff_id").asText();
        assertThat(app.query(String.class, "SELECT external_id FROM handoffs WHERE id = ?", Long.parseLong(id)))
                .containsExactly("hs-8812-mql");

        var post = app.slack().awaitPosts("#sales-leads", 1, Duration.ofSeconds(5)).get(0);
        assertThat(post.param("text")).isNotBlank();
        JsonNode blocks = post.json("blocks");
        List<String> actions = new ArrayList<>();
        List<String> values = new ArrayList<>();
        blocks.findValues("action_id").forEach(a -> actions.add(a.asText()));
        blocks.findParents("action_id").forEach(b -> values.add(b.path("value").asText()));
        assertThat(actions).containsExactly("handoff_accept", "handoff_reject");
        assertThat(values).containsOnly(id);
        String text = blocks.toString();
        // The assignee is named, not mentioned: their one ping is the direct message.
        assertThat(text).contains("Dana Whitfield", "Northwind Logistics", "assigned to User U0123ABCD",
                "Visited the pricing page").doesNotContain("<@U0123ABCD>");

        // The assignee also gets a direct message, in a lane of its own (it does not wait for the channel post).
        var dm = app.slack().awaitPosts("U0123ABCD", 1, Duration.ofSeconds(5)).get(0);
        assertThat(dm.param("text")).startsWith("You have a new MQL to accept or reject: Dana Whitfield");
        app.awaitNumber(1, Duration.ofSeconds(5), "SELECT count(*) FROM handoff_events WHERE kind = 'posted'");
        assertThat(app.query(String.class, "SELECT kind FROM handoff_events WHERE handoff_id = ? ORDER BY id",
                Long.parseLong(id))).containsExactly("received", "posted");
    }

    @Test
    void theSameIdAgainIsADuplicateAndNothingIsPostedTwice() throws Exception {
        ObjectNode request = Handoffs.unassigned("hs-dup-1");
        HttpResponse<String> first = app.postHandoff(Handoffs.json(request));
        assertThat(first.statusCode()).isEqualTo(202);
        app.slack().awaitPosts("#sales-leads", 1, Duration.ofSeconds(5));
        app.awaitNumber(1, Duration.ofSeconds(5), "SELECT count(*) FROM handoffs WHERE message_ts IS NOT NULL");

        // Same content, different key order and spacing: still the same request.
        String reordered = "{ \"stage\" : \"mql\", " + Handoffs.json(request).substring(1).replace("\"stage\":\"mql\",", "");
        HttpResponse<String> again = app.postHandoff(reordered);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(again.body());
        assertThat(body.path("handoff_id").asText()).isEqualTo(JSON.readTree(first.body()).path("handoff_id").asText());
        assertThat(body.path("status").asText()).isEqualTo("posted");
        app.slack().assertPostCount("#sales-leads", 1, Duration.ofMillis(1500));
        assertThat(handoffRows()).isEqualTo(1);
    }

    @Test
    void theSameIdWithADifferentBodyIsAConflict() throws Exception {
        assertThat(app.postHandoff(Handoffs.json(Handoffs.unassigned("hs-409"))).statusCode()).isEqualTo(202);
        ObjectNode changed = Handoffs.unassigned("hs-409");
        ((ObjectNode) changed.get("lead")).put("name", "Someone Else");
        HttpResponse<String> response = app.postHandoff(Handoffs.json(changed));
        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.body()).contains("already used");
        assertNoStackTrace(response);
        assertThat(app.query(String.class, "SELECT lead_name FROM handoffs")).containsExactly("Dana Whitfield");
    }

    @Test
    void aMissingOrWrongTokenIsUnauthorized() {
        String body = Handoffs.json(Handoffs.canonical("hs-401"));
        HttpResponse<String> missing = app.post("/handoffs", body, "application/json", null);
        HttpResponse<String> wrong = app.post("/handoffs", body, "application/json", "Bearer not-the-token-at-all-1234");
        HttpResponse<String> basic = app.post("/handoffs", body, "application/json", "Basic " + RunningApp.HANDOFF_TOKEN);
        for (HttpResponse<String> response : List.of(missing, wrong, basic)) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertNoStackTrace(response);
        }
        assertThat(handoffRows()).isZero();
    }

    @Test
    void aBodyOver64KiBIsRefusedBeforeItIsRead() {
        ObjectNode big = Handoffs.canonical("hs-413");
        big.put("note", "x".repeat(70 * 1024));
        HttpResponse<String> response = app.postHandoff(Handoffs.json(big));
        assertThat(response.statusCode()).isEqualTo(413);
        assertNoStackTrace(response);

        // Without a Content-Length (chunked), the limit still holds while reading.
        byte[] chunk = ("{\"note\":\"" + "y".repeat(80 * 1024) + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        HttpRequest chunked = HttpRequest.newBuilder(app.baseUri().resolve("/handoffs"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + RunningApp.HANDOFF_TOKEN)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(chunk)))
                .build();
        HttpResponse<String> streamed = app.send(chunked);
        assertThat(streamed.statusCode()).isEqualTo(413);
        assertThat(handoffRows()).isZero();
    }

    @Test
    void aCommitTheDatabaseDidNotConfirmIsAnsweredAsMaybeStoredAndTheResendSettlesIt() throws Exception {
        assumeTrue(database == TestDatabase.POSTGRESQL, "a session ended during its commit is PostgreSQL's case");
        String body = Handoffs.json(Handoffs.unassigned("hs-unconfirmed"));
        try (var ended = SessionEndedAtCommit.onInsertInto(app.jdbcUrl(), "handoffs")) {
            HttpResponse<String> response = app.postHandoff(body);

            assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
            JsonNode answer = JSON.readTree(response.body());
            assertThat(answer.path("outcome").asText()).isEqualTo("unknown");
            assertThat(answer.path("error").asText()).contains("may or may not be stored", "same id");
            assertNoStackTrace(response);
        }
        assertThat(handoffRows()).as("the server never committed it").isZero();

        HttpResponse<String> again = app.postHandoff(body);

        assertThat(again.statusCode()).as(again.body()).isEqualTo(202);
        assertThat(handoffRows()).isEqualTo(1);
    }

    @Test
    void notJsonIsUnsupportedMediaType() {
        HttpResponse<String> response = app.post("/handoffs", "id=1", "application/x-www-form-urlencoded",
                "Bearer " + RunningApp.HANDOFF_TOKEN);
        assertThat(response.statusCode()).isEqualTo(415);
        assertNoStackTrace(response);
    }

    @Test
    void malformedJsonIsABadRequestWithAMessage() throws Exception {
        for (String body : List.of("{\"id\": \"x\", ", "not json", "{\"id\":\"a\"} trailing", "")) {
            HttpResponse<String> response = app.postHandoff(body);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(JSON.readTree(response.body()).path("error").asText()).isNotBlank();
            assertNoStackTrace(response);
        }
        assertThat(handoffRows()).isZero();
    }

    @Test
    void invalidFieldsAreAllListedWithTheirPaths() throws Exception {
        ObjectNode body = Handoffs.canonical("x".repeat(201));
        body.put("stage", "sql");
        ((ObjectNode) body.get("lead")).remove("name");
        ((ObjectNode) body.get("lead")).put("persona", "astronaut");
        HttpResponse<String> response = app.postHandoff(Handoffs.json(body));
        assertThat(response.statusCode()).isEqualTo(422);
        JsonNode problems = JSON.readTree(response.body()).path("problems");
        List<String> paths = new ArrayList<>();
        problems.forEach(p -> paths.add(p.path("path").asText()));
        assertThat(paths).containsExactlyInAnyOrder("$.id", "$.stage", "$.lead.name", "$.lead.persona");
        assertThat(response.body()).contains("not handed to sales", "unknown persona");
        assertNoStackTrace(response);
        assertThat(handoffRows()).isZero();
    }

    @Test
    void userTextIsStoredByteExactAndEscapedInSlack() throws Exception {
        String hostile = "Robert'); DROP TABLE handoffs;-- <!channel> & émoji 🚚 \u0007\t";
        ObjectNode body = Handoffs.unassigned("hs-inject");
        ((ObjectNode) body.get("lead")).put("name", hostile);
        ((ObjectNode) body.get("lead")).put("company", "<@U0EVIL001> <https://evil.example|bank>");
        assertThat(app.postHandoff(Handoffs.json(body)).statusCode()).isEqualTo(202);
        assertThat(app.query(String.class, "SELECT lead_name FROM handoffs")).containsExactly(hostile);
        var post = app.slack().awaitPosts("#sales-leads", 1, Duration.ofSeconds(5)).get(0);
        String sent = post.json("blocks").toString() + post.param("text");
        assertThat(sent).contains("🚚", "&lt;!channel&gt;", "&lt;@U0EVIL001&gt;");
        assertThat(sent).doesNotContain("<!channel>", "<@U0EVIL001>", "<https://evil.example");
    }

    @Test
    void wrongMethodsAndUnknownPathsGetJsonErrors() {
        HttpResponse<String> get = app.get("/handoffs");
        assertThat(get.statusCode()).isEqualTo(405);
        assertNoStackTrace(get);
        HttpResponse<String> missing = app.get("/no-such-page");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertNoStackTrace(missing);
        assertThat(missing.headers().firstValue("Server")).isEmpty();
    }

    @Test
    void healthReportsTheDatabaseTheReplicaAndSlack() throws Exception {
        HttpResponse<String> response = app.get("/health");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("status").asText()).isEqualTo("ok");
        JsonNode databasePart = body.path("database");
        assertThat(databasePart.path("status").asText()).isEqualTo("ok");
        JsonNode replica = body.path("replica");
        assertThat(replica.path("status").asText()).isEqualTo("ok");
        assertThat(replica.path("id").asText()).contains("-" + ProcessHandle.current().pid() + "-");
        if (database == TestDatabase.SQLITE) {
            assertThat(databasePart.path("engine").asText()).isEqualTo("sqlite");
            assertThat(databasePart.path("journal_mode").asText()).isEqualTo("wal");
            assertThat(databasePart.path("synchronous").asText()).isEqualTo("full");
            assertThat(replica.path("shares_database").asBoolean()).isFalse();
        } else {
            assertThat(databasePart.path("engine").asText()).isEqualTo("postgresql");
            assertThat(databasePart.path("server_version").asText()).startsWith("17.");
            assertThat(databasePart.path("synchronous_commit").asText()).isNotBlank();
            assertThat(replica.path("shares_database").asBoolean()).isTrue();
            // The replica says it is alive within its first heartbeat, and holds the lanes it posted the handoff in:
            // the sales channel's, and the rep's own for the direct message (routed at intake).
            app.postHandoff(Handoffs.json(Handoffs.unassigned("hs-health")));
            app.slack().awaitPosts("#sales-leads", 1, Duration.ofSeconds(5));
            JsonNode after = JSON.readTree(app.get("/health").body()).path("replica");
            assertThat(after.path("replicas")).singleElement().satisfies(r -> {
                assertThat(r.path("id").asText()).isEqualTo(replica.path("id").asText());
                assertThat(r.path("seen_seconds_ago").asLong()).isBetween(0L, 10L);
            });
            assertThat(after.path("lanes_held").asInt()).isBetween(1, 2);
        }
        assertThat(body.path("slack").path("status").asText()).isEqualTo("ok");
        assertThat(response.body()).as("no database address or login on the health page")
                .doesNotContain("jdbc:", "localhost", PostgresServer.USER + "?");
    }

    @Test
    void aNulCharacterIsRefusedNamingWhereItIs() {
        ObjectNode body = Handoffs.unassigned("hs-nul");
        ((ObjectNode) body.get("lead")).put("name", "Dana \u0000 Whitfield");
        HttpResponse<String> response = app.postHandoff(Handoffs.json(body));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("$.lead.name", "NUL");
        assertNoStackTrace(response);
        assertThat(handoffRows()).isZero();
    }

}
