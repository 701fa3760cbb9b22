package dev.handshake.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handshake.db.BackupCommand;
import dev.handshake.db.Database;
import dev.handshake.testing.FakeSlack;
import dev.handshake.testing.PackagedApp;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar handshake.jar backup <file>}, run as its own process while the packaged app takes intake traffic:
 * the copy passes {@code PRAGMA integrity_check}, holds exactly the rows the command printed, holds every handoff
 * answered before the backup started and only handoffs the live database still has with the same identity, and the
 * app answered every request during the backup.
 */
class BackupIT {

    private static final Duration PROCESS_TIMEOUT = Duration.ofMinutes(5);
    private static final Pattern COUNT_LINE = Pattern.compile("(?m)^  (\\S+) +(\\d+)$");
    private static final Pattern TOOK = Pattern.compile("in (\\d+\\.\\d+) s");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** One request of the traffic: when it was sent and answered, and how (status, or -1 when it failed). */
    private record Sent(String id, long startNanos, long endNanos, int status) {
        boolean overlaps(long from, long to) {
            return startNanos <= to && endNanos >= from;
        }

        long millis() {
            return (endNanos - startNanos) / 1_000_000;
        }

        boolean failed() {
            return status < 0 || status >= 500;
        }
    }

    /** The backup process's run: exit code, what it printed, and the window it ran in. */
    private record BackupRun(int exit, String out, String err, long startNanos, long endNanos) {
        Duration took() {
            return Duration.ofNanos(endNanos - startNanos);
        }
    }

    @TempDir
    Path dir;

    @Test
    void aBackupTakenUnderIntakeTrafficIsConsistentAndCostsTheAppNothing() throws Exception {
        Scale scale = Scale.current();
        int preloaded = scale.pick(20_000, 400_000);
        int backups = scale.pick(1, 3);
        try (FakeSlack slack = FakeSlack.start(); PackagedApp app = PackagedApp.builder(slack).directory(dir).build()) {
            preload(app, preloaded);
            app.start();

            ConcurrentLinkedQueue<Sent> sent = new ConcurrentLinkedQueue<>();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger sequence = new AtomicInteger();
            ExecutorService senders = Executors.newFixedThreadPool(4);
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                running.add(senders.submit(() -> traffic(app, sequence, stop, sent)));
            }
            List<BackupRun> runs = new ArrayList<>();
            List<Map<String, Long>> printed = new ArrayList<>();
            try {
                awaitAnswers(sent, 50);
                for (int i = 0; i < backups; i++) {
                    Path target = app.directory().resolve("backup-" + i + ".db");
                    BackupRun run = backup(app, target);
                    runs.add(run);
                    assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(BackupCommand.COPIED);
                    printed.add(counts(run.out()));
                    awaitAnswers(sent, sent.size() + 20);
                }
            } finally {
                stop.set(true);
                for (Future<?> future : running) {
                    future.get(1, TimeUnit.MINUTES);
                }
                senders.shutdown();
            }
            assertThat(app.isAlive()).isTrue();

            long slowestDuring = 0;
            long requestsDuring = 0;
            long failuresDuring = 0;
            long busyDuring = 0;
            long handoffsCopied = 0;
            long rowsCopied = 0;
            for (int i = 0; i < runs.size(); i++) {
                BackupRun run = runs.get(i);
                Path copy = app.directory().resolve("backup-" + i + ".db");
                Map<String, Long> counts = printed.get(i);
                assertThat(counts).containsKeys("handoffs", "handoff_events", "outbox", "stage_events");
                assertThat(integrityCheck(copy)).isEqualTo("ok");
                assertThat(countsOf(copy)).as("the copy holds exactly what the command printed").isEqualTo(counts);
                assertThat(changedOrMissingInLive(app, copy))
                        .as("handoffs of the copy that the live database lacks or holds differently").isZero();

                Set<String> copied = trafficIds(copy);
                Set<String> answeredBefore = new HashSet<>();
                Set<String> sentBeforeEnd = new HashSet<>();
                for (Sent s : sent) {
                    if (s.status() == 202 && s.endNanos() < run.startNanos()) {
                        answeredBefore.add(s.id());
                    }
                    if (s.startNanos() < run.endNanos()) {
                        sentBeforeEnd.add(s.id());
                    }
                }
                assertThat(copied).as("every handoff answered 202 before the backup started is in the copy")
                        .containsAll(answeredBefore);
                assertThat(sentBeforeEnd).as("the copy holds no handoff sent after the backup ended")
                        .containsAll(copied);
                assertThat(counts.get("handoffs"))
                        .isEqualTo(preloaded + copied.stream().filter(id -> !id.startsWith("event:")).count());

                List<Sent> during = sent.stream().filter(s -> s.overlaps(run.startNanos(), run.endNanos())).toList();
                requestsDuring += during.size();
                failuresDuring += during.stream().filter(Sent::failed).count();
                busyDuring += during.stream().filter(s -> s.status() == 503).count();
                slowestDuring = Math.max(slowestDuring, during.stream().mapToLong(Sent::millis).max().orElse(0));
                handoffsCopied += counts.get("handoffs");
                rowsCopied += counts.values().stream().mapToLong(Long::longValue).sum();
                assertThat(during).as("the app took traffic while backup %d ran", i).isNotEmpty();
            }
            List<Sent> failures = sent.stream().filter(Sent::failed).toList();
            assertThat(failures).as("requests the app failed (5xx, 503 busy included, or no answer)").isEmpty();
            long accepted = sent.stream().filter(s -> s.status() == 202).count();
            assertThat(sent.stream().filter(s -> s.status() != 202)).as("every intake was answered 202").isEmpty();
            assertThat(liveTrafficHandoffs(app)).as("lost = 0: every 202 is in the live database").isEqualTo(accepted);

            new Figures("BackupIT")
                    .put("backups", runs.size())
                    .put("preloaded_handoffs", preloaded)
                    .put("handoffs_copied", handoffsCopied)
                    .put("rows_copied", rowsCopied)
                    .put("copy_bytes", Files.size(app.directory().resolve("backup-0.db")))
                    .put("backup_process_ms", runs.stream().map(r -> r.took().toMillis()).toList())
                    .put("copy_s_reported", runs.stream().map(r -> took(r.out())).toList())
                    .put("requests_total", sent.size())
                    .put("requests_during_backup", requestsDuring)
                    .put("failures_during_backup", failuresDuring)
                    .put("busy_503_during_backup", busyDuring)
                    .put("slowest_answer_during_backup_ms", slowestDuring)
                    .put("slowest_answer_outside_backup_ms", sent.stream()
                            .filter(s -> runs.stream().noneMatch(r -> s.overlaps(r.startNanos(), r.endNanos())))
                            .mapToLong(Sent::millis).max().orElse(0))
                    .put("lost", accepted - liveTrafficHandoffs(app))
                    .publish();
        }
    }

    /** Applies the migrations and writes {@code count} decided handoffs straight into the file, before the start. */
    private static void preload(PackagedApp app, int count) throws SQLException {
        Database.open(app.jdbcUrl());
        long yearAgo = Instant.now().minus(Duration.ofDays(365)).toEpochMilli();
        try (Connection db = DriverManager.getConnection(app.jdbcUrl())) {
            db.setAutoCommit(false);
            try (PreparedStatement handoff = db.prepareStatement("""
                    INSERT INTO handoffs (external_id, body_sha256, stage, lead_name, lead_email, received_at, due_at,
                        status, decided_by, decided_at, decision_business_ms, agreement_version)
                    VALUES (?, ?, 'mql', ?, ?, ?, ?, 'accepted', 'U05SDRAVA01', ?, 3600000, 'preloaded')""");
                    PreparedStatement event = db.prepareStatement(
                            "INSERT INTO handoff_events (handoff_id, kind, actor, at) VALUES (?, ?, ?, ?)")) {
                for (int i = 1; i <= count; i++) {
                    long at = yearAgo + i * 1000L;
                    handoff.setString(1, "preloaded-" + i);
                    handoff.setString(2, Integer.toHexString(i * 31));
                    handoff.setString(3, "Preloaded Lead " + i);
                    handoff.setString(4, "lead" + i + "@example.com");
                    handoff.setLong(5, at);
                    handoff.setLong(6, at + 4 * 3_600_000L);
                    handoff.setLong(7, at + 3_600_000L);
                    handoff.addBatch();
                    event.setLong(1, i);
                    event.setString(2, "received");
                    event.setString(3, "system");
                    event.setLong(4, at);
                    event.addBatch();
                    event.setLong(1, i);
                    event.setString(2, "accepted");
                    event.setString(3, "U05SDRAVA01");
                    event.setLong(4, at + 3_600_000L);
                    event.addBatch();
                    if (i % 5000 == 0 || i == count) {
                        handoff.executeBatch();
                        event.executeBatch();
                    }
                }
            }
            db.commit();
        }
    }

    /** One sender: handoffs (and every third request a stage event) until told to stop. */
    private void traffic(PackagedApp app, AtomicInteger sequence, AtomicBoolean stop, ConcurrentLinkedQueue<Sent> sent) {
        while (!stop.get()) {
            int n = sequence.incrementAndGet();
            boolean stageEvent = n % 3 == 0;
            String id = "bk-" + n;
            String body = stageEvent
                    ? "{\"lead_id\":\"" + id + "@example.com\",\"stage\":\"lead\",\"at\":\"" + Instant.now() + "\"}"
                    : "{\"id\":\"" + id + "\",\"stage\":\"mql\",\"lead\":{\"name\":\"Backup Lead " + n
                            + "\",\"email\":\"" + id + "@example.com\"},\"assignee\":\"U05SDRBEN02\"}";
            HttpRequest request = HttpRequest.newBuilder(app.base().resolve(stageEvent ? "/stage-events" : "/handoffs"))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + PackagedApp.HANDOFF_TOKEN)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            long start = System.nanoTime();
            int status;
            try {
                status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                status = -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            // Stage events answer 200; count them as the 202 of an intake so one rule covers both.
            int recorded = stageEvent && status == 200 ? 202 : status;
            sent.add(new Sent(stageEvent ? "event:" + id : id, start, System.nanoTime(), recorded));
        }
    }

    private static void awaitAnswers(ConcurrentLinkedQueue<Sent> sent, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (sent.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the traffic got only " + sent.size() + " answers");
            }
            Thread.sleep(10);
        }
    }

    /** {@code java -jar handshake.jar backup <target>}, as an operator runs it, with the app's DATABASE_URL only. */
    private static BackupRun backup(PackagedApp app, Path target) throws IOException, InterruptedException {
        Path out = app.directory().resolve(target.getFileName() + ".out");
        Path err = app.directory().resolve(target.getFileName() + ".err");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-jar", PackagedApp.jar().toString(), "backup", target.toString())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("SLACK_") || k.equals("HANDOFF_TOKEN")
                || k.equals("DATABASE_URL") || k.equals("JAVA_TOOL_OPTIONS") || k.equals("JDK_JAVA_OPTIONS"));
        builder.environment().put("DATABASE_URL", app.jdbcUrl());
        long start = System.nanoTime();
        Process process = builder.start();
        if (!process.waitFor(PROCESS_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the backup did not finish within " + PROCESS_TIMEOUT);
        }
        long end = System.nanoTime();
        return new BackupRun(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8), start, end);
    }

    private static Map<String, Long> counts(String output) {
        Map<String, Long> counts = new LinkedHashMap<>();
        Matcher line = COUNT_LINE.matcher(output);
        while (line.find()) {
            counts.put(line.group(1), Long.parseLong(line.group(2)));
        }
        return counts;
    }

    private static String took(String output) {
        Matcher took = TOOK.matcher(output);
        return took.find() ? took.group(1) : "?";
    }

    private static Map<String, Long> countsOf(Path copy) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + copy);
                Statement statement = db.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet names = statement.executeQuery(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")) {
                while (names.next()) {
                    tables.add(names.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet count = statement.executeQuery("SELECT count(*) FROM \"" + table + "\"")) {
                    count.next();
                    counts.put(table, count.getLong(1));
                }
            }
        }
        return counts;
    }

    private static String integrityCheck(Path copy) throws SQLException {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + copy);
                ResultSet check = db.createStatement().executeQuery("PRAGMA integrity_check")) {
            check.next();
            return check.getString(1);
        }
    }

    /** Handoffs of the copy whose id, external id, request hash, stage, name or arrival differ in the live database. */
    private static long changedOrMissingInLive(PackagedApp app, Path copy) throws SQLException {
        try (Connection live = DriverManager.getConnection(app.jdbcUrl());
                Statement statement = live.createStatement()) {
            statement.execute("PRAGMA busy_timeout = 5000");
            statement.execute("ATTACH DATABASE '" + copy.toString().replace("'", "''") + "' AS copy");
            try (ResultSet rows = statement.executeQuery("""
                    SELECT count(*) FROM copy.handoffs c LEFT JOIN main.handoffs l
                      ON l.id = c.id AND l.external_id = c.external_id AND l.body_sha256 = c.body_sha256
                     AND l.stage = c.stage AND l.lead_name = c.lead_name AND l.received_at = c.received_at
                     AND l.agreement_version = c.agreement_version
                    WHERE l.id IS NULL""")) {
                rows.next();
                return rows.getLong(1);
            } finally {
                statement.execute("DETACH DATABASE copy");
            }
        }
    }

    /** External ids of the traffic's handoffs and lead ids of its stage events (as {@code event:} ids) in a copy. */
    private static Set<String> trafficIds(Path copy) throws SQLException {
        Set<String> ids = new HashSet<>();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + copy);
                Statement statement = db.createStatement()) {
            try (ResultSet rows = statement.executeQuery(
                    "SELECT external_id FROM handoffs WHERE external_id LIKE 'bk-%'")) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
            try (ResultSet rows = statement.executeQuery("SELECT 'event:' || substr(lead_id, 1, instr(lead_id, '@') - 1)"
                    + " FROM stage_events WHERE lead_id LIKE 'bk-%' AND stage = 'lead'")) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
        }
        return ids;
    }

    private static long liveTrafficHandoffs(PackagedApp app) throws SQLException {
        try (Connection db = DriverManager.getConnection(app.jdbcUrl());
                Statement statement = db.createStatement()) {
            statement.execute("PRAGMA busy_timeout = 5000");
            long handoffs;
            try (ResultSet rows = statement.executeQuery(
                    "SELECT count(*) FROM handoffs WHERE external_id LIKE 'bk-%'")) {
                rows.next();
                handoffs = rows.getLong(1);
            }
            try (ResultSet rows = statement.executeQuery(
                    "SELECT count(*) FROM stage_events WHERE lead_id LIKE 'bk-%' AND stage = 'lead'")) {
                rows.next();
                return handoffs + rows.getLong(1);
            }
        }
    }
}
