package dev.handshake.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handshake.testing.FakeSlack;
import dev.handshake.testing.PackagedApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} of the packaged app at random moments while intakes, clicks, deliveries and the SLA clock's
 * timers run; after the last restart the suite lets the app drain and checks the {@link Invariants}. 200 kills in the
 * normal run, 1,000 under {@code faults/run}; {@code -Dfaults.kills=N} overrides, {@code -Dfaults.seed=S} replays.
 */
class KillNineIT {

    private static final Duration DRAIN = Duration.ofMinutes(8);

    @Test
    void nothingAnsweredIsLostAcrossKills() throws Exception {
        int kills = Integer.getInteger("faults.kills", Scale.current().pick(200, 1_000));
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
            try (PackagedApp app = builder.build()) {
                app.start();
                List<Long> cycles = new ArrayList<>();
                try (Traffic traffic = new Traffic(app, slack, ledger, seed, Duration.ofSeconds(4))) {
                    traffic.start();
                    for (int i = 0; i < kills; i++) {
                        Thread.sleep(random.nextInt(1_000));
                        long cycle = System.nanoTime();
                        app.kill();
                        app.start();
                        cycles.add((System.nanoTime() - cycle) / 1_000_000);
                    }
                }
                // Marketing sends again what got no answer; then the app finishes what it owes.
                new Traffic(app, slack, ledger, seed, Duration.ZERO).settle();
                assertThat(ledger.intakesUnanswered).as("intakes never answered after the kills").isEmpty();
                awaitDrained(app);
                // Stopped, so nothing is half-way between Slack and the database while the invariants are read.
                assertThat(app.stop()).as("exit code after SIGTERM").isIn(0, 143);
                Invariants.Report report = Invariants.check(app, slack, ledger);
                report.assertHolds();
                assertThat(app.starts()).isEqualTo(kills + 1);
                assertThat(ledger.intakesAnswered).isNotEmpty();
                assertThat(report.decisions()).isPositive();
                cycles.sort(null);
                new Figures("kill -9")
                        .put("kills survived", kills)
                        .put("seed", seed)
                        .put("intakes answered", ledger.intakesAnswered.size())
                        .put("intake requests", ledger.intakeRequests.get())
                        .put("requests cut off by a kill", ledger.noAnswer.get())
                        .put("handoffs", report.handoffs())
                        .put("handoff posts", report.posts())
                        .put("duplicate posts", report.duplicatePosts())
                        .put("decisions", report.decisions())
                        .put("clicks answered", ledger.clicksAnswered.size())
                        .put("timers fired", report.timersFired())
                        .put("thread posts (reminders, escalations, reassignments)", report.threadPosts())
                        .put("duplicate thread posts", report.duplicateThreadPosts())
                        .put("lost", report.lost())
                        .put("kill-to-ready p50 ms", cycles.get(cycles.size() / 2))
                        .put("minutes", String.format("%.1f", (System.nanoTime() - started) / 6e10))
                        .publish();
            }
        }
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
