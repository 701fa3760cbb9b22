package dev.handshake.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.EventRequest;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import dev.handshake.db.LockWait;
import dev.handshake.db.LockWaitExceededException;
import dev.handshake.testing.FakeSlack;
import dev.handshake.testing.ResponseUrlPost;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.handshake.db.Database;
import dev.handshake.db.Transactions;
import dev.handshake.outbox.Outbox;
import dev.handshake.outbox.OutboxStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;

/** {@link SlackLockWait} around listeners whose database write gave up waiting for another process's lock. */
class SlackLockWaitTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RequestHeaders NO_HEADERS = new RequestHeaders(Map.of());

    private final LockWait lockWait = new LockWait();
    @TempDir
    Path dir;
    private FakeSlack fake;
    private Outbox outbox;
    private SlackLockWait middleware;
    private AfterAck afterAck;

    @BeforeEach
    void start() {
        fake = FakeSlack.start();
        Jdbi jdbi = Database.open("jdbc:sqlite:" + dir.resolve("lock.db")).jdbi();
        Transactions writes = Transactions.direct(jdbi);
        outbox = new Outbox(new OutboxStore(jdbi, writes), writes, Clock.systemUTC(), 1);
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(fake.apiUrl());
        config.setStatsEnabled(false);
        SlackStatus status = new SlackStatus(Clock.systemUTC());
        outbox.register(new SlackTransport(status, Clock.systemUTC()));
        SlackApi slack = SlackApi.of(Slack.getInstance(config), "xoxb-lock-test", status);
        Replies.register(outbox, slack);
        outbox.dispatcher().start();
        afterAck = new AfterAck(2, 10);
        middleware = new SlackLockWait(lockWait, new Replies(outbox, slack, afterAck));
    }

    @AfterEach
    void stop() {
        outbox.dispatcher().close();
        afterAck.close();
        fake.close();
    }

    /** Another process holding the write lock, as a backup or a migration tool would. */
    private Connection lockTheDatabase() throws Exception {
        Connection holder = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("lock.db"));
        try (Statement statement = holder.createStatement()) {
            statement.execute("BEGIN EXCLUSIVE");
        }
        return holder;
    }

    private static BlockActionRequest click(String responseUrl) {
        String payload = "{\"type\":\"block_actions\",\"user\":{\"id\":\"U1\"},\"team\":{\"id\":\"T1\"},"
                + (responseUrl == null ? "" : "\"response_url\":\"" + responseUrl + "\",")
                + "\"trigger_id\":\"1.2.3\",\"actions\":[{\"action_id\":\"review_snooze\",\"value\":\"2026-Q4\"}]}";
        BlockActionRequest click = new BlockActionRequest(
                "payload=" + URLEncoder.encode(payload, StandardCharsets.UTF_8), payload, NO_HEADERS);
        SlackConfig config = new SlackConfig();
        config.setStatsEnabled(false);
        click.getContext().setSlack(Slack.getInstance(config));
        return click;
    }

    private Response run(Request<?> request) throws Exception {
        return middleware.apply(request, Response.ok(), req -> {
            throw new IllegalStateException("wrapped", new LockWaitExceededException("no lock within 1500 ms"));
        });
    }

    private static JsonNode json(Response response) throws Exception {
        return JSON.readTree(response.getBody());
    }

    @Test
    void listenersRunWithTheirDatabaseWaitsBoundedByTheLimit() throws Exception {
        long[] remaining = new long[1];
        middleware.apply(new SlashCommandRequest("command=%2Fsla&text=mql", NO_HEADERS), Response.ok(), req -> {
            remaining[0] = lockWait.remainingMillis();
            return Response.ok();
        });

        assertThat(remaining[0]).isBetween(0L, SlackLockWait.LIMIT.toMillis());
        assertThat(lockWait.limited()).isFalse();
    }

    @Test
    void aSlashCommandIsToldToTryAgainInItsReply() throws Exception {
        Response answer = run(new SlashCommandRequest("command=%2Fsla&text=away", NO_HEADERS));

        assertThat(answer.getStatusCode()).isEqualTo(200);
        assertThat(json(answer).path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(json(answer).path("text").asText()).isEqualTo(SlackLockWait.TRY_AGAIN);
    }

    @Test
    void aClickIsAcknowledgedAndToldToTryAgainOnTheMessageWhileTheDatabaseIsStillLocked() throws Exception {
        Connection holder = lockTheDatabase();
        try {
            Response answer = run(click(fake.responseUrl("busy-click")));

            assertThat(answer.getStatusCode()).isEqualTo(200);
            // The lock is still held: the reply cannot have gone through the database.
            ResponseUrlPost post = fake.awaitResponseUrlPost("busy-click", Duration.ofSeconds(10));
            assertThat(post.json().path("response_type").asText()).isEqualTo("ephemeral");
            assertThat(post.json().path("replace_original").asBoolean(true)).isFalse();
            assertThat(post.json().path("text").asText()).isEqualTo(SlackLockWait.CLICK_AGAIN);
        } finally {
            holder.close();
        }
        assertThat(outbox.store().counts()).as("nothing queued for later").isEmpty();
    }

    @Test
    void aClickOnTheAppHomeIsToldInADirectMessageWhileTheDatabaseIsStillLocked() throws Exception {
        Connection holder = lockTheDatabase();
        try {
            Response answer = run(click(null));

            assertThat(answer.getStatusCode()).isEqualTo(200);
            var dm = fake.awaitCall("chat.postMessage", Duration.ofSeconds(10));
            assertThat(dm.param("channel")).isEqualTo("U1");
            assertThat(dm.param("text")).isEqualTo(SlackLockWait.CLICK_AGAIN);
        } finally {
            holder.close();
        }
    }

    @Test
    void aModalSubmissionGetsTheErrorOnItsFirstInput() throws Exception {
        String payload = "{\"type\":\"view_submission\",\"user\":{\"id\":\"U1\"},\"team\":{\"id\":\"T1\"},"
                + "\"view\":{\"id\":\"V1\",\"type\":\"modal\",\"callback_id\":\"review_modal\",\"blocks\":["
                + "{\"type\":\"section\",\"block_id\":\"intro\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"hi\"}},"
                + "{\"type\":\"input\",\"block_id\":\"outcome\",\"label\":{\"type\":\"plain_text\",\"text\":\"O\"},"
                + "\"element\":{\"type\":\"plain_text_input\",\"action_id\":\"o\"}}],"
                + "\"state\":{\"values\":{}}}}";
        ViewSubmissionRequest submission = new ViewSubmissionRequest(
                "payload=" + URLEncoder.encode(payload, StandardCharsets.UTF_8), payload, NO_HEADERS);

        Response answer = run(submission);

        assertThat(json(answer).path("response_action").asText()).isEqualTo("errors");
        assertThat(json(answer).path("errors").path("outcome").asText()).isEqualTo(SlackLockWait.CLICK_AGAIN);
    }

    @Test
    void anEventIsLeftToFailSoThatSlackRetriesIt() {
        EventRequest event = new EventRequest("{\"type\":\"event_callback\",\"team_id\":\"T1\",\"event_id\":\"Ev1\","
                + "\"event\":{\"type\":\"app_home_opened\",\"user\":\"U1\",\"tab\":\"home\"}}", NO_HEADERS);

        assertThatThrownBy(() -> run(event)).hasRootCauseInstanceOf(LockWaitExceededException.class);
    }

    @Test
    void otherErrorsPassThrough() {
        assertThatThrownBy(() -> middleware.apply(new SlashCommandRequest("command=%2Fsla", NO_HEADERS),
                Response.ok(), req -> {
                    throw new IllegalArgumentException("not about the database");
                })).isInstanceOf(IllegalArgumentException.class).hasMessage("not about the database");
        assertThat(lockWait.limited()).isFalse();
    }
}
