package dev.handshake.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import dev.handshake.testing.FakeSlack;
import dev.handshake.testing.Fault;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The port's classification of failures, and its holding of calls while Slack refuses the token. */
class SlackApiTest {

    private FakeSlack fake;
    private Slack slack;
    private SlackStatus status;
    private SlackApi api;

    @BeforeEach
    void start() {
        fake = FakeSlack.start();
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(fake.apiUrl());
        config.setStatsEnabled(false);
        slack = Slack.getInstance(config);
        status = new SlackStatus(Clock.systemUTC(), Duration.ofSeconds(60));
        api = SlackApi.of(slack, "xoxb-slack-api-test", status);
    }

    @AfterEach
    void stop() throws Exception {
        slack.close();
        fake.close();
    }

    private SlackCallException failure(Runnable call) {
        return catchThrowableOfType(SlackCallException.class, call::run);
    }

    @Test
    void aRevokedTokenMakesTheStatusUnhealthyAndLaterCallsAreHeldWithoutReachingSlack() {
        fake.failNext("chat.postMessage", 1, Fault.error("token_revoked"));
        SlackCallException first = failure(() -> api.postMessage("#sales-leads", "one", List.of(), null));
        assertThat(first.kind()).isEqualTo(SlackCallException.Kind.AUTH);
        assertThat(first.sent()).isTrue();

        SlackCallException second = failure(() -> api.postMessage("#sales-leads", "two", List.of(), null));
        SlackCallException third = failure(() -> api.updateMessage("#sales-leads", "1.2", "three", List.of()));

        assertThat(List.of(second, third)).allSatisfy(e -> {
            assertThat(e.kind()).isEqualTo(SlackCallException.Kind.AUTH);
            assertThat(e.sent()).isFalse();
            assertThat(e.error()).isEqualTo("token_revoked");
        });
        assertThat(fake.calls()).hasSize(1);
        assertThat(status.snapshot().status()).isEqualTo("unhealthy");
    }

    @Test
    void failuresAreClassifiedSoTheCallerKnowsWhetherAndWhenToRetry() {
        fake.failNext("chat.postMessage", 1, Fault.rateLimited(7));
        fake.failNext("chat.postMessage", 1, Fault.status(502));
        fake.failNext("chat.postMessage", 1, Fault.error("channel_not_found"));

        SlackCallException limited = failure(() -> api.postMessage("#a", "x", List.of(), null));
        SlackCallException down = failure(() -> api.postMessage("#a", "x", List.of(), null));
        SlackCallException missing = failure(() -> api.postMessage("#a", "x", List.of(), null));

        assertThat(limited.kind()).isEqualTo(SlackCallException.Kind.RATE_LIMITED);
        assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(down.kind()).isEqualTo(SlackCallException.Kind.TRANSIENT);
        assertThat(down.error()).isEqualTo("http_502");
        assertThat(missing.kind()).isEqualTo(SlackCallException.Kind.PERMANENT);
        assertThat(status.snapshot().status()).as("none of these is a token problem").isEqualTo("ok");
    }

    @Test
    void authTestReturnsTheBotAndTheWorkspace() {
        var answer = api.authTest();
        assertThat(answer.getUserId()).isEqualTo(FakeSlack.BOT_USER_ID);
        assertThat(answer.getTeamId()).isEqualTo(FakeSlack.TEAM_ID);
    }
}
