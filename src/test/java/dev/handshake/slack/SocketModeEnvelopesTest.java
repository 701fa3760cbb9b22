package dev.handshake.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import dev.handshake.db.Database;
import dev.handshake.db.GroupCommit;
import dev.handshake.outbox.Outbox;
import dev.handshake.outbox.OutboxStore;
import dev.handshake.testing.FakeSlack;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Socket Mode envelopes, in the shape Slack documents, through a {@link VerifiedApp} built for Socket Mode (its real
 * middleware chain, replay guard on a real database) to the acknowledgement that goes back.
 */
class SocketModeEnvelopesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BOT_TOKEN = "xoxb-socket-mode-envelopes-test";

    private static FakeSlack fake;
    private static Slack slack;

    @TempDir
    Path dir;

    private final AtomicInteger answered = new AtomicInteger();
    private GroupCommit writes;
    private Outbox outbox;
    private BotIdentity identity;
    private AfterAck afterAck;
    private VerifiedApp app;
    private SocketModeEnvelopes envelopes;

    @BeforeAll
    static void startFakeSlack() {
        fake = FakeSlack.start();
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(fake.apiUrl());
        config.setStatsEnabled(false);
        slack = Slack.getInstance(config);
    }

    @AfterAll
    static void stopFakeSlack() throws Exception {
        slack.close();
        fake.close();
    }

    @BeforeEach
    void start() {
        Database database = Database.open("jdbc:sqlite:" + dir.resolve("envelopes.db"));
        writes = new GroupCommit(database.jdbi(), 16, 64);
        writes.start();
        SlackStatus status = new SlackStatus(Clock.systemUTC());
        SlackApi slackApi = SlackApi.of(slack, BOT_TOKEN, status);
        identity = new BotIdentity(slackApi, status, Clock.systemUTC());
        outbox = new Outbox(new OutboxStore(database.jdbi(), writes), writes, Clock.systemUTC(), 1);
        outbox.register(new SlackTransport(status, Clock.systemUTC()));
        Replies.register(outbox, slackApi);
        outbox.dispatcher().start();
        afterAck = new AfterAck(2, 16);
        app = VerifiedApp.overSocketMode(
                AppConfig.builder().singleTeamBotToken(BOT_TOKEN).slack(slack).build(), identity,
                database.lockWait(), new Replies(outbox, slackApi, afterAck), new SeenRequests(database.jdbi(), writes, Clock.systemUTC()),
                command -> false, java.util.Set.of());
        app.command("/sla", (req, ctx) -> {
            answered.incrementAndGet();
            if (req.getPayload().getText().equals("fail")) {
                throw new IllegalStateException("a listener failed");
            }
            return req.getPayload().getText().equals("text")
                    ? ctx.ack("answer for " + req.getPayload().getUserId())
                    : ctx.ack(r -> r.responseType("ephemeral").text("MQL means …"));
        });
        app.blockAction("handoff_accept", (req, ctx) -> {
            answered.incrementAndGet();
            return ctx.ack();
        });
        app.start();
        envelopes = new SocketModeEnvelopes(app);
    }

    @AfterEach
    void stop() {
        app.stop();
        afterAck.close();
        outbox.dispatcher().close();
        writes.close();
    }

    /** A {@code slash_commands} envelope as Slack sends it: the command's fields as a JSON object. */
    private static String command(String envelopeId, String text, String triggerId) {
        ObjectNode envelope = JSON.createObjectNode().put("envelope_id", envelopeId);
        envelope.putObject("payload").put("token", "legacy").put("team_id", FakeSlack.TEAM_ID)
                .put("team_domain", FakeSlack.TEAM_DOMAIN).put("channel_id", "C0CHAN0001")
                .put("channel_name", "general").put("user_id", "U0USER0001").put("user_name", "dana")
                .put("command", "/sla").put("text", text).put("api_app_id", FakeSlack.APP_ID)
                .put("response_url", fake.responseUrl("socket")).put("trigger_id", triggerId);
        envelope.put("type", "slash_commands").put("accepts_response_payload", true);
        return envelope.toString();
    }

    /** An {@code interactive} envelope of one button click, with or without a trigger id. */
    private static String click(String envelopeId, String actionId, String triggerId) {
        ObjectNode envelope = JSON.createObjectNode().put("envelope_id", envelopeId);
        ObjectNode payload = envelope.putObject("payload").put("type", "block_actions");
        payload.putObject("user").put("id", "U0REP00001").put("team_id", FakeSlack.TEAM_ID);
        payload.putObject("team").put("id", FakeSlack.TEAM_ID).put("domain", FakeSlack.TEAM_DOMAIN);
        payload.putObject("container").put("type", "message").put("message_ts", "1764300000.000100")
                .put("channel_id", "C0CHAN0001");
        payload.putObject("channel").put("id", "C0CHAN0001").put("name", "sales");
        if (triggerId != null) {
            payload.put("trigger_id", triggerId);
        }
        payload.put("response_url", fake.responseUrl("click"));
        payload.putArray("actions").addObject().put("action_id", actionId).put("block_id", "b").put("value", "1")
                .put("type", "button").put("action_ts", "1764300001.000200");
        envelope.put("type", "interactive").put("accepts_response_payload", false);
        return envelope.toString();
    }

    private static JsonNode ack(Optional<String> sent) throws Exception {
        assertThat(sent).as("an acknowledgement").isPresent();
        return JSON.readTree(sent.get());
    }

    @Test
    void aCommandsAnswerGoesBackAsTheAcknowledgementsPayload() throws Exception {
        JsonNode json = ack(envelopes.handle(command("env-1", "mql", "1.2.json")));
        JsonNode text = ack(envelopes.handle(command("env-2", "text", "1.2.text")));

        assertThat(json.path("envelope_id").asText()).isEqualTo("env-1");
        assertThat(json.path("payload").path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(json.path("payload").path("text").asText()).isEqualTo("MQL means …");
        // An answer in plain text becomes a message's text, as Slack takes it over HTTP.
        assertThat(text.path("envelope_id").asText()).isEqualTo("env-2");
        assertThat(text.path("payload").path("text").asText()).isEqualTo("answer for U0USER0001");
    }

    @Test
    void aPlainAcknowledgementCarriesOnlyTheEnvelopeId() throws Exception {
        JsonNode ack = ack(envelopes.handle(click("env-3", "handoff_accept", "3.4.click")));

        assertThat(ack.properties()).extracting(Map.Entry::getKey).containsExactly("envelope_id");
        assertThat(ack.path("envelope_id").asText()).isEqualTo("env-3");
    }

    @Test
    void theSameDeliveryAgainIsAcknowledgedEmptyWithoutReachingTheListener() throws Exception {
        ack(envelopes.handle(command("env-4", "mql", "5.6.same")));
        // Redelivered as it was, then under a new envelope id: the trigger id names the interaction either way.
        JsonNode again = ack(envelopes.handle(command("env-4", "mql", "5.6.same")));
        JsonNode renamed = ack(envelopes.handle(command("env-5", "mql", "5.6.same")));
        // Without a trigger id, the envelope's id is the key.
        ack(envelopes.handle(click("env-6", "handoff_accept", null)));
        ack(envelopes.handle(click("env-6", "handoff_accept", null)));

        assertThat(again.has("payload")).isFalse();
        assertThat(renamed.has("payload")).isFalse();
        assertThat(answered).hasValue(2);
    }

    @Test
    void whatTheAppCannotHandleGetsNoAcknowledgementSoSlackDeliversItAgain() throws Exception {
        assertThat(envelopes.handle(click("env-7", "no_such_action", "7.8.none"))).isEmpty();
        assertThat(envelopes.handle(command("env-8", "fail", "7.8.fail"))).isEmpty();
        assertThat(envelopes.handle("{\"envelope_id\":\"env-9\",\"type\":\"interactive\",\"payload\":{\"type\":"))
                .isEmpty();
        assertThat(envelopes.handle("{\"type\":\"interactive\",\"payload\":{\"type\":\"block_actions\"}}")).isEmpty();

        // The failed command was forgotten by the replay guard: delivered again, it is handled again.
        assertThat(envelopes.handle(command("env-8", "fail", "7.8.fail"))).isEmpty();
        assertThat(answered).hasValue(2);
    }

    @Test
    void aRequestThatDidNotComeOverSocketModeIsRefused() throws Exception {
        String body = "team_id=" + FakeSlack.TEAM_ID + "&user_id=U0USER0001&command=%2Fsla&text=mql&trigger_id=9";
        Response answer = app.run(new SlashCommandRequest(body, new RequestHeaders(Map.of(
                "Content-Type", List.of("application/x-www-form-urlencoded")))));

        assertThat(answer.getStatusCode()).isEqualTo(401);
        assertThat(answered).hasValue(0);
    }
}
