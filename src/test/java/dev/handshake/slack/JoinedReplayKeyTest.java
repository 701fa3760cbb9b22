package dev.handshake.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import dev.handshake.db.Database;
import dev.handshake.db.LockWait;
import dev.handshake.db.Transactions;
import dev.handshake.outbox.Outbox;
import dev.handshake.outbox.OutboxStore;
import dev.handshake.outbox.Owed;
import dev.handshake.testing.PostgresServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Among replicas (PostgreSQL), a click whose listener acts only through write transactions stores its replay key in
 * the first of them that commits: one commit, and a repeat changes nothing.
 */
class JoinedReplayKeyTest {

    private static final String ACCEPT = "handoff_accept";

    private final PostgresServer server = PostgresServer.shared();
    private String url;
    private Database database;
    private Transactions writes;
    private SeenRequests seen;
    private ReplayGuard guard;
    private final AtomicInteger handled = new AtomicInteger();

    @BeforeEach
    void open() {
        url = server.newDatabase();
        database = Database.open(url);
        writes = database.startWriter();
        database.jdbi().useHandle(h -> h.execute("CREATE TABLE effects (id BIGSERIAL PRIMARY KEY, what TEXT)"));
        seen = new SeenRequests(database.jdbi(), writes, Clock.systemUTC());
        guard = new ReplayGuard(seen, command -> false, Set.of(ACCEPT), new LockWait());
    }

    @AfterEach
    void close() {
        database.close();
        server.drop(url);
    }

    private static BlockActionRequest click(String actionId, String signature) {
        String payload = "{\"type\":\"block_actions\",\"user\":{\"id\":\"U1\"},\"team\":{\"id\":\"T0TEST0001\"},"
                + "\"trigger_id\":\"1.2.3\",\"actions\":[{\"action_id\":\"" + actionId + "\",\"block_id\":\"b\","
                + "\"value\":\"7\",\"type\":\"button\"}]}";
        Map<String, List<String>> headers = Map.of("X-Slack-Request-Timestamp", List.of("1764300000"),
                "X-Slack-Signature", List.of(signature));
        return new BlockActionRequest("payload=" + URLEncoder.encode(payload, StandardCharsets.UTF_8), payload,
                new RequestHeaders(headers));
    }

    /** A listener that records one effect in a transaction of its own, then answers. */
    private Response send(BlockActionRequest click) throws Exception {
        return guard.apply(click, Response.ok(), req -> {
            handled.incrementAndGet();
            writes.useTransaction(h -> h.execute("INSERT INTO effects (what) VALUES ('accepted')"));
            return Response.json(200, Map.of("text", "done"));
        });
    }

    private long count(String table) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM " + table)
                .mapTo(Long.class).one());
    }

    private String xmin(String table) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT xmin::text FROM " + table)
                .mapTo(String.class).one());
    }

    @Test
    void theKeyIsStoredInTheTransactionOfTheEffectAndARepeatChangesNothing() throws Exception {
        Response first = send(click(ACCEPT, "v0=aaaa"));

        assertThat(first.getBody()).contains("done");
        assertThat(count("effects")).isEqualTo(1);
        assertThat(count("slack_requests")).isEqualTo(1);
        assertThat(xmin("slack_requests")).as("one transaction").isEqualTo(xmin("effects"));

        Response again = send(click(ACCEPT, "v0=aaaa"));

        assertThat(again.getStatusCode()).isEqualTo(200);
        assertThat(again.getBody()).isNull();
        assertThat(count("effects")).as("the repeat's transaction stored nothing").isEqualTo(1);
        assertThat(handled).hasValue(2);
    }

    @Test
    void everyLaterTransactionOfARepeatStoresNothingEither() throws Exception {
        send(click(ACCEPT, "v0=aaaa"));

        Response again = guard.apply(click(ACCEPT, "v0=aaaa"), Response.ok(), req -> {
            for (int i = 0; i < 2; i++) {
                assertThatThrownBy(() -> writes.useTransaction(
                        h -> h.execute("INSERT INTO effects (what) VALUES ('again')")))
                        .isInstanceOf(RepeatedRequestException.class);
            }
            return Response.json(200, Map.of("text", "done"));
        });

        assertThat(again.getBody()).isNull();
        assertThat(count("effects")).isEqualTo(1);
    }

    @Test
    void aRepeatsReplyIsNotQueuedAndNotReportedAsAFailure() throws Exception {
        Outbox outbox = new Outbox(new OutboxStore(database.jdbi(), writes), writes, Clock.systemUTC(), 1);
        Logger outboxLog = (Logger) LoggerFactory.getLogger(Outbox.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        outboxLog.addAppender(logged);
        try {
            send(click(ACCEPT, "v0=eeee"));
            // The repeat's listener finds the lead already accepted and would tell the user so.
            Response again = guard.apply(click(ACCEPT, "v0=eeee"), Response.ok(), req -> {
                assertThat(outbox.enqueue(new Owed(Replies.RESPOND, SlackLanes.reply("U1"), "U1", "{}")))
                        .isCompletedExceptionally();
                return Response.ok();
            });

            assertThat(again.getBody()).isNull();
            assertThat(count("outbox")).isZero();
            assertThat(logged.list).noneMatch(event -> event.getLevel().isGreaterOrEqual(Level.WARN));
        } finally {
            outboxLog.detachAppender(logged);
        }
    }

    @Test
    void aClickWhoseTransactionFailedIsHandledWhenSlackSendsItAgain() throws Exception {
        assertThatThrownBy(() -> guard.apply(click(ACCEPT, "v0=bbbb"), Response.ok(), req -> {
            writes.useTransaction(h -> {
                h.execute("INSERT INTO effects (what) VALUES ('half')");
                throw new IllegalStateException("the change failed");
            });
            return Response.ok();
        })).hasMessage("the change failed");
        assertThat(count("slack_requests")).as("rolled back with the change").isZero();

        assertThat(send(click(ACCEPT, "v0=bbbb")).getBody()).contains("done");
        assertThat(count("effects")).isEqualTo(1);
    }

    @Test
    void aClickThatFailedAfterItsCommitIsForgottenSoItsRetryIsHandled() throws Exception {
        assertThatThrownBy(() -> guard.apply(click(ACCEPT, "v0=cccc"), Response.ok(), req -> {
            writes.useTransaction(h -> h.execute("INSERT INTO effects (what) VALUES ('first')"));
            throw new IllegalStateException("failed after its commit");
        })).hasMessage("failed after its commit");
        assertThat(count("slack_requests")).isZero();

        send(click(ACCEPT, "v0=cccc"));
        assertThat(count("effects")).isEqualTo(2);
    }

    @Test
    void otherClicksClaimTheirKeyBeforeTheListenerRuns() throws Exception {
        BlockActionRequest reject = click("handoff_reject", "v0=dddd");
        guard.apply(reject, Response.ok(), req -> {
            // The key is committed before the listener acts (a modal, a Slack call).
            assertThat(count("slack_requests")).isEqualTo(1);
            return Response.ok();
        });

        assertThat(guard.apply(reject, Response.ok(), req -> {
            handled.incrementAndGet();
            return Response.ok();
        }).getBody()).isNull();
        assertThat(handled).hasValue(0);
    }
}
