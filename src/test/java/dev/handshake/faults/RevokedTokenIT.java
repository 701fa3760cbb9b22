package dev.handshake.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handshake.testing.FakeSlack;
import dev.handshake.testing.Fault;
import dev.handshake.testing.PackagedApp;
import dev.handshake.testing.SlackCall;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Slack starts refusing the running app's token ({@code token_revoked}, then {@code invalid_auth}) while leads keep
 * arriving. Calls to Slack stop but for one probe per interval (a minute; shortened by SLACK_AUTH_PROBE_SECONDS in
 * the short run), {@code /health} says unhealthy and names the problem, and once the token works again everything
 * taken meanwhile is posted.
 */
class RevokedTokenIT {

    private static final Scale SCALE = Scale.current();
    // The long run keeps the default interval of one minute.
    private static final Duration PROBE_EVERY = Duration.ofSeconds(SCALE.pick(3, 60));
    private static final Duration REVOKED = Duration.ofSeconds(SCALE.pick(10, 300));
    private static final Duration INTAKE_EVERY = Duration.ofMillis(SCALE.pick(1_000, 5_000));

    @Test
    void aRevokedTokenStopsCallsButOneProbePerIntervalAndNothingIsLost() throws Exception {
        try (FakeSlack slack = FakeSlack.start(); PackagedApp app = build(slack)) {
            app.start();
            SlackFaultChecks checks = new SlackFaultChecks(app, slack);
            int n = 0;
            checks.handOff("revoked", n++);
            checks.handOff("revoked", n++);
            checks.awaitDrained(Duration.ofSeconds(30));

            Instant revoked = Instant.now();
            slack.failAlways("*", Fault.error("token_revoked"));
            checks.handOff("revoked", n++);
            HttpResponse<String> health = awaitUnhealthy(checks);
            long halfway = System.nanoTime() + REVOKED.toNanos() / 2;
            while (System.nanoTime() < halfway) {
                checks.handOff("revoked", n++);
                Thread.sleep(INTAKE_EVERY.toMillis());
            }
            // Slack may also say the token is simply not valid any more.
            slack.failAlways("*", Fault.error("invalid_auth"));
            long end = revoked.toEpochMilli() + REVOKED.toMillis();
            while (System.currentTimeMillis() < end) {
                checks.handOff("revoked", n++);
                Thread.sleep(INTAKE_EVERY.toMillis());
            }
            Instant works = Instant.now();
            slack.clearFaults();
            int takenWhileRevoked = n - 2;

            Duration drained = checks.awaitDrained(PROBE_EVERY.plus(Duration.ofMinutes(SCALE.pick(2, 5))));
            SlackFaultChecks.Outcome outcome = checks.check();
            HttpResponse<String> healthAfter = checks.health();

            List<SlackCall> whileRevoked = slack.calls().stream()
                    .filter(c -> !c.at().isBefore(revoked) && c.at().isBefore(works)).toList();
            double revokedSeconds = Duration.between(revoked, works).toMillis() / 1000.0;
            // The first call to meet the revoked token, plus one probe per interval.
            long allowed = (long) Math.ceil(revokedSeconds / PROBE_EVERY.toSeconds()) + 1;
            Duration probeGap = SlackFaultChecks.minGapAfterFirstRefusal(whileRevoked, "token_revoked");
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(health.body()).contains("unhealthy", "token_revoked", "SLACK_BOT_TOKEN");
            assertThat(whileRevoked).as("calls during %s s revoked", revokedSeconds)
                    .hasSizeLessThanOrEqualTo((int) allowed)
                    .noneMatch(SlackCall::succeeded);
            assertThat(probeGap).as("smallest gap between probes").isGreaterThan(PROBE_EVERY.minusMillis(100));
            assertThat(healthAfter.statusCode()).as(healthAfter.body()).isEqualTo(200);
            assertThat(outcome.duplicatePosts() + outcome.duplicateDms()).isZero();

            new Figures("slack-token-revoked")
                    .put("revoked", Math.round(revokedSeconds) + " s (token_revoked, then invalid_auth)")
                    .put("probe interval", PROBE_EVERY.toSeconds() + " s")
                    .put("faults injected", whileRevoked.size())
                    .put("calls while revoked", whileRevoked.size())
                    .put("allowed (1 + one per interval)", allowed)
                    .put("min gap between probes", SlackFaultChecks.millis(probeGap))
                    .put("health while revoked", health.statusCode())
                    .put("intakes 2xx while revoked", takenWhileRevoked)
                    .put("drained after the token works", SlackFaultChecks.millis(drained))
                    .put("lost", outcome.intakes() - outcome.posted())
                    .put("duplicate posts", outcome.duplicatePosts() + outcome.duplicateDms())
                    .publish();
        }
    }

    private static PackagedApp build(FakeSlack slack) {
        PackagedApp.Builder builder = PackagedApp.builder(slack);
        if (SCALE == Scale.SHORT) {
            builder.env("SLACK_AUTH_PROBE_SECONDS", Long.toString(PROBE_EVERY.toSeconds()));
        }
        return builder.build();
    }

    private static HttpResponse<String> awaitUnhealthy(SlackFaultChecks checks) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        HttpResponse<String> health = checks.health();
        while (health.statusCode() == 200 && System.nanoTime() < deadline) {
            Thread.sleep(50);
            health = checks.health();
        }
        return health;
    }
}
