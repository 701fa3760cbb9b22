package dev.handshake.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.request.builtin.EventRequest;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.request.builtin.UrlVerificationRequest;
import com.slack.api.bolt.response.Response;
import dev.handshake.db.Database;
import dev.handshake.db.GroupCommit;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ReplayGuard} in front of a listener that counts its calls, on a real database. */
class ReplayGuardTest {

    private static final String COMMAND = "token=t&team_id=T0TEST0001&user_id=U1&command=%2Fsla&text=mql"
            + "&response_url=https%3A%2F%2Fhooks.example%2Fx&trigger_id=1.2.3";

    @TempDir
    Path dir;

    private Database database;
    private GroupCommit writes;
    private ReplayGuard guard;
    private SeenRequests seen;
    private final AtomicInteger handled = new AtomicInteger();

    @BeforeEach
    void open() {
        database = Database.open("jdbc:sqlite:" + dir.resolve("guard.db"));
        writes = new GroupCommit(database.jdbi(), 16, 64).start();
        seen = new SeenRequests(database.jdbi(), writes, Clock.systemUTC());
        // As the app's /sla listener says: only questions are answered without any effect.
        guard = new ReplayGuard(seen, command -> command.getPayload().getText().startsWith("question"));
    }

    @AfterEach
    void close() {
        writes.close();
    }

    private static RequestHeaders headers(String signature, String retryNum) {
        Map<String, List<String>> map = new java.util.HashMap<>();
        map.put("X-Slack-Request-Timestamp", List.of("1764300000"));
        map.put("X-Slack-Signature", List.of(signature));
        if (retryNum != null) {
            map.put("X-Slack-Retry-Num", List.of(retryNum));
            map.put("X-Slack-Retry-Reason", List.of("http_timeout"));
        }
        return new RequestHeaders(map);
    }

    private static SlashCommandRequest command(String signature) {
        return new SlashCommandRequest(COMMAND, headers(signature, null));
    }

    private static EventRequest event(String eventId, String signature, String retryNum) {
        String body = "{\"token\":\"t\",\"team_id\":\"T0TEST0001\",\"api_app_id\":\"A1\",\"type\":\"event_callback\","
                + "\"event\":{\"type\":\"app_home_opened\",\"user\":\"U1\",\"channel\":\"D1\",\"tab\":\"home\"}"
                + (eventId == null ? "" : ",\"event_id\":\"" + eventId + "\"") + ",\"event_time\":1764300000}";
        return new EventRequest(body, headers(signature, retryNum));
    }

    private Response send(Request<?> request, Response listenerAnswer) throws Exception {
        return guard.apply(request, Response.ok(), req -> {
            handled.incrementAndGet();
            return listenerAnswer;
        });
    }

    @Test
    void theSameSignedRequestAgainIsAnsweredEmptyWithoutReachingTheListener() throws Exception {
        Response first = send(command("v0=aaaa"), Response.json(200, Map.of("text", "MQL")));
        Response again = send(command("v0=aaaa"), Response.json(200, Map.of("text", "MQL")));

        assertThat(first.getBody()).contains("MQL");
        assertThat(again.getStatusCode()).isEqualTo(200);
        assertThat(again.getBody()).isNull();
        assertThat(handled).hasValue(1);
    }

    @Test
    void aCommandThatOnlyAnswersIsAnsweredEachTimeAndNotRemembered() throws Exception {
        SlashCommandRequest question = new SlashCommandRequest(
                "command=%2Fsla&text=question+mql&user_id=U1&team_id=T0TEST0001", headers("v0=qqqq", null));
        Response first = send(question, Response.json(200, Map.of("text", "MQL")));
        Response again = send(question, Response.json(200, Map.of("text", "MQL")));

        assertThat(handled).hasValue(2);
        assertThat(again.getBody()).isEqualTo(first.getBody()).contains("MQL");
        // Nothing was claimed for it: the same signature on a command with an effect is still new.
        assertThat(seen.firstTime("sig:v0=qqqq", ReplayGuard.KEEP_SIGNATURES)).isTrue();
    }

    @Test
    void anotherSignatureIsAnotherRequest() throws Exception {
        send(command("v0=aaaa"), Response.ok());
        send(command("v0=bbbb"), Response.ok());

        assertThat(handled).hasValue(2);
    }

    @Test
    void aRetriedEventIsRecognisedByItsIdWhateverItsSignature() throws Exception {
        send(event("Ev01", "v0=first", null), Response.ok());
        Response retry = send(event("Ev01", "v0=second", "1"), Response.ok());
        send(event("Ev02", "v0=first", null), Response.ok());

        assertThat(retry.getStatusCode()).isEqualTo(200);
        assertThat(handled).hasValue(2);
    }

    @Test
    void aRequestWhoseHandlingFailedIsHandledWhenItComesAgain() throws Exception {
        assertThatThrownBy(() -> guard.apply(event("Ev03", "v0=x", null), Response.ok(), req -> {
            handled.incrementAndGet();
            throw new IllegalStateException("listener failed");
        })).hasMessage("listener failed");
        send(event("Ev03", "v0=y", "1"), Response.builder().statusCode(500).build());
        send(event("Ev03", "v0=z", "2"), Response.ok());
        send(event("Ev03", "v0=z", "3"), Response.ok());

        assertThat(handled).hasValue(3);
    }

    @Test
    void aRequestIsHandledOnlyOnceItsKeyIsCommitted() throws Exception {
        guard.apply(command("v0=durable"), Response.ok(), req -> {
            handled.incrementAndGet();
            // The listener's effect may be outside the group commit: by now a crash must not lose the key.
            int keys = database.jdbi().withHandle(h -> h.createQuery(
                    "SELECT count(*) FROM slack_requests WHERE key = 'sig:v0=durable'").mapTo(Integer.class).one());
            assertThat(keys).isEqualTo(1);
            return Response.ok();
        });
        assertThat(handled).hasValue(1);
    }

    @Test
    void whenTheKeysCannotBeReadTheRequestHasNoEffectAndItsRetryIsHandled() throws Exception {
        database.jdbi().useHandle(h -> h.execute("ALTER TABLE slack_requests RENAME TO slack_requests_away"));

        assertThatThrownBy(() -> send(event("Ev10", "v0=a", null), Response.ok()))
                .isInstanceOf(ReplayStatusUnknownException.class);
        assertThat(handled).hasValue(0);

        database.jdbi().useHandle(h -> h.execute("ALTER TABLE slack_requests_away RENAME TO slack_requests"));
        send(event("Ev10", "v0=b", "1"), Response.ok());
        send(event("Ev10", "v0=c", "2"), Response.ok());
        assertThat(handled).hasValue(1);
    }

    @Test
    void whenItsKeyCannotBeStoredTheRequestHasNoEffectAndItsRetryIsHandled() throws Exception {
        database.jdbi().useHandle(h -> h.execute("""
                CREATE TRIGGER refuse_keys BEFORE INSERT ON slack_requests
                BEGIN SELECT RAISE(ABORT, 'disk I/O error (injected)'); END"""));

        assertThatThrownBy(() -> send(command("v0=nokey"), Response.ok()))
                .isInstanceOf(ReplayStatusUnknownException.class).hasMessageContaining("injected");
        assertThat(handled).hasValue(0);

        database.jdbi().useHandle(h -> h.execute("DROP TRIGGER refuse_keys"));
        send(command("v0=nokey"), Response.ok());
        send(command("v0=nokey"), Response.ok());
        assertThat(handled).hasValue(1);
    }

    @Test
    void requestsThatChangeNothingAreNotRemembered() throws Exception {
        UrlVerificationRequest challenge = new UrlVerificationRequest(
                "{\"token\":\"t\",\"challenge\":\"c\",\"type\":\"url_verification\"}", headers("v0=c", null));

        assertThat(ReplayGuard.keyOf(challenge)).isNull();
        assertThat(ReplayGuard.keyOf(event(null, "v0=e", null))).isNull();
        send(challenge, Response.ok());
        send(challenge, Response.ok());
        assertThat(handled).hasValue(2);
    }

    @Test
    void keysNameTheirKindAndAreKeptForTheirWindow() {
        assertThat(ReplayGuard.keyOf(command("v0=abc"))).isEqualTo(
                new ReplayGuard.Key("sig:v0=abc", ReplayGuard.KEEP_SIGNATURES));
        assertThat(ReplayGuard.keyOf(event("Ev9", "v0=abc", "2"))).isEqualTo(
                new ReplayGuard.Key("event:T0TEST0001:Ev9", ReplayGuard.KEEP_EVENT_IDS));
        // A timestamp up to five minutes ahead verifies for up to ten minutes after it is first seen.
        assertThat(ReplayGuard.KEEP_SIGNATURES).isGreaterThan(RequestSignature.WINDOW.multipliedBy(2));
    }
}
