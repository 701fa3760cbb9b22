package dev.handshake.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.builtin.RequestVerification;
import com.slack.api.bolt.middleware.builtin.SingleTeamAuthorization;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import dev.handshake.testing.AppProcess;
import dev.handshake.testing.FakeSlack;
import dev.handshake.testing.SlackSigner;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Requests run through a {@link VerifiedApp}'s real middleware chain, authorizing against a fake Slack. */
class VerifiedAppTest {

    private static final String SECRET = "verified-app-test-secret-42";
    private static final String BOT_TOKEN = "xoxb-verified-app-test";

    private static FakeSlack fake;
    private static Slack slack;

    private final SlackSigner signer = new SlackSigner(SECRET);
    private final List<SlashCommandPayload> handled = new CopyOnWriteArrayList<>();
    private final List<String> botUserIds = new CopyOnWriteArrayList<>();
    private final List<String> botTokens = new CopyOnWriteArrayList<>();
    private VerifiedApp app;
    private BotIdentity identity;

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
    void noAppYet() {
        app = null;
        identity = null;
    }

    @AfterEach
    void stopApp() {
        if (app != null) {
            app.stop();
        }
        if (identity != null) {
            identity.close();
        }
    }

    private static BotIdentity identityFrom(Slack slack) {
        SlackStatus status = new SlackStatus(Clock.systemUTC());
        return new BotIdentity(SlackApi.of(slack, BOT_TOKEN, status), status, Clock.systemUTC());
    }

    private static AppConfig config() {
        return AppConfig.builder().singleTeamBotToken(BOT_TOKEN).signingSecret(SECRET).slack(slack).build();
    }

    private VerifiedApp startApp(Clock clock) {
        identity = identityFrom(slack);
        identity.start();
        return startApp(clock, config(), identity);
    }

    private VerifiedApp startApp(Clock clock, AppConfig config, BotIdentity identity) {
        app = new VerifiedApp(config, new RequestSignature(SECRET, clock), identity);
        app.command("/sla", (req, ctx) -> {
            handled.add(req.getPayload());
            botTokens.add(String.valueOf(ctx.getBotToken()));
            botUserIds.add(String.valueOf(ctx.getBotUserId()));
            return ctx.ack("answer for " + req.getPayload().getText());
        });
        app.start();
        return app;
    }

    private void awaitIdentity() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (identity.known().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(identity.known()).as("the bot identity").isPresent();
    }

    private static String body(String text) {
        return "token=legacy&team_id=" + FakeSlack.TEAM_ID + "&team_domain=" + FakeSlack.TEAM_DOMAIN
                + "&channel_id=C0CHAN0001&channel_name=general&user_id=U0USER0001&user_name=dana"
                + "&command=%2Fsla&text=" + URLEncoder.encode(text, StandardCharsets.UTF_8)
                + "&api_app_id=" + FakeSlack.APP_ID
                + "&response_url=" + URLEncoder.encode(fake.responseUrl("verified-app"), StandardCharsets.UTF_8)
                + "&trigger_id=123.456.abc";
    }

    private static SlashCommandRequest request(String body, Long timestamp, String signature) {
        Map<String, List<String>> headers = new HashMap<>();
        headers.put("Content-Type", List.of("application/x-www-form-urlencoded"));
        if (timestamp != null) {
            headers.put(SlackSigner.TIMESTAMP_HEADER, List.of(Long.toString(timestamp)));
        }
        if (signature != null) {
            headers.put(SlackSigner.SIGNATURE_HEADER, List.of(signature));
        }
        return new SlashCommandRequest(body, new RequestHeaders(headers));
    }

    private static Clock fixedAt(long epochSecond) {
        return Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
    }

    @Test
    void aCorrectlySignedCommandReachesItsHandler() throws Exception {
        startApp(Clock.systemUTC());
        long now = Instant.now().getEpochSecond();
        String body = body("mql");

        Response response = app.run(request(body, now, signer.sign(now, body)));

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        assertThat(response.getBody()).contains("answer for mql");
        assertThat(handled).singleElement().satisfies(p -> assertThat(p.getText()).isEqualTo("mql"));
    }

    @Test
    void onceSlackHasSaidWhoTheBotIsItIsOnEveryRequestsContext() throws Exception {
        startApp(Clock.systemUTC());
        awaitIdentity();
        long now = Instant.now().getEpochSecond();
        String body = body("mql");

        Response response = app.run(request(body, now, signer.sign(now, body)));

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        assertThat(botUserIds).containsExactly(FakeSlack.BOT_USER_ID);
        assertThat(botTokens).containsExactly(BOT_TOKEN);
    }

    @Test
    void theAppStartsAndServesCommandsWhileSlackCannotBeReached() throws Exception {
        SlackConfig unreachable = new SlackConfig();
        unreachable.setMethodsEndpointUrlPrefix("http://127.0.0.1:" + AppProcess.freePort() + "/api/");
        unreachable.setStatsEnabled(false);
        try (Slack away = Slack.getInstance(unreachable)) {
            identity = identityFrom(away);
            identity.start();
            startApp(Clock.systemUTC(),
                    AppConfig.builder().singleTeamBotToken(BOT_TOKEN).signingSecret(SECRET).slack(away).build(),
                    identity);
            long now = Instant.now().getEpochSecond();
            String body = body("mql");

            Response response = app.run(request(body, now, signer.sign(now, body)));

            assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
            assertThat(response.getBody()).contains("answer for mql");
            assertThat(botTokens).as("listeners can still call Slack with the token").containsExactly(BOT_TOKEN);
            assertThat(botUserIds).as("not known yet").containsExactly("null");
            assertThat(identity.known()).isEmpty();
        }
    }

    @Test
    void aNonAsciiCommandSignedOverUtf8ReachesItsHandler() throws Exception {
        startApp(Clock.systemUTC());
        long now = Instant.now().getEpochSecond();
        String body = body("qualifi\u00e9 \u7ebf\u7d22 \ud83d\udd25");

        Response response = app.run(request(body, now, signer.sign(now, body)));

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        assertThat(handled).singleElement()
                .satisfies(p -> assertThat(p.getText()).isEqualTo("qualifi\u00e9 \u7ebf\u7d22 \ud83d\udd25"));
    }

    @Test
    void aWronglySignedCommandIsRefusedBeforeItsHandler() throws Exception {
        startApp(Clock.systemUTC());
        long now = Instant.now().getEpochSecond();
        String body = body("mql");
        String forged = new SlackSigner("not-the-secret").sign(now, body);

        Response response = app.run(request(body, now, forged));

        assertThat(response.getStatusCode()).isEqualTo(401);
        assertThat(response.getBody()).contains("invalid request signature").doesNotContain("answer for");
        assertThat(handled).isEmpty();
    }

    @Test
    void aTamperedBodyOrMissingHeadersAreRefusedBeforeTheHandler() throws Exception {
        startApp(Clock.systemUTC());
        long now = Instant.now().getEpochSecond();
        String body = body("mql");
        String signature = signer.sign(now, body);

        assertThat(app.run(request(body("sql"), now, signature)).getStatusCode()).isEqualTo(401);
        assertThat(app.run(request(body, null, signature)).getStatusCode()).isEqualTo(401);
        assertThat(app.run(request(body, now, null)).getStatusCode()).isEqualTo(401);
        assertThat(handled).isEmpty();
    }

    @Test
    void timeIsJudgedByOurClockSoBoltsOwnCheckIsNotInTheChain() throws Exception {
        // Signed in 2018 and checked by a clock standing in 2018: ours accepts it. Bolt's RequestVerification
        // judges by the system clock and would refuse it as years old, so a 200 means it is not in the chain.
        long then = 1_531_420_618L;
        startApp(fixedAt(then));
        String body = body("mql");

        Response response = app.run(request(body, then, signer.sign(then, body)));

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        assertThat(handled).hasSize(1);
    }

    @Test
    void aRequestFreshForBoltButStaleForOurClockIsRefused() throws Exception {
        // Bolt's check would accept a request signed just now; ours, an hour ahead, must refuse it.
        long now = Instant.now().getEpochSecond();
        startApp(fixedAt(now + Duration.ofHours(1).toSeconds()));
        String body = body("mql");

        Response response = app.run(request(body, now, signer.sign(now, body)));

        assertThat(response.getStatusCode()).isEqualTo(401);
        assertThat(handled).isEmpty();
    }

    @Test
    void theChainIsBoltsWithOurSignatureCheckAndAuthorizationInPlaceOfBolts() {
        AppConfig config = config();
        List<Middleware> bolt = new BoltDefaults(config).defaults();
        List<Middleware> ours = new VerifiedApp(config, new RequestSignature(SECRET, Clock.systemUTC()),
                identityFrom(slack)).buildDefaultMiddlewareList(config);

        int verification = indexOf(bolt, RequestVerification.class);
        int authorization = indexOf(bolt, SingleTeamAuthorization.class);
        assertThat(verification).as("Bolt's default chain has RequestVerification").isNotNegative();
        assertThat(authorization).as("Bolt's default chain has SingleTeamAuthorization").isNotNegative();
        assertThat(ours).hasSameSizeAs(bolt);
        assertThat(ours).noneMatch(m -> m instanceof RequestVerification || m instanceof SingleTeamAuthorization);
        assertThat(ours.get(verification)).isInstanceOf(SignatureMiddleware.class);
        assertThat(ours.get(authorization)).isInstanceOf(BotAuthorization.class);
        for (int i = 0; i < bolt.size(); i++) {
            if (i != verification && i != authorization) {
                assertThat(ours.get(i)).as("middleware %d", i).hasSameClassAs(bolt.get(i));
            }
        }
    }

    private static int indexOf(List<Middleware> chain, Class<?> type) {
        for (int i = 0; i < chain.size(); i++) {
            if (type.isInstance(chain.get(i))) {
                return i;
            }
        }
        return -1;
    }

    /** Exposes the chain plain Bolt would build, to compare against. */
    private static final class BoltDefaults extends App {

        BoltDefaults(AppConfig config) {
            super(config);
        }

        List<Middleware> defaults() {
            return buildDefaultMiddlewareList(config());
        }
    }
}
