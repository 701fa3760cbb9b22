package dev.handshake.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handshake.testing.FakeSlack;
import dev.handshake.testing.PackagedApp;
import dev.handshake.testing.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Three replicas of the packaged app on one PostgreSQL server, with intakes and Accept clicks spread over them as a
 * load balancer without sticky sessions spreads them; one replica at a time is killed with {@code kill -9} at random
 * and started again, 10 times in the normal run (200 under {@code faults/run}); halfway through, PostgreSQL itself
 * crashes (an immediate shutdown: no checkpoint, every connection cut) and comes back from its write-ahead log. Then the
 * suite lets the replicas drain and checks the {@link Invariants} (nothing lost, every timer fired once), duplicate
 * posts bounded as on one node (by the calls a killed process can have in flight), and that no channel got two posts
 * less than a second apart although its lane moved between replicas. The reminders fall due 6 s after a handoff, so
 * timers fire on every replica while they die; the normal run then accepts every handoff left, to end within about a
 * minute (the long run keeps them, so escalations and the reassignment happen too). {@code -Dfaults.kills=N},
 * {@code -Dfaults.seed=S}.
 */
class ReplicaKillIT {

    private static final int REPLICAS = 3;
    /** The outbox's sender threads in each replica: at most this many calls are in flight when one is killed. */
    private static final int SENDERS = 4;
    private static final Duration DRAIN = Duration.ofMinutes(6);

    @Test
    void nothingIsLostWhenReplicasAndTheDatabaseDie() throws Exception {
        int kills = Integer.getInteger("faults.kills", Scale.current().pick(10, 200));
        long seed = Long.getLong("faults.seed", System.nanoTime());
        System.out.println("[replica kill] " + REPLICAS + " replicas, " + kills + " kills, seed " + seed
                + " (replay with -Dfaults.seed=" + seed + ")");
        Random random = new Random(seed);
        Ledger ledger = new Ledger();
        long started = System.nanoTime();
        ExecutorService restarts = Executors.newFixedThreadPool(REPLICAS);
        try (PostgresServer postgres = PostgresServer.start(Map.of()); FakeSlack slack = FakeSlack.start()) {
            // The replicas migrate the empty database themselves, all three at once.
            String url = postgres.newEmptyDatabase();
            Path agreement = quickAgreement();
            // One clean start and stop writes the classes the app loads to a shared archive (see KillNineIT).
            Path classes = Files.createTempDirectory("handshake-cds-").resolve("app.jsa");
            try (PackagedApp first = PackagedApp.builder(slack).agreement(agreement).env("DATABASE_URL", url)
                    .jvm("-XX:ArchiveClassesAtExit=" + classes).build()) {
                first.start();
                first.stop();
            }
            List<PackagedApp> replicas = new ArrayList<>();
            for (int i = 0; i < REPLICAS; i++) {
                PackagedApp.Builder builder = PackagedApp.builder(slack).agreement(agreement).env("DATABASE_URL", url);
                if (Files.isRegularFile(classes)) {
                    builder.jvm("-XX:SharedArchiveFile=" + classes).jvm("-Xshare:auto");
                }
                replicas.add(builder.build());
            }
            try {
                List<Future<?>> starting = new ArrayList<>();
                replicas.forEach(replica -> starting.add(restarts.submit(replica::start)));
                for (Future<?> start : starting) {
                    start.get(2, TimeUnit.MINUTES);
                }
                List<Long> downtimes = Collections.synchronizedList(new ArrayList<>());
                Future<?>[] restarting = new Future<?>[REPLICAS];
                long databaseDownMillis;
                // A new lead every 2 s or so: the sales channel's one lane carries every handoff's post and every
                // reminder, escalation and reassignment in its thread at Slack's one a second, and must drain.
                try (Traffic traffic = new Traffic(replicas, slack, ledger, seed, Duration.ofSeconds(2), 0)) {
                    traffic.start();
                    long crashed = 0;
                    for (int i = 0; i < kills; i++) {
                        // The first handoffs' reminders (6 s) fall due while replicas die.
                        Thread.sleep(1_500 + random.nextInt(2_000));
                        if (i == kills / 2) {
                            awaitAll(restarting);
                            long down = System.nanoTime();
                            postgres.crashAndRestart(Duration.ofSeconds(2));
                            crashed = (System.nanoTime() - down) / 1_000_000;
                        }
                        int victim = random.nextInt(REPLICAS);
                        while (restarting[victim] != null && !restarting[victim].isDone()) {
                            victim = (victim + 1) % REPLICAS;
                            Thread.sleep(50);
                        }
                        if (restarting[victim] != null) {
                            restarting[victim].get();
                        }
                        PackagedApp replica = replicas.get(victim);
                        replica.kill();
                        restarting[victim] = restarts.submit(() -> downtimes.add(replica.start().toMillis()));
                    }
                    awaitAll(restarting);
                    databaseDownMillis = crashed;
                    traffic.close();
                    // Marketing sends again what got no answer, reps click again; the replicas finish what they owe.
                    traffic.settle();
                    if (Scale.current() == Scale.SHORT) {
                        traffic.decideTheRest();
                    }
                }
                assertThat(ledger.intakesUnanswered).as("intakes never answered after the kills").isEmpty();
                awaitDrained(url);
                for (PackagedApp replica : replicas) {
                    assertThat(replica.stop()).as("exit code after SIGTERM").isIn(0, 143);
                }

                Invariants.Report report = Invariants.check(url, slack, ledger);
                report.assertHolds();
                int duplicates = report.duplicatePosts() + report.duplicateThreadPosts();
                assertThat(duplicates).as("duplicate posts, at most the calls in flight at each kill and at the crash")
                        .isLessThanOrEqualTo((kills + REPLICAS) * SENDERS);
                Duration closest = SlackFaultChecks.minPostGapPerChannel(slack.calls());
                assertThat(closest).as("the closest two posts to one channel").isNotNull()
                        .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
                assertThat(replicas.stream().mapToInt(PackagedApp::starts).sum()).isEqualTo(kills + REPLICAS);
                assertThat(report.decisions()).isPositive();
                assertThat(report.timersFired()).isPositive();
                downtimes.sort(null);
                new Figures("replica kill -9")
                        .put("replicas", REPLICAS)
                        .put("kills survived", kills)
                        .put("database crashes survived", 1)
                        .put("database down ms", databaseDownMillis)
                        .put("seed", seed)
                        .put("intakes answered", ledger.intakesAnswered.size())
                        .put("intake requests", ledger.intakeRequests.get())
                        .put("requests cut off", ledger.noAnswer.get())
                        .put("requests refused while restarting", ledger.notListening.get())
                        .put("answered 503 nothing stored", ledger.refusedNothingStored.get())
                        .put("answered 500 or 503 outcome unknown", ledger.outcomeUnknown.get())
                        .put("handoffs", report.handoffs())
                        .put("handoff posts", report.posts())
                        .put("duplicate posts", report.duplicatePosts())
                        .put("decisions", report.decisions())
                        .put("clicks answered", ledger.clicksAnswered.size())
                        .put("timers fired", report.timersFired())
                        .put("thread posts", report.threadPosts())
                        .put("duplicate thread posts", report.duplicateThreadPosts())
                        .put("closest posts to one channel ms", closest.toMillis())
                        .put("lost", report.lost())
                        .put("restart-to-ready p50 ms", downtimes.get(downtimes.size() / 2))
                        .put("minutes", String.format("%.1f", (System.nanoTime() - started) / 6e10))
                        .publish();
            } finally {
                replicas.forEach(PackagedApp::close);
            }
        } finally {
            restarts.shutdownNow();
        }
    }

    private static void awaitAll(Future<?>[] restarting) throws Exception {
        for (Future<?> restart : restarting) {
            if (restart != null) {
                restart.get(2, TimeUnit.MINUTES);
            }
        }
    }

    /**
     * The fault suite's agreement (the shortest deadline to decide an agreement may have, one minute) with its
     * reminders at a tenth of the window and one reassignment, so reminders fire during the short run and
     * escalations and a reassignment during the long one.
     */
    private static Path quickAgreement() throws Exception {
        Path file = Files.createTempFile("replica-sla", ".yml");
        try (var in = ReplicaKillIT.class.getResourceAsStream("/faults/sla.yml")) {
            String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            // One reassignment rather than two: the run drains a minute sooner, and round robin is still exercised.
            // Reminders at a tenth of the minute rather than three quarters: they fall due within the kills.
            Files.writeString(file, text.replace("response_hours: 0.03", "response_hours: 0.017")
                    .replace("window_percent: 75", "window_percent: 10")
                    .replace("max_times: 2", "max_times: 1"));
        }
        return file;
    }

    /** Waits until nothing is owed and no timer falls due within the next few seconds (see {@code KillNineIT}). */
    private static void awaitDrained(String url) throws Exception {
        long deadline = System.nanoTime() + DRAIN.toNanos();
        String state = "";
        while (System.nanoTime() < deadline) {
            try (Connection db = DriverManager.getConnection(url);
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
        throw new AssertionError("the replicas did not drain within " + DRAIN + ": " + state + "\n" + owed(url));
    }

    /** What is still owed, lane by lane, and who holds each lane: for the message of a run that did not drain. */
    private static String owed(String url) throws Exception {
        StringBuilder text = new StringBuilder();
        try (Connection db = DriverManager.getConnection(url);
                ResultSet rows = db.createStatement().executeQuery("""
                        SELECT o.lane, count(*), min(o.kind), max(o.attempts), min(o.next_attempt_at)
                               - (extract(epoch FROM clock_timestamp()) * 1000)::bigint, min(o.last_error),
                               min(l.owner), min(l.lease_until) - (extract(epoch FROM clock_timestamp()) * 1000)::bigint,
                               min(l.opens_at) - (extract(epoch FROM clock_timestamp()) * 1000)::bigint
                        FROM outbox o LEFT JOIN outbox_lanes l ON l.lane = o.lane
                        WHERE o.state = 'pending' GROUP BY o.lane ORDER BY o.lane LIMIT 20""")) {
            while (rows.next()) {
                text.append(String.format("  %s: %d pending (%s, attempts %d, due in %d ms, %s); held by %s, lease %s ms,"
                                + " opens in %s ms%n", rows.getString(1), rows.getInt(2), rows.getString(3),
                        rows.getInt(4), rows.getLong(5), rows.getString(6), rows.getString(7), rows.getString(8),
                        rows.getString(9)));
            }
        }
        return text.toString();
    }
}
