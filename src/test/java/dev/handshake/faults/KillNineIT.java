package dev.handshake.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handshake.testing.FakeSlack;
import dev.handshake.testing.Fault;
import dev.handshake.testing.PackagedApp;
import dev.handshake.testing.SlackCall;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} of the packaged app while it takes writes from several clients at once (handoffs, stage events
 * tens a second, Accept clicks), delivers to Slack and fires the SLA clock's timers. Each kill waits for a write to
 * be in flight, so kills land on writes; the suite records which requests each kill cut off and asserts that at
 * least {@link #HIT_FLOOR} of the kills did. Now and then Slack posts a message and loses the answer (a 500 or a
 * hang after the post). After the last restart the cut requests are sent again with the same ids, the app drains,
 * and the {@link Invariants} are checked, among them that duplicate posts are no more than the posts in flight at a
 * kill plus the posts whose answer was lost. 20 kills in the normal run, 1,000 under {@code faults/run};
 * {@code -Dfaults.kills=N} overrides, {@code -Dfaults.seed=S} replays.
 */
class KillNineIT {

    private static final Duration DRAIN = Duration.ofMinutes(8);
    /** The share of kills that must cut off at least one write in flight. */
    private static final double HIT_FLOOR = 0.8;
    /** A kill waits at most this long for a write to be in flight; the kill happens then anyway. */
    private static final Duration WAIT_FOR_WRITE = Duration.ofSeconds(3);

    @Test
    void nothingAnsweredIsLostAcrossKills() throws Exception {
        int kills = Integer.getInteger("faults.kills", Scale.current().pick(20, 1_000));
        long seed = Long.getLong("faults.seed", System.nanoTime());
        System.out.println("[kill -9] " + kills + " kills, seed " + seed + " (replay with -Dfaults.seed=" + seed + ")");
        Random random = new Random(seed);
        Ledger ledger = new Ledger();
        Path classes = Files.createTempDirectory("handshake-cds-").resolve("app.jsa");
        long started = System.nanoTime();
        try (FakeSlack slack = FakeSlack.start()) {
            // One clean start and stop writes the classes the app loads to a shared archive; every restart maps it
            // instead of loading them again, so a kill-and-restart cycle takes about a second.
            try (PackagedApp first = PackagedApp.builder(slack).jvm("-XX:ArchiveClassesAtExit=" + classes).build()) {
                first.start();
                first.stop();
            }
            PackagedApp.Builder builder = PackagedApp.builder(slack).agreement(faultAgreement());
            if (Files.isRegularFile(classes)) {
                builder.jvm("-XX:SharedArchiveFile=" + classes).jvm("-Xshare:auto");
            }
            // Slack takes a moment to answer, as it does: a post is in flight for a while, not for a microsecond.
            slack.setLatency(Duration.ofMillis(40));
            try (PackagedApp app = builder.build()) {
                Instant lifeStarted = Instant.now();
                app.start();
                List<Long> cycles = new ArrayList<>();
                List<Long> killedAt = new ArrayList<>();
                Set<SlackCall> postsInFlightAtKills = new LinkedHashSet<>();
                int answersLostScripted = 0;
                try (Traffic traffic = new Traffic(app, slack, ledger, seed, Duration.ofMillis(800), 2)) {
                    traffic.start();
                    for (int i = 0; i < kills; i++) {
                        Thread.sleep(random.nextInt(1_000));
                        if (random.nextInt(3) == 0) {
                            // The next post reaches Slack but its answer does not reach the app.
                            slack.failNext("chat.postMessage", 1, Fault.answerLost(
                                    random.nextBoolean() ? Fault.status(500) : Fault.hang()));
                            answersLostScripted++;
                        }
                        awaitWriteInFlight(traffic);
                        long cycle = System.nanoTime();
                        killedAt.add(cycle);
                        app.kill();
                        // A post the app sent just before it died may still be on its way through the fake's server.
                        Thread.sleep(100);
                        assertThat(slack.awaitRecorded(Duration.ofSeconds(10))).as("fake Slack caught up").isTrue();
                        postInFlight(app, slack, lifeStarted).ifPresent(postsInFlightAtKills::add);
                        lifeStarted = Instant.now();
                        app.start();
                        cycles.add((System.nanoTime() - cycle) / 1_000_000);
                    }
                    slack.clearFaults();
                    traffic.close();
                    // Marketing sends again what got no final answer, reps click again; the app finishes what it owes.
                    traffic.settle();
                }
                assertThat(ledger.intakesUnanswered).as("handoffs never answered after the kills").isEmpty();
                assertThat(ledger.stageEventsUnanswered).as("stage events never answered after the kills").isEmpty();
                awaitDrained(app);
                // Stopped, so nothing is half-way between Slack and the database while the invariants are read.
                assertThat(app.stop()).as("exit code after SIGTERM").isIn(0, 143);

                Map<String, Integer> cutByKind = new TreeMap<>();
                int killsThatCutWrites = 0;
                for (long kill : killedAt) {
                    List<Ledger.Attempt> cut = ledger.cutAt(kill);
                    killsThatCutWrites += cut.isEmpty() ? 0 : 1;
                    cut.forEach(attempt -> cutByKind.merge(attempt.kind(), 1, Integer::sum));
                }
                String salesChannel = slack.channelFor("#sales-leads");
                Set<SlackCall> answersLost = new LinkedHashSet<>();
                for (SlackCall call : slack.calls("chat.postMessage")) {
                    if (call.answerLost() && salesChannel.equals(call.result().path("channel").asText())) {
                        answersLost.add(call);
                    }
                }
                // The rep's direct message goes first, in the rep's own lane; a lost answer may land on it. Those
                // are counted apart: neither the channel's duplicates nor its bound include direct messages.
                long dmAnswersLost = slack.calls("chat.postMessage").stream()
                        .filter(call -> call.answerLost() && call.result().path("channel").asText().startsWith("D"))
                        .count();
                Set<SlackCall> mayRepeat = new LinkedHashSet<>(answersLost);
                mayRepeat.addAll(postsInFlightAtKills);

                Invariants.Report report = Invariants.check(app, slack, ledger);
                report.assertHolds();
                assertThat(app.starts()).isEqualTo(kills + 1);
                assertThat(ledger.intakesAnswered).isNotEmpty();
                assertThat(report.decisions()).isPositive();
                assertThat((double) killsThatCutWrites / kills)
                        .as("share of kills that cut off a write in flight (%d of %d; cut: %s)", killsThatCutWrites,
                                kills, cutByKind)
                        .isGreaterThanOrEqualTo(HIT_FLOOR);
                int duplicates = report.duplicatePosts() + report.duplicateThreadPosts();
                assertThat(duplicates)
                        .as("duplicate posts in the sales channel, at most the posts in flight at a kill (%d) plus "
                                + "the posts whose answer was lost (%d)", postsInFlightAtKills.size(), answersLost.size())
                        .isLessThanOrEqualTo(mayRepeat.size());
                cycles.sort(null);
                new Figures("kill -9")
                        .put("kills survived", kills)
                        .put("seed", seed)
                        .put("kills that cut off writes in flight", killsThatCutWrites)
                        .put("writes cut off by kind", cutByKind)
                        .put("handoff requests", ledger.intakeRequests.get())
                        .put("stage event requests", ledger.stageRequests.get())
                        .put("click requests", ledger.clickRequests.get())
                        .put("handoffs answered 2xx", ledger.intakesAnswered.size())
                        .put("stage events answered 2xx", ledger.stageEventsAnswered.size())
                        .put("requests cut off", ledger.noAnswer.get())
                        .put("requests refused while restarting", ledger.notListening.get())
                        .put("answered 503 nothing stored", ledger.refusedNothingStored.get())
                        .put("answered 500 or 503 outcome unknown", ledger.outcomeUnknown.get())
                        .put("handoffs", report.handoffs())
                        .put("handoff posts", report.posts())
                        .put("decisions", report.decisions())
                        .put("clicks answered", ledger.clicksAnswered.size())
                        .put("timers fired", report.timersFired())
                        .put("thread posts (reminders, escalations, reassignments)", report.threadPosts())
                        .put("answers lost scripted", answersLostScripted)
                        .put("sales-channel posts whose answer was lost", answersLost.size())
                        .put("sales-channel posts in flight at a kill", postsInFlightAtKills.size())
                        .put("direct messages whose answer was lost", dmAnswersLost)
                        .put("sales-channel posts of no handoff", report.otherChannelPosts())
                        .put("duplicate posts", report.duplicatePosts())
                        .put("duplicate thread posts", report.duplicateThreadPosts())
                        .put("duplicate bound", mayRepeat.size())
                        .put("lost", report.lost())
                        .put("kill-to-ready p50 ms", cycles.get(cycles.size() / 2))
                        .put("minutes", String.format("%.1f", (System.nanoTime() - started) / 6e10))
                        .publish();
            }
        }
    }

    /** Waits (briefly) until some write is in flight, so the kill lands on one. */
    private static void awaitWriteInFlight(Traffic traffic) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_FOR_WRITE.toNanos();
        while (traffic.writesInFlight() == 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }

    /**
     * The post to the sales channel that was in flight when the app was killed, if one was: the channel's posts go
     * one at a time in order, so it is the head of the channel's pending deliveries, if Slack received a post for
     * it (same handoff, top level or in its thread) during the life that just ended.
     */
    private static Optional<SlackCall> postInFlight(PackagedApp app, FakeSlack slack, Instant lifeStarted)
            throws SQLException {
        long handoff;
        String kind;
        long createdAt;
        String messageTs;
        try (Connection db = DriverManager.getConnection(app.jdbcUrl());
                ResultSet head = db.createStatement().executeQuery("""
                        SELECT h.id, d.kind, d.created_at, h.message_ts FROM outbox d
                        JOIN handoffs h ON CAST(h.id AS TEXT) = d.subject
                        WHERE d.state = 'pending' AND d.kind IN ('post_handoff', 'remind_thread', 'escalate',
                          'reassign_thread', 'contact_remind_thread', 'contact_escalate', 'contest')
                        ORDER BY d.id LIMIT 1""")) {
            if (!head.next()) {
                return Optional.empty();
            }
            handoff = head.getLong(1);
            kind = head.getString(2);
            createdAt = head.getLong(3);
            messageTs = head.getString(4);
        }
        String salesChannel = slack.channelFor("#sales-leads");
        SlackCall found = null;
        for (SlackCall call : slack.calls("chat.postMessage")) {
            if (!call.tookEffect() || call.at().isBefore(lifeStarted)
                    || !salesChannel.equals(call.result().path("channel").asText())) {
                continue;
            }
            String threadTs = call.param("thread_ts");
            boolean matches = kind.equals("post_handoff")
                    ? threadTs == null && call.param("blocks") != null
                            && Long.valueOf(handoff).equals(Invariants.handoffOf(call.json("blocks")))
                    : threadTs != null && threadTs.equals(messageTs) && call.at().toEpochMilli() >= createdAt;
            if (matches) {
                found = call;
            }
        }
        return Optional.ofNullable(found);
    }

    private static Path faultAgreement() throws Exception {
        Path file = Files.createTempFile("fault-sla", ".yml");
        try (var in = KillNineIT.class.getResourceAsStream("/faults/sla.yml")) {
            Files.write(file, in.readAllBytes());
        }
        return file;
    }

    /**
     * Waits until no delivery is pending and no timer is due within the next few seconds, or fails after
     * {@link #DRAIN}: a timer falling due between this check and the stop would owe a delivery the stopped app never
     * sends.
     */
    private static void awaitDrained(PackagedApp app) throws Exception {
        long deadline = System.nanoTime() + DRAIN.toNanos();
        String state = "";
        while (System.nanoTime() < deadline) {
            try (Connection db = DriverManager.getConnection(app.jdbcUrl());
                    ResultSet rows = db.createStatement().executeQuery("""
                            SELECT (SELECT count(*) FROM outbox WHERE state = 'pending'),
                                   (SELECT count(*) FROM timers WHERE state = 'pending' AND due_at < %d)"""
                            .formatted(System.currentTimeMillis() + 10_000))) {
                rows.next();
                state = rows.getInt(1) + " deliveries pending, " + rows.getInt(2) + " timers due within 10 s or overdue";
                if (rows.getInt(1) == 0 && rows.getInt(2) == 0) {
                    return;
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the app did not drain within " + DRAIN + ": " + state);
    }
}
