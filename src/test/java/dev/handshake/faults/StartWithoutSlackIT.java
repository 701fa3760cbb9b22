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
 * The app starts while Slack cannot be reached (nothing listening, or {@code auth.test} hanging), or while Slack
 * refuses the token. It starts anyway, takes leads (202) and posts them once Slack answers or the token works.
 */
class StartWithoutSlackIT {

    /** The app asks Slack who it is again with backoff capped at a minute; a little more for the answer. */
    private static final Duration IDENTITY_RETRY = Duration.ofSeconds(75);

    private static final Scale SCALE = Scale.current();
    private static final Duration AWAY = Duration.ofSeconds(SCALE.pick(6, 180));
    private static final Duration INTAKE_EVERY = Duration.ofMillis(SCALE.pick(1_000, 3_000));

    @Test
    void startsWithNothingListeningTakesLeadsAndPostsThemOnceSlackIsBack() throws Exception {
        try (FakeSlack slack = FakeSlack.start(); PackagedApp app = PackagedApp.builder(slack).build()) {
            slack.goDown();
            Duration startUp = app.start();
            SlackFaultChecks checks = new SlackFaultChecks(app, slack);

            HttpResponse<String> health = checks.health();
            int taken = handOffFor(checks, "unreachable", AWAY);
            assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
            assertThat(app.logText()).contains("Slack did not answer auth.test").doesNotContain("Cannot start");
            long failedTries = checks.number("SELECT coalesce(sum(attempts), 0) FROM outbox");
            Instant back = Instant.now();
            slack.comeBack();

            Duration drained = checks.awaitDrained(Duration.ofMinutes(SCALE.pick(2, 10)));
            SlackFaultChecks.Outcome outcome = checks.check();
            // The bot's identity is asked for again with its own backoff (up to a minute), independent of deliveries.
            app.awaitLog("Connected to Slack workspace " + FakeSlack.TEAM_NAME, IDENTITY_RETRY);
            assertThat(outcome.duplicatePosts() + outcome.duplicateDms()).isZero();

            new Figures("slack-unreachable-at-start")
                    .put("start-up", SlackFaultChecks.millis(startUp))
                    .put("unreachable", AWAY.toSeconds() + " s")
                    .put("intakes 2xx while unreachable", taken)
                    .put("delivery tries refused", failedTries)
                    .put("first post after Slack back", SlackFaultChecks.millis(firstPostAfter(slack, back)))
                    .put("drained after Slack back", SlackFaultChecks.millis(drained))
                    .put("lost", outcome.intakes() - outcome.posted())
                    .put("duplicate posts", outcome.duplicatePosts() + outcome.duplicateDms())
                    .publish();
        }
    }

    @Test
    void startsWhileAuthTestHangsAndSlackFailsThenDeliversWhenSlackAnswers() throws Exception {
        try (FakeSlack slack = FakeSlack.start(); PackagedApp app = PackagedApp.builder(slack).build()) {
            slack.failAlways("auth.test", Fault.hang());
            slack.failAlways("*", Fault.status(503));
            Duration startUp = app.start();
            SlackFaultChecks checks = new SlackFaultChecks(app, slack);

            // Serving while auth.test has not answered: start-up did not wait for it.
            assertThat(app.logText()).doesNotContain("Connected to Slack workspace");
            assertThat(slack.awaitCall("auth.test", Duration.ofSeconds(10)).answeredWith()).isEqualTo("hang");
            int taken = handOffFor(checks, "hanging", AWAY);
            Instant back = Instant.now();
            slack.clearFaults();

            // The hanging auth.test times out (10 s), and is asked again with backoff.
            Duration drained = checks.awaitDrained(Duration.ofMinutes(SCALE.pick(2, 10)));
            SlackFaultChecks.Outcome outcome = checks.check();
            awaitLog(app, "Connected to Slack workspace " + FakeSlack.TEAM_NAME, Duration.ofSeconds(90));
            assertThat(outcome.duplicatePosts() + outcome.duplicateDms()).isZero();

            new Figures("slack-hanging-at-start")
                    .put("start-up", SlackFaultChecks.millis(startUp))
                    .put("auth.test hanging, other calls 503", AWAY.toSeconds() + " s")
                    .put("intakes 2xx", taken)
                    .put("faults injected", slack.calls().stream().filter(c -> !c.succeeded()).count())
                    .put("first post after Slack back", SlackFaultChecks.millis(firstPostAfter(slack, back)))
                    .put("drained after Slack back", SlackFaultChecks.millis(drained))
                    .put("lost", outcome.intakes() - outcome.posted())
                    .put("duplicate posts", outcome.duplicatePosts() + outcome.duplicateDms())
                    .publish();
        }
    }

    @Test
    void aTokenRefusedAtStartRunsUnhealthyKeepsLeadsAndRecoversWhenTheTokenWorks() throws Exception {
        Duration probeEvery = Duration.ofSeconds(2);
        try (FakeSlack slack = FakeSlack.start();
                PackagedApp app = PackagedApp.builder(slack)
                        .env("SLACK_AUTH_PROBE_SECONDS", Long.toString(probeEvery.toSeconds())).build()) {
            slack.failAlways("*", Fault.error("invalid_auth"));
            Instant refusedFrom = Instant.now();
            Duration startUp = app.start();
            SlackFaultChecks checks = new SlackFaultChecks(app, slack);

            int taken = handOffFor(checks, "refused", AWAY);
            HttpResponse<String> health = checks.health();
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(health.body()).contains("unhealthy", "invalid_auth", "SLACK_BOT_TOKEN");
            assertThat(app.logText()).contains("Slack refused SLACK_BOT_TOKEN (invalid_auth)")
                    .doesNotContain("Cannot start");
            Instant works = Instant.now();
            List<SlackCall> whileRefused = slack.calls();
            slack.clearFaults();

            Duration drained = checks.awaitDrained(Duration.ofMinutes(SCALE.pick(2, 10)));
            SlackFaultChecks.Outcome outcome = checks.check();
            assertThat(checks.health().statusCode()).isEqualTo(200);
            double refusedSeconds = Duration.between(refusedFrom, works).toMillis() / 1000.0;
            // Until Slack first says no, the calls at start (who am I, the agreement's announcement, the first
            // delivery) may all go; after that, one probe per interval.
            long allowed = (long) Math.ceil(refusedSeconds / probeEvery.toSeconds()) + 3;
            assertThat(whileRefused).as("calls while refused (one probe per %s s)", probeEvery.toSeconds())
                    .hasSizeLessThanOrEqualTo((int) allowed);
            Duration probeGap = SlackFaultChecks.minGapAfterFirstRefusal(whileRefused, "invalid_auth");
            assertThat(probeGap).as("smallest gap between probes").isGreaterThan(probeEvery.minusMillis(100));
            assertThat(outcome.duplicatePosts() + outcome.duplicateDms()).isZero();

            new Figures("slack-token-refused-at-start")
                    .put("start-up", SlackFaultChecks.millis(startUp))
                    .put("refused", Math.round(refusedSeconds) + " s")
                    .put("probe interval", probeEvery.toSeconds() + " s (default 60 s)")
                    .put("calls while refused", whileRefused.size())
                    .put("min gap between probes", SlackFaultChecks.millis(probeGap))
                    .put("health while refused", health.statusCode())
                    .put("intakes 2xx while refused", taken)
                    .put("drained after the token works", SlackFaultChecks.millis(drained))
                    .put("lost", outcome.intakes() - outcome.posted())
                    .put("duplicate posts", outcome.duplicatePosts() + outcome.duplicateDms())
                    .publish();
        }
    }

    private static int handOffFor(SlackFaultChecks checks, String scenario, Duration during) throws Exception {
        long end = System.nanoTime() + during.toNanos();
        int n = 0;
        while (System.nanoTime() < end) {
            checks.handOff(scenario, n++);
            Thread.sleep(INTAKE_EVERY.toMillis());
        }
        return n;
    }

    private static Duration firstPostAfter(FakeSlack slack, Instant back) {
        return slack.calls("chat.postMessage").stream().filter(SlackCall::succeeded).map(SlackCall::at)
                .filter(at -> at.isAfter(back)).findFirst().map(at -> Duration.between(back, at)).orElse(null);
    }

    private static void awaitLog(PackagedApp app, String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!app.logText().contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the log never said \"" + text + "\":\n" + app.process().tail());
            }
            Thread.sleep(200);
        }
    }
}
