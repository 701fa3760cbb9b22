package dev.handshake.testing;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.app_backend.views.payload.ViewClosedPayload;
import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.jakarta_servlet.SlackAppServlet;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.event.AppMentionEvent;
import com.slack.api.model.view.ViewState;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sends {@link SlackClient} requests to a real Bolt app mounted the way production mounts it (SlackAppServlet on
 * Jetty 12 ee10, default middleware), whose request verification must accept everything we sign and reject
 * everything we tamper with, and whose payload parsing must understand what we send.
 */
class SlackClientAgainstBoltTest {

    private static final String SECRET = "test-signing-secret-0123456789";
    private static final String BOT_TOKEN = "xoxb-0000000000-slack-client-test";
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String AWKWARD_TEXT = SlackClientTest.AWKWARD_TEXT;

    private static FakeSlack fake;
    private static Slack slack;
    private static Server jetty;
    private static URI baseUri;
    private static final BlockingQueue<SlashCommandPayload> commands = new LinkedBlockingQueue<>();
    private static final BlockingQueue<BlockActionPayload> clicks = new LinkedBlockingQueue<>();
    private static final BlockingQueue<ViewSubmissionPayload> submissions = new LinkedBlockingQueue<>();
    private static final BlockingQueue<ViewClosedPayload> closings = new LinkedBlockingQueue<>();
    private static final BlockingQueue<Mention> mentions = new LinkedBlockingQueue<>();

    private SlackClient client;

    @BeforeAll
    static void startApp() throws Exception {
        fake = FakeSlack.start();
        SlackConfig slackConfig = new SlackConfig();
        slackConfig.setMethodsEndpointUrlPrefix(fake.apiUrl());
        slack = Slack.getInstance(slackConfig);
        App app = new App(AppConfig.builder()
                .signingSecret(SECRET)
                .singleTeamBotToken(BOT_TOKEN)
                .slack(slack)
                .build());
        app.command("/sla", (req, ctx) -> {
            commands.add(req.getPayload());
            return ctx.ack("Definition of " + req.getPayload().getText());
        });
        app.blockAction("lead_accept", (req, ctx) -> {
            clicks.add(req.getPayload());
            ctx.respond("Accepted by " + req.getPayload().getUser().getId());
            return ctx.ack();
        });
        app.viewSubmission("reject_reason", (req, ctx) -> {
            submissions.add(req.getPayload());
            return ctx.ack();
        });
        app.viewClosed("reject_reason", (req, ctx) -> {
            closings.add(req.getPayload());
            return ctx.ack();
        });
        app.event(AppMentionEvent.class, (payload, ctx) -> {
            mentions.add(new Mention(payload.getEventId(), payload.getEvent().getText(), ctx.getRetryNum(),
                    ctx.getRetryReason()));
            return ctx.ack();
        });
        app.start();

        jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(new SlackAppServlet(app)), "/slack/events");
        jetty.setHandler(context);
        jetty.start();
        baseUri = URI.create("http://127.0.0.1:" + connector.getLocalPort());
    }

    @AfterAll
    static void stopApp() throws Exception {
        jetty.stop();
        slack.close();
        fake.close();
    }

    @BeforeEach
    void fresh() {
        fake.reset();
        commands.clear();
        clicks.clear();
        submissions.clear();
        closings.clear();
        mentions.clear();
        client = new SlackClient(baseUri, SECRET, Clock.systemUTC()).withFakeSlack(fake);
    }

    @Test
    void slashCommandIsVerifiedAndParsed() throws Exception {
        HttpResponse<String> response = client.slashCommand("/sla", AWKWARD_TEXT, "U0DANA0001", "C0SALES001");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Json.parse(response.body()).path("text").asText()).isEqualTo("Definition of " + AWKWARD_TEXT);
        SlashCommandPayload payload = commands.poll(5, TimeUnit.SECONDS);
        assertThat(payload.getCommand()).isEqualTo("/sla");
        assertThat(payload.getText()).isEqualTo(AWKWARD_TEXT);
        assertThat(payload.getUserId()).isEqualTo("U0DANA0001");
        assertThat(payload.getChannelId()).isEqualTo("C0SALES001");
        assertThat(payload.getTeamId()).isEqualTo(FakeSlack.TEAM_ID);
        assertThat(payload.getTriggerId()).isNotBlank();
        assertThat(payload.getResponseUrl()).startsWith(fake.responseUrl("commands-"));
    }

    @Test
    void blockActionIsVerifiedParsedAndItsResponseUrlReachesTheFake() throws Exception {
        HttpResponse<String> response = client.blockAction(BlockAction.button("lead_accept")
                .withValue("lead-42")
                .withUser("U0DANA0001")
                .withChannel("C0SALES001", "sales")
                .withMessageTs("1764300000.000900")
                .withTriggerId("111.222.abc")
                .withResponseUrl(fake.responseUrl("click-1")));

        assertThat(response.statusCode()).isEqualTo(200);
        BlockActionPayload payload = clicks.poll(5, TimeUnit.SECONDS);
        assertThat(payload.getActions()).hasSize(1);
        assertThat(payload.getActions().get(0).getActionId()).isEqualTo("lead_accept");
        assertThat(payload.getActions().get(0).getValue()).isEqualTo("lead-42");
        assertThat(payload.getActions().get(0).getType()).isEqualTo("button");
        assertThat(payload.getUser().getId()).isEqualTo("U0DANA0001");
        assertThat(payload.getChannel().getId()).isEqualTo("C0SALES001");
        assertThat(payload.getMessage().getTs()).isEqualTo("1764300000.000900");
        assertThat(payload.getContainer().getMessageTs()).isEqualTo("1764300000.000900");
        assertThat(payload.getContainer().getChannelId()).isEqualTo("C0SALES001");
        assertThat(payload.getTriggerId()).isEqualTo("111.222.abc");
        assertThat(fake.awaitResponseUrlPost("click-1", WAIT).json().path("text").asText())
                .isEqualTo("Accepted by U0DANA0001");
    }

    @Test
    void clickingAButtonOnARecordedMessageCarriesThatMessage() throws Exception {
        List<LayoutBlock> blocks = List.of(
                section(s -> s.text(markdownText("*Acme* wants a demo"))),
                actions(a -> a.blockId("lead_77").elements(List.of(
                        button(b -> b.actionId("lead_accept").value("77").text(plainText("Accept"))),
                        button(b -> b.actionId("lead_reject").value("77").text(plainText("Reject")))))));
        slack.methods(BOT_TOKEN).chatPostMessage(r -> r.channel("#sales-leads").text("New lead").blocks(blocks));
        SlackCall posted = fake.awaitCall("chat.postMessage", WAIT);

        assertThat(client.blockAction(BlockAction.click(posted, "lead_accept")).statusCode()).isEqualTo(200);

        BlockActionPayload payload = clicks.poll(5, TimeUnit.SECONDS);
        assertThat(payload.getActions().get(0).getValue()).isEqualTo("77");
        assertThat(payload.getActions().get(0).getBlockId()).isEqualTo("lead_77");
        assertThat(payload.getChannel().getId()).isEqualTo(fake.channelFor("#sales-leads"));
        assertThat(payload.getMessage().getTs()).isEqualTo(posted.response().path("ts").asText());
        assertThat(payload.getMessage().getBlocks()).hasSize(2);
        assertThatThrownBy(() -> BlockAction.click(posted, "lead_archive"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("[lead_accept, lead_reject]");
    }

    @Test
    void viewSubmissionStateValuesParseIntoBoltsModel() throws Exception {
        HttpResponse<String> response = client.viewSubmission("reject_reason", "C0SALES001|1764300000.000900|42",
                Map.of("reason_block", Map.of("reason", StateValue.staticSelect("bad_fit", "Bad fit")),
                        "note_block", Map.of("note", StateValue.plainText(AWKWARD_TEXT))),
                "U0DANA0001");

        assertThat(response.statusCode()).isEqualTo(200);
        ViewSubmissionPayload payload = submissions.poll(5, TimeUnit.SECONDS);
        assertThat(payload.getView().getCallbackId()).isEqualTo("reject_reason");
        assertThat(payload.getView().getPrivateMetadata()).isEqualTo("C0SALES001|1764300000.000900|42");
        assertThat(payload.getUser().getId()).isEqualTo("U0DANA0001");
        Map<String, Map<String, ViewState.Value>> values = payload.getView().getState().getValues();
        assertThat(values.get("reason_block").get("reason").getType()).isEqualTo("static_select");
        assertThat(values.get("reason_block").get("reason").getSelectedOption().getValue()).isEqualTo("bad_fit");
        assertThat(values.get("note_block").get("note").getType()).isEqualTo("plain_text_input");
        assertThat(values.get("note_block").get("note").getValue()).isEqualTo(AWKWARD_TEXT);
    }

    @Test
    void viewSubmissionCanAnswerAModalTheAppOpened() throws Exception {
        slack.methods(BOT_TOKEN).viewsOpen(r -> r.triggerId("1.2.3").viewAsString(
                "{\"type\":\"modal\",\"callback_id\":\"reject_reason\",\"private_metadata\":\"meta-9\","
                        + "\"title\":{\"type\":\"plain_text\",\"text\":\"Reject\"},\"blocks\":[]}"));
        SlackCall opened = fake.awaitCall("views.open", WAIT);

        client.viewSubmission(opened, Map.of("b", Map.of("a", StateValue.plainText(null))), "U0DANA0001");

        ViewSubmissionPayload payload = submissions.poll(5, TimeUnit.SECONDS);
        assertThat(payload.getView().getId()).isEqualTo(opened.response().path("view").path("id").asText());
        assertThat(payload.getView().getPrivateMetadata()).isEqualTo("meta-9");
        assertThat(payload.getView().getState().getValues().get("b").get("a").getValue()).isNull();
    }

    @Test
    void viewClosedIsRouted() throws Exception {
        assertThat(client.viewClosed("reject_reason", "meta", "U0DANA0001").statusCode()).isEqualTo(200);

        ViewClosedPayload payload = closings.poll(5, TimeUnit.SECONDS);
        assertThat(payload.getView().getPrivateMetadata()).isEqualTo("meta");
        assertThat(payload.getUser().getId()).isEqualTo("U0DANA0001");
    }

    @Test
    void eventsCarryTheirIdNonAsciiTextAndRetryHeaders() throws Exception {
        String event = Json.write(Json.object()
                .put("type", "app_mention")
                .put("user", "U0DANA0001")
                .put("text", "<@" + FakeSlack.BOT_USER_ID + "> " + AWKWARD_TEXT)
                .put("ts", "1764300000.000100")
                .put("channel", "C0SALES001"));

        assertThat(client.event(event, "Ev0SAME0001", null).statusCode()).isEqualTo(200);
        assertThat(client.event(event, "Ev0SAME0001", 1).statusCode()).isEqualTo(200);

        String text = "<@" + FakeSlack.BOT_USER_ID + "> " + AWKWARD_TEXT;
        assertThat(mentions.poll(5, TimeUnit.SECONDS)).isEqualTo(new Mention("Ev0SAME0001", text, null, null));
        assertThat(mentions.poll(5, TimeUnit.SECONDS)).isEqualTo(new Mention("Ev0SAME0001", text, 1, "http_timeout"));
    }

    @Test
    void boltRejectsWrongSecretStaleTimestampAndTamperedBodies() {
        String body = "token=t&team_id=T0TEST0001&user_id=U1&channel_id=C1&command=%2Fsla&text=mql"
                + "&response_url=" + fake.responseUrl("raw") + "&trigger_id=1.2.3";
        long now = client.now();
        SlackSigner signer = new SlackSigner(SECRET);
        String form = "application/x-www-form-urlencoded";

        assertThat(client.raw(body, form, Map.of(), now, null).statusCode()).isEqualTo(200);
        assertThat(client.withSigningSecret("some-other-secret").slashCommand("/sla", "mql", "U1", "C1")
                .statusCode()).isEqualTo(401);
        assertThat(client.withClock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-6)))
                .slashCommand("/sla", "mql", "U1", "C1").statusCode()).isEqualTo(401);
        assertThat(client.raw(body.replace("text=mql", "text=sql"), form, Map.of(), now, signer.sign(now, body))
                .statusCode()).isEqualTo(401);
        assertThat(client.raw(body + "\n", form, Map.of(), now, null).statusCode())
                .as("Bolt's servlet drops a trailing newline, so the signature no longer matches")
                .isEqualTo(401);
        assertThat(commands).hasSize(1);
    }

    private record Mention(String eventId, String text, Integer retryNum, String retryReason) {}
}
