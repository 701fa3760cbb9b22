package dev.handshake.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import dev.handshake.testing.AppProcess;
import dev.handshake.testing.FakeSlack;
import dev.handshake.testing.Fault;
import dev.handshake.testing.SlackCall;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Learning the bot's identity in the background, whatever Slack answers at first. */
class BotIdentityTest {

    private static final String TOKEN = "xoxb-bot-identity-test";

    private FakeSlack fake;
    private Slack slack;
    private BotIdentity identity;

    @AfterEach
    void stop() throws Exception {
        if (identity != null) {
            identity.close();
        }
        if (slack != null) {
            slack.close();
        }
        if (fake != null) {
            fake.close();
        }
    }

    private BotIdentity identity(String apiUrl, SlackStatus status) {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(apiUrl);
        config.setStatsEnabled(false);
        config.setHttpClientReadTimeoutMillis(5_000);
        slack = Slack.getInstance(config);
        identity = new BotIdentity(SlackApi.of(slack, TOKEN, status), status, Clock.systemUTC());
        return identity;
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void startingReturnsAtOnceWhenNothingListensAndTheIdentityStaysUnknown() throws Exception {
        String nowhere = "http://127.0.0.1:" + AppProcess.freePort() + "/api/";
        SlackStatus status = new SlackStatus(Clock.systemUTC());
        BotIdentity identity = identity(nowhere, status);

        long started = System.nanoTime();
        identity.start();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
        Thread.sleep(300);

        assertThat(identity.known()).isEmpty();
        assertThat(status.snapshot().status()).as("unreachable is not a token problem").isEqualTo("ok");
    }

    @Test
    void theIdentityIsLearnedOnceSlackAnswersAfterFailures() throws Exception {
        fake = FakeSlack.start();
        fake.failNext("auth.test", 1, Fault.status(503));
        fake.failNext("auth.test", 1, Fault.rateLimited(1));
        BotIdentity identity = identity(fake.apiUrl(), new SlackStatus(Clock.systemUTC()));

        identity.start();
        await("the identity is known", Duration.ofSeconds(15), () -> identity.known().isPresent());

        assertThat(identity.known().orElseThrow().getUserId()).isEqualTo(FakeSlack.BOT_USER_ID);
        assertThat(identity.known().orElseThrow().getTeamId()).isEqualTo(FakeSlack.TEAM_ID);
        List<SlackCall> calls = fake.calls("auth.test");
        assertThat(calls).extracting(SlackCall::answeredWith).containsExactly("http_503", "ratelimited", "ok");
        assertThat(Duration.between(calls.get(1).at(), calls.get(2).at()))
                .as("no sooner than Retry-After").isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        fake.assertCallCount("auth.test", 3, Duration.ofMillis(1500));
    }

    @Test
    void aRefusedTokenIsUnhealthyIsProbedOncePerIntervalAndRecovers() throws Exception {
        fake = FakeSlack.start();
        fake.failAlways("auth.test", Fault.error("invalid_auth"));
        SlackStatus status = new SlackStatus(Clock.systemUTC(), Duration.ofSeconds(1));
        BotIdentity identity = identity(fake.apiUrl(), status);

        identity.start();
        Thread.sleep(3_500);

        assertThat(identity.known()).isEmpty();
        assertThat(status.snapshot().status()).isEqualTo("unhealthy");
        assertThat(status.snapshot().problems().get("token").error()).isEqualTo("invalid_auth");
        List<SlackCall> probes = fake.calls("auth.test");
        assertThat(probes).hasSizeBetween(3, 5);
        for (int i = 1; i < probes.size(); i++) {
            assertThat(Duration.between(probes.get(i - 1).at(), probes.get(i).at())).as("gap before probe %d", i)
                    .isGreaterThanOrEqualTo(Duration.ofMillis(950));
        }

        fake.clearFaults();
        await("the identity is known", Duration.ofSeconds(5), () -> identity.known().isPresent());
        assertThat(status.snapshot().status()).isEqualTo("ok");
    }
}
