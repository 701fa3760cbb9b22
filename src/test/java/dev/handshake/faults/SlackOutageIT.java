package dev.handshake.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handshake.testing.FakeSlack;
import dev.handshake.testing.Fault;
import dev.handshake.testing.PackagedApp;
import dev.handshake.testing.SlackCall;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Slack goes away while leads keep arriving: first it answers HTTP 500, then it refuses connections, then it takes
 * calls and never answers. Every intake is still answered 202; the app backs off instead of hammering Slack; when
 * Slack is back every lead is posted once, in order per channel, at Slack's pace.
 */
class SlackOutageIT {

    private static final Scale SCALE = Scale.current();
    // Each phase lasts at least this long, and until at least one call met its fault (the app backs off, so in the
    // short run a phase can end before the next try).
    private static final Duration ERRORS = Duration.ofSeconds(SCALE.pick(3, 90));
    private static final Duration REFUSED = Duration.ofSeconds(SCALE.pick(3, 90));
    private static final Duration HANGING = Duration.ofSeconds(SCALE.pick(3, 60));
    // The app's longest backoff (5 min) plus a hanging call's read timeout (10 s): a try must come by then.
    private static final Duration PHASE_CAP = Duration.ofMinutes(5).plusSeconds(30);
    private static final Duration INTAKE_EVERY = Duration.ofMillis(SCALE.pick(1_500, 2_000));

    /** Whether the current phase's fault has met a call yet. */
    @FunctionalInterface
    private interface Evidence {
        boolean seen() throws Exception;
    }

    @Test
    void leadsTakenDuringAnOutageAreAllPostedOnceInOrderWithoutAStorm() throws Exception {
        try (FakeSlack slack = FakeSlack.start(); PackagedApp app = PackagedApp.builder(slack).start()) {
            SlackFaultChecks checks = new SlackFaultChecks(app, slack);
            int n = 0;
            checks.handOff("outage", n++);
            checks.handOff("outage", n++);
            checks.awaitDrained(Duration.ofSeconds(30));

            Instant outageStarted = Instant.now();
            slack.failAlways("*", Fault.status(500));
            n = phase(checks, ERRORS, n, () -> count(slack.calls(), "http_500") > 0);
            long triesBeforeRefused = checks.number("SELECT coalesce(sum(attempts), 0) FROM outbox");
            slack.goDown();
            n = phase(checks, REFUSED, n,
                    () -> checks.number("SELECT coalesce(sum(attempts), 0) FROM outbox") > triesBeforeRefused);
            slack.clearFaults();
            slack.failAlways("*", Fault.hang());
            slack.comeBack();
            n = phase(checks, HANGING, n, () -> count(slack.calls(), "hang") > 0);
            Instant back = Instant.now();
            slack.clearFaults();
            int takenDuringOutage = n - 2;
            checks.handOff("outage", n++);
            checks.handOff("outage", n++);

            Duration drained = checks.awaitDrained(Duration.ofMinutes(SCALE.pick(3, 15)));
            SlackFaultChecks.Outcome outcome = checks.check();

            List<SlackCall> seenDuringOutage = checks.deliveryCalls(outageStarted, back);
            int answered500 = count(seenDuringOutage, "http_500");
            int hung = count(seenDuringOutage, "hang");
            // Refused connections never reach the fake; the app counts every try in deliveries.attempts (the last
            // one of a delivery done is its success).
            long failedTries = checks.number("SELECT coalesce(sum(attempts), 0) FROM outbox")
                    - checks.number("SELECT count(*) FROM outbox WHERE state = 'done'");
            long refusedTries = Math.max(0, failedTries - answered500 - hung);
            long outageCalls = seenDuringOutage.size() + refusedTries;
            double outageSeconds = Duration.between(outageStarted, back).toMillis() / 1000.0;
            List<SlackCall> afterRecovery = checks.deliveryCalls(back, Instant.now().plusSeconds(1));
            List<SlackCall> successes = slack.calls("chat.postMessage").stream().filter(SlackCall::succeeded).toList();
            Duration firstPostAfter = successes.stream().map(SlackCall::at).filter(at -> at.isAfter(back)).findFirst()
                    .map(at -> Duration.between(back, at)).orElse(null);
            Duration minGap = SlackFaultChecks.minPostGapPerChannel(slack.calls());

            // Backoff, not a storm. Each lane (the sales channel's posts, each rep's direct messages) retries its
            // head on its own, waiting at least 0.5, 1, 2, 4 ... s between tries: in T seconds a lane makes at most
            // 1 + log2(2T + 1) calls, and all lanes together at most that many times the lanes in use. Every try
            // that failed was a call during the outage (nothing failed before it, nothing after), by lane.
            Map<String, Long> failedByLane = failedTriesByLane(app);
            long perLane = 1 + (long) Math.floor(Math.log(2 * outageSeconds + 1) / Math.log(2));
            failedByLane.forEach((lane, tries) -> assertThat(tries)
                    .as("calls in lane %s during %s s of outage", lane, outageSeconds).isLessThanOrEqualTo(perLane));
            assertThat(failedByLane.values().stream().mapToLong(Long::longValue).sum())
                    .as("failed tries by lane %s against the calls seen and refused", failedByLane)
                    .isEqualTo(failedTries);
            assertThat(outageCalls).as("calls during %s s of outage (%s refused) over %d lanes: %s", outageSeconds,
                            refusedTries, failedByLane.size(), seenDuringOutage)
                    .isLessThanOrEqualTo(failedByLane.size() * perLane);
            assertThat(SlackFaultChecks.maxPerSecond(seenDuringOutage)).as("most calls in a second during the outage")
                    .isLessThanOrEqualTo(4);
            assertThat(minGap).as("smallest gap between posts to one channel").isGreaterThan(Duration.ofMillis(900));
            assertThat(outcome.duplicatePosts()).isZero();
            assertThat(answered500).as("calls answered 500").isPositive();
            assertThat(refusedTries).as("calls refused").isPositive();
            assertThat(hung).as("calls left hanging").isPositive();

            new Figures("slack-outage")
                    .put("outage", Math.round(outageSeconds) + " s (500s, then refused, then hanging; each at least "
                            + ERRORS.toSeconds() + "/" + REFUSED.toSeconds() + "/" + HANGING.toSeconds() + " s)")
                    .put("faults injected", answered500 + hung + refusedTries + " (" + answered500 + " x 500, "
                            + refusedTries + " refused, " + hung + " hung)")
                    .put("intakes during outage", takenDuringOutage)
                    .put("intakes 2xx", outcome.intakes())
                    .put("calls during outage", outageCalls)
                    .put("outage call rate", String.format("%.2f/s", outageCalls / outageSeconds))
                    .put("lanes retrying during outage", failedByLane.size())
                    .put("most calls in one lane during outage (bound " + perLane + ")",
                            failedByLane.values().stream().mapToLong(Long::longValue).max().orElse(0))
                    .put("max calls in 1 s during outage", SlackFaultChecks.maxPerSecond(seenDuringOutage))
                    .put("max calls in 1 s after recovery", SlackFaultChecks.maxPerSecond(afterRecovery))
                    .put("first post after recovery", SlackFaultChecks.millis(firstPostAfter))
                    .put("drained after recovery", SlackFaultChecks.millis(drained))
                    .put("min gap per channel", SlackFaultChecks.millis(minGap))
                    .put("lost", outcome.intakes() - outcome.posted())
                    .put("duplicate posts", outcome.duplicatePosts() + outcome.duplicateDms())
                    .publish();
        }
    }

    /** Hands off a lead every {@link #INTAKE_EVERY} for at least {@code least}, and until the fault met a call. */
    private static int phase(SlackFaultChecks checks, Duration least, int n, Evidence evidence) throws Exception {
        long started = System.nanoTime();
        long end = started + least.toNanos();
        long cap = end + PHASE_CAP.toNanos();
        while (System.nanoTime() < end || !evidence.seen()) {
            if (System.nanoTime() > cap) {
                throw new AssertionError("no call met the fault within " + PHASE_CAP + " after the phase");
            }
            checks.handOff("outage", n++);
            Thread.sleep(INTAKE_EVERY.toMillis());
        }
        return n;
    }

    /** Each lane's tries that failed (every try counts in attempts; the last one of an item done succeeded). */
    private static Map<String, Long> failedTriesByLane(PackagedApp app) throws SQLException {
        Map<String, Long> byLane = new TreeMap<>();
        try (Connection db = DriverManager.getConnection(app.jdbcUrl());
                ResultSet rows = db.createStatement().executeQuery("""
                        SELECT lane, sum(attempts) - sum(CASE WHEN state = 'done' THEN 1 ELSE 0 END) FROM outbox
                        GROUP BY lane""")) {
            while (rows.next()) {
                if (rows.getLong(2) > 0) {
                    byLane.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        return byLane;
    }

    private static int count(List<SlackCall> calls, String answeredWith) {
        return (int) calls.stream().filter(c -> c.answeredWith().equals(answeredWith)).count();
    }
}
