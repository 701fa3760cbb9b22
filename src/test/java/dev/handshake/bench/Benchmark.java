package dev.handshake.bench;

import dev.handshake.agreement.AgreementLoader;
import dev.handshake.db.CopyToPostgres;
import dev.handshake.db.DatabaseAccess;
import dev.handshake.stats.StatsBench;
import dev.handshake.testing.AppProcess;
import dev.handshake.testing.FakeSlack;
import dev.handshake.testing.HubSpotStandIn;
import dev.handshake.testing.WebhookReceiver;
import dev.handshake.testing.PostgresServer;
import dev.handshake.testing.SlackSigner;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * Starts the packaged app ({@code target/handshake.jar}) as its own process against a fake Slack and a fresh
 * database, loads it over loopback, and prints one table of figures against their targets. See bench/README.md.
 *
 * <p>Settings (system properties): {@code bench.seconds} (the /sla run, default 20), {@code bench.intakeSeconds}
 * and {@code bench.clickSeconds} (default 10), {@code bench.warmUpSeconds} (before each write run, default 20),
 * {@code bench.connections} (16), {@code bench.slackLatencyMs} (500), {@code bench.jfr} (true to record the app with
 * Java Flight Recorder; the recording is kept and named), {@code bench.database} ({@code sqlite} or
 * {@code postgresql}), {@code bench.replicas} (how many app processes share a PostgreSQL database and the intake and
 * click load; with more than one, they are measured in turns with one replica and with as many processes sharing
 * nothing), {@code bench.poolSize} (each app process's pool on PostgreSQL) and {@code bench.pgStatements} (the
 * PostgreSQL statements that took the most time).
 */
public final class Benchmark {

    static final String HEAP = "-Xmx256m";
    private static final String BOT_TOKEN = "xoxb-bench-0000000000-0000000000000-benchbenchbenchbench";
    private static final String SIGNING_SECRET = "bench-signing-secret-8f2b61c0d3e4";
    private static final String HANDOFF_TOKEN = "bench-handoff-token-5a9c0e7f1b2d4c6e";
    private static final Duration WARM_UP_SLA = Duration.ofSeconds(5);
    /** The /sla run is split into this many turns for each of the app and the reference. */
    private static final int SLA_SLICES = 4;
    private static final String FORM = "application/x-www-form-urlencoded";

    private final Path jar;
    private final Path testClasses;
    private final Path agreement;
    private final Path work;
    /** The JDBC URL of each app process's database. */
    private final Map<AppProcess, String> databases = new java.util.concurrent.ConcurrentHashMap<>();
    private final int connections = Integer.getInteger("bench.connections", 16);
    private final Duration slaRun = Duration.ofSeconds(Integer.getInteger("bench.seconds", 20));
    private final Duration intakeRun = Duration.ofSeconds(Integer.getInteger("bench.intakeSeconds", 10));
    private final Duration clickRun = Duration.ofSeconds(Integer.getInteger("bench.clickSeconds", 10));
    private final boolean pgStatements = Boolean.getBoolean("bench.pgStatements");
    /** Server settings beyond the defaults, as {@code name=value,name=value}: to measure a tuning before keeping it. */
    private final String pgSettings = System.getProperty("bench.pgSettings", "");
    // Long enough for the JIT to have compiled the write paths, the app's and the reference's alike: after a 5 s
    // warm-up a profile of the measured click run still showed a third of the app's CPU in the compiler threads, and
    // the reference Bolt app answered 1,066 clicks/s at 1.8 ms CPU each against 2,942/s at 0.63 ms after 25 s.
    private final Duration warmUpWrites = Duration.ofSeconds(Integer.getInteger("bench.warmUpSeconds", 20));
    // The warm-up goes on past that, a slice at a time, while the servers' JIT compiler threads still take more than
    // STEADY_JIT_SHARE of their CPU: on PostgreSQL the app gets half the cores during its warm-up, and three replicas
    // each compile their own code with a third of the requests, so 20 s left a quarter of their CPU to the compiler.
    // Intake on PostgreSQL needed 85 s on the shared machine (60 s left the compiler a fifth of the app's CPU).
    private final Duration warmUpMax = Duration.ofSeconds(Integer.getInteger("bench.warmUpMaxSeconds", 120));
    private static final Duration WARM_UP_SLICE = Duration.ofSeconds(5);
    private static final double STEADY_JIT_SHARE = 0.05;
    /** How long the last warm-up took, and the compiler's share of the servers' CPU in its last slice. */
    private Duration lastWarmUp = Duration.ZERO;
    private double lastWarmUpJitShare;
    private final Duration slackLatency = Duration.ofMillis(Integer.getInteger("bench.slackLatencyMs", 500));
    private final boolean jfr = Boolean.getBoolean("bench.jfr");
    private final String jfrSettings = System.getProperty("bench.jfrSettings", "profile");
    private final Set<String> only = Set.of(System.getProperty("bench.only",
                    "startup,sla,intake,clicks,crm,stats,speed")
            .split(","));
    private final boolean onPostgres = "postgresql".equals(System.getProperty("bench.database", "sqlite"));
    private final int replicas = Integer.getInteger("bench.replicas", 1);
    // Replicas share the database's connections as they share its cores: the app's default pool of 10 for one, and
    // no more in all for several (three pools of 10 put 30 backends on PostgreSQL's two cores; measured in turns with
    // one replica, three pools of 4 cost the server 0.73 ms CPU a handoff against one's 0.63, three of 3 the same).
    private final int poolSize = Integer.getInteger("bench.poolSize",
            replicas == 1 ? ONE_REPLICA_POOL : Math.max(2, ONE_REPLICA_POOL / replicas));
    /** The pool of one replica: the app's default. */
    private static final int ONE_REPLICA_POOL = 10;
    /** With several replicas, how many turns each side (they, one replica, processes apart) takes in a run. */
    private static final int TURNS = 4;
    /** Several replicas are not slower than one when they measure at least this share of its throughput. */
    private static final double NOT_SLOWER = 0.95;
    /** The PostgreSQL server of a run on PostgreSQL, durable as in production (fsync and synchronous commits on). */
    private PostgresServer postgres;
    /** The database the intake and click load runs against (the third start-up's). */
    private String servingUrl;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final SlackSigner signer = new SlackSigner(SIGNING_SECRET);
    private final Report report = new Report();
    private static final AtomicLong TRIGGERS = new AtomicLong();

    private Benchmark(Path jar, Path testClasses, Path agreement, Path work) {
        this.jar = jar;
        this.testClasses = testClasses;
        this.agreement = agreement;
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of("target", "handshake.jar").toAbsolutePath();
        Path testClasses = Path.of("target", "test-classes").toAbsolutePath();
        if (!Files.isRegularFile(jar) || !Files.isDirectory(testClasses)) {
            System.err.println("Build first: mvn -q -DskipTests package (needs " + jar + " and " + testClasses + ")");
            return;
        }
        String database = System.getProperty("bench.database", "sqlite");
        int replicas = Integer.getInteger("bench.replicas", 1);
        if (!database.equals("sqlite") && !database.equals("postgresql")) {
            System.err.println("bench.database must be sqlite or postgresql, was " + database);
            return;
        }
        if (replicas < 1 || replicas > 1 && !database.equals("postgresql")) {
            System.err.println("bench.replicas must be 1, or more with -Dbench.database=postgresql (replicas share a"
                    + " PostgreSQL database; a SQLite file belongs to one process), was " + replicas);
            return;
        }
        Path work = Files.createTempDirectory("handshake-bench-");
        Benchmark bench = new Benchmark(jar, testClasses, Path.of("sla.yml").toAbsolutePath(), work);
        long started = System.nanoTime();
        try {
            bench.runAll();
        } finally {
            if (!bench.jfr) {
                deleteTree(work);
            }
        }
        bench.report.note(String.format("whole benchmark took %.0f s", (System.nanoTime() - started) / 1e9));
        bench.report.print(System.out);
    }

    private void runAll() throws Exception {
        report.note("load average before the run (1, 5, 15 min): " + loadAverage());
        report.note(String.format("%s, %d cores seen by the JVM, java %s, app started with %s",
                ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), HEAP));
        double fsyncs = DiskSync.fsyncsPerSecond(work, Duration.ofSeconds(2));
        report.note(String.format("this disk: %.0f fsyncs/s (4 KiB append + force, one writer, in %s)",
                fsyncs, work.getParent()));
        if (onPostgres) {
            Map<String, String> settings = new java.util.LinkedHashMap<>(
                    Map.of("fsync", "on", "synchronous_commit", "on"));
            if (pgStatements) {
                settings.put("shared_preload_libraries", "pg_stat_statements");
                settings.put("pg_stat_statements.track", "all");
            }
            for (String setting : pgSettings.split(",")) {
                if (!setting.isBlank()) {
                    String[] pair = setting.split("=", 2);
                    settings.put(pair[0].strip(), pair.length == 2 ? pair[1].strip() : "");
                }
            }
            postgres = PostgresServer.start(settings);
            report.note("database: PostgreSQL 17.6 (embedded binaries, a process of its own on this machine; fsync on,"
                    + " synchronous_commit on, other settings PostgreSQL's defaults"
                    + (pgSettings.isBlank() ? "" : " but " + pgSettings) + "; ANALYZE after each warm-up); "
                    + replicas + " replica" + (replicas == 1 ? "" : "s")
                    + " of the app under the intake and click load, each with a pool of " + poolSize + " connections"
                    + (replicas > 1 ? "; beside them one replica with a pool of " + ONE_REPLICA_POOL + " on a database"
                    + " of its own, and " + replicas + " processes sharing nothing (each on a database of its own with"
                    + " a pool of " + poolSize + "), all measured in turns" : ""));
        } else {
            report.note("database: SQLite (a file per app, WAL, synchronous=FULL)");
        }
        try (FakeSlack slack = FakeSlack.start()) {
            AppProcess app = startUp(slack);
            List<AppProcess> serving = new ArrayList<>(List.of(app));
            List<AppProcess> started = new ArrayList<>(serving);
            try {
                for (int i = 2; i <= replicas; i++) {
                    AppProcess replica = startApp(slack, "replica-" + i, servingUrl, false);
                    serving.add(replica);
                    started.add(replica);
                    replica.awaitReady(http, "/health", false);
                }
                boolean writes = only.contains("intake") || only.contains("clicks");
                // Several replicas are measured in turns with one replica on a database of its own, so that what
                // else the machine runs weighs on both alike (their figures from separate runs varied by a third),
                // and with as many processes sharing nothing, which tells what sharing a database costs them from
                // what several JVMs cost on the same cores.
                AppProcess one = null;
                List<AppProcess> apart = new ArrayList<>();
                if (replicas > 1 && writes) {
                    one = startApp(slack, "one-replica", newDatabase("one-replica"), false, agreement,
                            Map.of("DATABASE_POOL_SIZE", Integer.toString(ONE_REPLICA_POOL)));
                    started.add(one);
                    one.awaitReady(http, "/health", false);
                    for (int i = 1; i <= replicas; i++) {
                        AppProcess alone = startApp(slack, "apart-" + i, newDatabase("apart-" + i), false);
                        started.add(alone);
                        apart.add(alone);
                        alone.awaitReady(http, "/health", false);
                    }
                }
                if (only.contains("sla")) {
                    slaFigures(slack, app);
                }
                slack.setLatency(slackLatency);
                if (writes) {
                    intake(serving, one, apart);
                }
                if (only.contains("clicks")) {
                    clicks(serving, one, apart);
                }
            } finally {
                started.forEach(AppProcess::close);
            }
            if (only.contains("crm")) {
                crmClicks(slack);
            }
            if (only.contains("intake") || only.contains("clicks")) {
                referenceWrites(slack);
            }
            if (only.contains("stats")) {
                statsAtScale(slack);
            }
            if (only.contains("speed")) {
                new SpeedToLead(work, http, HANDOFF_TOKEN, report,
                        (database, sla) -> startApp(slack, "speed", "jdbc:sqlite:" + database, false, sla,
                                Map.of())).run(slack);
            }
        }
        if (postgres != null) {
            if (pgStatements) {
                statementsNote();
            }
            postgres.close();
        }
        report.note("load average after the run (1, 5, 15 min): " + loadAverage()
                + " (other processes on this machine compete for its cores)");
    }

    /** A new, empty database for one app process: a SQLite file in the work folder, or a PostgreSQL database. */
    private String newDatabase(String name) {
        return onPostgres ? postgres.newEmptyDatabase() : "jdbc:sqlite:" + work.resolve(name + ".db");
    }

    /** How the write figures are labelled: the database, and the replicas when there are several. */
    private String where() {
        return onPostgres ? " (PostgreSQL" + (replicas > 1 ? ", " + replicas + " replicas)" : ")") : "";
    }

    private void slaFigures(FakeSlack slack, AppProcess app) throws Exception {
        LoadResultPair sla = slaCommands(slack, app);
        report.add("/sla mql: throughput", rate(sla.app().perSecond(), "req/s"),
                String.format(">= 90%% of reference (%.0f req/s)", 0.9 * sla.reference().perSecond()),
                sla.app().perSecond() >= 0.9 * sla.reference().perSecond());
        report.add("/sla mql: reference Bolt app", rate(sla.reference().perSecond(), "req/s")
                + String.format(" (p50 %.1f ms, p99 %.1f ms)", sla.reference().p50Millis(),
                sla.reference().p99Millis()), "(yardstick)", null);
        report.add("/sla mql: p50", millis(sla.app().p50Millis()), "", null);
        report.add("/sla mql: p99", millis(sla.app().p99Millis()), "<= 25 ms", sla.app().p99Millis() <= 25);
        errors("/sla mql", sla.app());
    }

    // ---- 5. start-up

    private AppProcess startUp(FakeSlack slack) throws Exception {
        List<Duration> times = new ArrayList<>();
        AppProcess kept = null;
        for (int i = 1; i <= 3; i++) {
            String database = newDatabase("startup-" + i);
            if (i == 3) {
                servingUrl = database;
            }
            AppProcess app = startApp(slack, "startup-" + i, database, i == 3);
            try {
                times.add(app.awaitReady(http, "/health", false));
            } catch (RuntimeException | IOException e) {
                app.close();
                throw e;
            }
            if (i < 3) {
                app.close();
            } else {
                kept = app;
            }
        }
        List<Duration> sorted = times.stream().sorted().toList();
        Duration median = sorted.get(1);
        report.add("start-up to first 200 on /health (fresh db" + (onPostgres ? " on PostgreSQL" : "") + ")",
                millis(median.toNanos() / 1e6) + " (median of 3)",
                "<= 3 s", median.compareTo(Duration.ofSeconds(3)) <= 0);
        report.note("start-up runs: " + times.stream().map(d -> d.toMillis() + " ms").toList()
                + ", each a new process on a new database file; the third serves the load below");
        return kept;
    }

    private AppProcess startApp(FakeSlack slack, String name, String databaseUrl, boolean record) throws IOException {
        return startApp(slack, name, databaseUrl, record, agreement, Map.of());
    }

    private AppProcess startApp(FakeSlack slack, String name, String databaseUrl, boolean record, Path agreementFile,
            Map<String, String> extraEnv) throws IOException {
        List<String> jvm = new ArrayList<>(List.of(HEAP));
        String extra = System.getProperty("bench.appJvm", "").trim();
        if (!extra.isEmpty()) {
            jvm.addAll(List.of(extra.split("\\s+")));
        }
        if (jfr && record) {
            Path recording = work.resolve("app.jfr");
            jvm.add("-XX:FlightRecorderOptions=stackdepth=256");
            jvm.add("-XX:StartFlightRecording=filename=" + recording + ",settings=" + jfrSettings + ",dumponexit=true");
            report.note("JFR recording of the app: " + recording);
        }
        Map<String, String> env = new HashMap<>(Map.of(
                "SLACK_BOT_TOKEN", BOT_TOKEN,
                "SLACK_SIGNING_SECRET", SIGNING_SECRET,
                "HANDOFF_TOKEN", HANDOFF_TOKEN,
                "SLACK_API_URL", slack.apiUrl(),
                "DATABASE_URL", databaseUrl,
                "AGREEMENT_FILE", agreementFile.toString()));
        if (onPostgres) {
            env.put("DATABASE_POOL_SIZE", Integer.toString(poolSize));
        }
        env.putAll(extraEnv);
        AppProcess started = AppProcess.start(jvm, List.of("-jar", jar.toString()), env,
                work.resolve(name + ".log"));
        databases.put(started, databaseUrl);
        return started;
    }

    // ---- 2b. Accept clicks with the CRM told: a webhook endpoint answering in 200 ms and the HubSpot writer

    private void crmClicks(FakeSlack slack) throws Exception {
        int contacts = 60_000;
        try (WebhookReceiver receiver = WebhookReceiver.start(); HubSpotStandIn hubspot = HubSpotStandIn.start()) {
            receiver.answer(delivery -> WebhookReceiver.Answer.slow(Duration.ofMillis(200)));
            for (int vid = 1; vid <= contacts; vid++) {
                hubspot.addContact(Integer.toString(vid), Map.of("hs_lead_status", "NEW"));
            }
            Path crmAgreement = work.resolve("crm-sla.yml");
            Files.writeString(crmAgreement, Files.readString(agreement) + """

                    webhooks:
                      - name: revops
                        url: %s
                        events: all
                        secret_env: REVOPS_WEBHOOK_SECRET
                    hubspot:
                      on:
                        accepted:
                          properties: {hs_lead_status: IN_PROGRESS, lifecyclestage: salesqualifiedlead}
                          owner: actor
                    """.formatted(receiver.url()));
            AppProcess app = startApp(slack, "crm", newDatabase("crm"), false, crmAgreement, Map.of(
                    "REVOPS_WEBHOOK_SECRET", WebhookReceiver.SECRET,
                    "HUBSPOT_TOKEN", HubSpotStandIn.TOKEN,
                    "HUBSPOT_API_URL", hubspot.apiUrl().toString()));
            try {
                app.awaitReady(http, "/health", false);
                HttpConnection.Head source = new HttpConnection.Head("POST", "/handoffs/hubspot", Map.of(
                        "Authorization", "Bearer " + HANDOFF_TOKEN, "Content-Type", "application/json"));
                AtomicInteger vids = new AtomicInteger();
                Load.Requests seeds = worker -> {
                    int vid = vids.incrementAndGet();
                    return vid > contacts ? null : new HttpConnection.Request(source, Map.of(), """
                            {"vid":%d,"portal-id":21873645,"properties":{"firstname":{"value":"Dana"},                            "lastname":{"value":"Whitfield"},"email":{"value":"dana@northwind.example"},                            "lifecyclestage":{"value":"marketingqualifiedlead"}}}""".formatted(vid)
                            .getBytes(StandardCharsets.UTF_8));
                };
                // Enough pending handoffs for the warm-up and the measured run at well over the target rate.
                Duration seeding = Duration.ofSeconds(Math.max(20, warmUpWrites.plus(clickRun).toSeconds() * 3 / 2));
                Load.LoadResult seeded = new Load(app.base(), connections).run(seeding, seeds, 202);
                errors("CRM run's HubSpot intake (seeding)", seeded);
                int webhooksBefore = receiver.deliveries().size();
                int patchesBefore = hubspot.requests().size();
                clicks(List.of(app), "Accept clicks + webhook (200 ms) + HubSpot writer" + where());
                report.note(String.format("Accept clicks + CRM: %d handoffs seeded through POST /handoffs/hubspot; "
                        + "during the clicks the receiver got %d webhooks (8 at a time, 200 ms each) and HubSpot "
                        + "%d calls (paced, ~10/s); the rest stays owed in the outbox and is sent after",
                        seeded.ok(), receiver.deliveries().size() - webhooksBefore,
                        hubspot.requests().size() - patchesBefore));
            } finally {
                app.close();
            }
        }
    }

    // ---- 1. /sla mql against the app and the reference

    private record LoadResultPair(Load.LoadResult app, Load.LoadResult reference) {}

    private LoadResultPair slaCommands(FakeSlack slack, AppProcess app) throws Exception {
        Path card = work.resolve("sla-mql-answer.json");
        URI events = app.base().resolve("/slack/events");
        HttpResponse<String> answer = http.send(signed(events, slaCommandBody(slack), FORM),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200 || !answer.body().contains("\"blocks\"")) {
            throw new IllegalStateException("/sla mql answered " + answer.statusCode() + ": " + answer.body());
        }
        Files.writeString(card, answer.body());
        report.note(String.format("/sla mql: the app's answer is %,d bytes of JSON; the reference answers the same card,"
                + " built once at its start", answer.body().getBytes(StandardCharsets.UTF_8).length));
        try (AppProcess reference = reference(slack)) {
            HttpConnection.Head head = new HttpConnection.Head("POST", "/slack/events", Map.of("Content-Type", FORM));
            Load.Requests requests = worker -> signed(head, slaCommandBody(slack));
            Load toApp = new Load(app.base(), connections);
            Load toReference = new Load(reference.base(), connections);
            toApp.run(WARM_UP_SLA, requests, 200);
            toReference.run(WARM_UP_SLA, requests, 200);
            // Side by side: the two take turns in short slices, so a change in what else runs on the machine
            // weighs on both alike rather than on whichever ran second.
            Duration slice = slaRun.dividedBy(SLA_SLICES);
            List<Load.LoadResult> ofApp = new ArrayList<>();
            List<Load.LoadResult> ofReference = new ArrayList<>();
            Duration appCpu = Duration.ZERO;
            Duration referenceCpu = Duration.ZERO;
            Duration selfAppCpu = Duration.ZERO;
            Duration selfReferenceCpu = Duration.ZERO;
            for (int i = 0; i < SLA_SLICES; i++) {
                Duration serverBefore = app.cpuTime();
                Duration selfBefore = selfCpu();
                ofApp.add(toApp.run(slice, requests, 200));
                appCpu = appCpu.plus(app.cpuTime().minus(serverBefore));
                selfAppCpu = selfAppCpu.plus(selfCpu().minus(selfBefore));
                serverBefore = reference.cpuTime();
                selfBefore = selfCpu();
                ofReference.add(toReference.run(slice, requests, 200));
                referenceCpu = referenceCpu.plus(reference.cpuTime().minus(serverBefore));
                selfReferenceCpu = selfReferenceCpu.plus(selfCpu().minus(selfBefore));
            }
            Load.LoadResult appResult = Load.LoadResult.combined(ofApp);
            Load.LoadResult referenceResult = Load.LoadResult.combined(ofReference);
            if (referenceResult.ok() == 0) {
                throw new IllegalStateException("the reference app answered nothing with 200:\n" + reference.tail());
            }
            cpuNote("/sla mql (app)", appResult, appCpu, selfAppCpu);
            cpuNote("/sla mql (reference)", referenceResult, referenceCpu, selfReferenceCpu);
            report.note(String.format("/sla mql: app and reference measured in %d alternating slices of %.0f s each"
                    + " (after a %d s warm-up each)", SLA_SLICES, slice.toMillis() / 1000.0, WARM_UP_SLA.toSeconds()));
            return new LoadResultPair(appResult, referenceResult);
        }
    }

    /** The reference app (see {@link ReferenceApp}), started and ready; answers the app's saved card if there is one. */
    private AppProcess reference(FakeSlack slack) throws Exception {
        Path card = work.resolve("sla-mql-answer.json");
        Map<String, String> env = new java.util.HashMap<>(Map.of("SLACK_BOT_TOKEN", BOT_TOKEN,
                "SLACK_SIGNING_SECRET", SIGNING_SECRET, "SLACK_API_URL", slack.apiUrl()));
        if (Files.exists(card)) {
            env.put("CARD_FILE", card.toString());
        }
        AppProcess reference = AppProcess.start(List.of(HEAP),
                List.of("-cp", jar + java.io.File.pathSeparator + testClasses, ReferenceApp.class.getName()), env,
                work.resolve("reference.log"));
        try {
            reference.awaitReady(http, "/slack/events", true);
        } catch (RuntimeException | IOException e) {
            reference.close();
            throw e;
        }
        return reference;
    }

    /**
     * The same intake and click load against the reference app, which reads each request and answers it without
     * checking, storing or sending anything: the most this stack can do on this machine for those requests.
     */
    private void referenceWrites(FakeSlack slack) throws Exception {
        try (AppProcess reference = reference(slack)) {
            referenceRun(reference, "POST /handoffs", "POST /handoffs: reference (constant 202)", intakeRequests(),
                    202, intakeRun);
            if (only.contains("clicks")) {
                AtomicLong id = new AtomicLong();
                HttpConnection.Head events = new HttpConnection.Head("POST", "/slack/events",
                        Map.of("Content-Type", FORM));
                referenceRun(reference, "Accept clicks", "Accept clicks: reference Bolt app (ack only)",
                        worker -> signed(events, clickPrefix + id.incrementAndGet() + clickSuffix), 200, clickRun);
            }
        }
    }

    /** The statements the PostgreSQL server spent most time on during the whole run (pg_stat_statements). */
    private void statementsNote() {
        try (Connection db = DriverManager.getConnection(postgres.url("postgres"));
                Statement statement = db.createStatement()) {
            statement.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            try (ResultSet rs = statement.executeQuery("""
                    SELECT calls, total_exec_time, total_plan_time, rows, regexp_replace(query, '\\s+', ' ', 'g'),
                        (SELECT datname FROM pg_database WHERE oid = dbid)
                    FROM pg_stat_statements ORDER BY total_exec_time + total_plan_time DESC LIMIT 40""")) {
                while (rs.next()) {
                    report.note(String.format("PostgreSQL statement (database %s): %,d calls, %.0f ms executing (%.3f ms"
                                    + " each), %.0f ms planning, %,d rows: %s", rs.getString(6), rs.getLong(1),
                            rs.getDouble(2),
                            rs.getDouble(2) / Math.max(1, rs.getLong(1)), rs.getDouble(3), rs.getLong(4),
                            rs.getString(5).substring(0, Math.min(160, rs.getString(5).length()))));
                }
            }
        } catch (SQLException e) {
            report.note("pg_stat_statements: " + e.getMessage());
        }
    }

    /**
     * Warms the servers up for {@code bench.warmUpSeconds}, then {@link #WARM_UP_SLICE} at a time while their JIT
     * compiler threads used more than {@link #STEADY_JIT_SHARE} of their CPU in the last slice, up to
     * {@code bench.warmUpMaxSeconds} or until {@code enoughLeft} says the requests left are needed for the measured
     * run. Returns the warm-up's answers, taken together.
     */
    private Load.LoadResult warmUp(List<AppProcess> servers, Load load, Load.Requests requests, int okStatus,
            BooleanSupplier enoughLeft) throws InterruptedException {
        Warmed warmed = warmUpInTurns(List.of(new Warming(servers, load, requests, enoughLeft)), okStatus).get(0);
        lastWarmUp = warmed.how().took();
        lastWarmUpJitShare = warmed.how().jitShare();
        return warmed.answers();
    }

    /** A side to warm up: its servers, the load on them and its requests; {@code enoughLeft} as for warmUp. */
    private record Warming(List<AppProcess> servers, Load load, Load.Requests requests, BooleanSupplier enoughLeft) {}

    /** A side's warm-up: its answers taken together, and how it ended. */
    private record Warmed(Load.LoadResult answers, WarmedUp how) {}

    /**
     * As {@link #warmUp} for sides to be measured in turns ({@link #inTurns}): each side alone for
     * {@code bench.warmUpSeconds}, then slices in turns, every side one slice a round, while any side's compiler
     * threads still used more than {@link #STEADY_JIT_SHARE} of its CPU in its last slice. A side loaded in turns
     * idles while the others run, and its first turns after a warm-up of its own recompiled much of its code (its
     * compiler took 12 % of three replicas' CPU in the measured turns, after 3 % in their warm-up's last slice), so
     * they warm up in the same rhythm they are measured in.
     */
    private List<Warmed> warmUpInTurns(List<Warming> sides, int okStatus) throws InterruptedException {
        int n = sides.size();
        List<List<Load.LoadResult>> runs = new ArrayList<>();
        Duration[] warmed = new Duration[n];
        double[] share = new double[n];
        for (int i = 0; i < n; i++) {
            runs.add(new ArrayList<>());
            warmed[i] = warmUpWrites;
            share[i] = warmSlice(sides.get(i), runs.get(i), warmUpWrites, okStatus);
        }
        while (stillCompiling(share) && canGoOn(sides, runs, warmed)) {
            for (int i = 0; i < n; i++) {
                warmed[i] = warmed[i].plus(WARM_UP_SLICE);
                share[i] = warmSlice(sides.get(i), runs.get(i), WARM_UP_SLICE, okStatus);
            }
        }
        List<Warmed> result = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            databasesOf(sides.get(i).servers()).forEach(this::analyze);
            result.add(new Warmed(Load.LoadResult.combined(runs.get(i)), new WarmedUp(warmed[i], share[i])));
        }
        return result;
    }

    /** Runs one slice of a side's warm-up; returns its compiler threads' share of its CPU meanwhile. */
    private double warmSlice(Warming side, List<Load.LoadResult> runs, Duration length, int okStatus)
            throws InterruptedException {
        Duration cpuBefore = cpuOf(side.servers());
        Duration compilingBefore = compilingOf(side.servers());
        runs.add(side.load().run(length, side.requests(), okStatus));
        return share(compilingOf(side.servers()).minus(compilingBefore), cpuOf(side.servers()).minus(cpuBefore));
    }

    private static boolean stillCompiling(double[] shares) {
        return Arrays.stream(shares).anyMatch(share -> share > STEADY_JIT_SHARE);
    }

    /** Whether every side may take another slice: under the cap, with requests to spare. */
    private boolean canGoOn(List<Warming> sides, List<List<Load.LoadResult>> runs, Duration[] warmed) {
        for (int i = 0; i < sides.size(); i++) {
            if (warmed[i].compareTo(warmUpMax) >= 0 || !sides.get(i).enoughLeft().getAsBoolean()
                    || runs.get(i).get(runs.get(i).size() - 1).exhausted()) {
                return false;
            }
        }
        return true;
    }

    /**
     * On PostgreSQL, refreshes the planner's statistics of the app's database after a warm-up, as autovacuum keeps
     * them in a database in service: the benchmark fills its tables from empty in seconds, before autovacuum's first
     * visit (once a minute), and without statistics the server planned a timer's cancellation as a scan of every
     * pending timer (4.7 ms with 155,000 of them; 0.1 ms on average once analyzed).
     */
    private void analyze(String url) {
        if (!onPostgres) {
            return;
        }
        try (Connection db = DriverManager.getConnection(url); Statement statement = db.createStatement()) {
            statement.execute("ANALYZE");
        } catch (SQLException e) {
            report.note("ANALYZE after the warm-up failed: " + e.getMessage());
        }
    }

    private static double share(Duration part, Duration whole) {
        return (double) part.toNanos() / Math.max(1, whole.toNanos());
    }

    /** One warmed-up, measured run against the reference, reported as a yardstick row. */
    private void referenceRun(AppProcess reference, String what, String row, Load.Requests requests, int okStatus,
            Duration length) throws InterruptedException {
        Load load = new Load(reference.base(), connections);
        warmUp(List.of(reference), load, requests, okStatus, () -> true);
        Load.LoadResult run = measured(reference, what + " (reference)", () -> load.run(length, requests, okStatus));
        report.add(row, rate(run.perSecond(), "req/s")
                + String.format(" (p50 %.1f ms, p99 %.1f ms)", run.p50Millis(), run.p99Millis()), "(yardstick)", null);
        errors(what + " (reference)", run);
    }

    /** A measured run, with how much CPU the server and this process (load and fake Slack) used per request. */
    private Load.LoadResult measured(AppProcess server, String what, Run run) throws InterruptedException {
        return measured(List.of(server), what, run);
    }

    /** The same for several server processes (replicas), their CPU added up. */
    private Load.LoadResult measured(List<AppProcess> servers, String what, Run run) throws InterruptedException {
        Duration serverBefore = cpuOf(servers);
        Duration compilingBefore = compilingOf(servers);
        Duration selfBefore = selfCpu();
        Duration databaseBefore = postgres == null ? Duration.ZERO : postgres.cpuTime();
        Load.LoadResult result = run.run();
        Duration serverCpu = cpuOf(servers).minus(serverBefore);
        cpuNote(what, result, serverCpu, selfCpu().minus(selfBefore));
        report.note(String.format("%s: the server's JIT compiler threads used %.0f%% of its CPU during the run (after"
                + " a %d s warm-up, whose last %d s they used %.0f%% of)", what,
                100 * share(compilingOf(servers).minus(compilingBefore), serverCpu), lastWarmUp.toSeconds(),
                (lastWarmUp.equals(warmUpWrites) ? warmUpWrites : WARM_UP_SLICE).toSeconds(),
                100 * lastWarmUpJitShare));
        if (postgres != null && !what.endsWith("(reference)")) {
            databaseNote(what, result, postgres.cpuTime().minus(databaseBefore));
        }
        return result;
    }

    private void databaseNote(String what, Load.LoadResult result, Duration databaseCpu) {
        double databaseMs = databaseCpu.toNanos() / 1e6;
        long requests = result.ok() + result.otherStatus();
        report.note(String.format("%s: the PostgreSQL server used %.2f ms CPU per request (%.0f%% of %d cores)",
                what, databaseMs / Math.max(1, requests),
                100 * databaseMs / (result.seconds() * 1000 * Runtime.getRuntime().availableProcessors()),
                Runtime.getRuntime().availableProcessors()));
    }

    private static Duration compilingOf(List<AppProcess> servers) {
        return servers.stream().map(AppProcess::compilerCpuTime).reduce(Duration.ZERO, Duration::plus);
    }

    private static Duration cpuOf(List<AppProcess> servers) {
        return servers.stream().map(AppProcess::cpuTime).reduce(Duration.ZERO, Duration::plus);
    }

    private void cpuNote(String what, Load.LoadResult result, Duration serverCpu, Duration selfCpu) {
        double serverMs = serverCpu.toNanos() / 1e6;
        double self = selfCpu.toNanos() / 1e6;
        long requests = result.ok() + result.otherStatus();
        double cores = Runtime.getRuntime().availableProcessors();
        report.note(String.format("%s: %,d requests in %.1f s; the server used %.2f ms CPU per request (%.0f%% of %d"
                        + " cores), the load generator and fake Slack %.2f ms (%.0f%%)", what, requests,
                result.seconds(), serverMs / Math.max(1, requests), 100 * serverMs / (result.seconds() * 1000 * cores),
                (int) cores, self / Math.max(1, requests), 100 * self / (result.seconds() * 1000 * cores)));
    }

    @FunctionalInterface
    private interface Run {
        Load.LoadResult run() throws InterruptedException;
    }

    private static Duration selfCpu() {
        return ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    private static String slaCommandBody(FakeSlack slack) {
        return slaCommandBody(slack, "mql");
    }

    private static String slaCommandBody(FakeSlack slack, String text) {
        return form(Map.ofEntries(
                Map.entry("token", "bench-verification-token"),
                Map.entry("team_id", FakeSlack.TEAM_ID),
                Map.entry("team_domain", FakeSlack.TEAM_DOMAIN),
                Map.entry("channel_id", "C0CHAN0001"),
                Map.entry("channel_name", "channel-c0chan0001"),
                Map.entry("user_id", "U0USER0001"),
                Map.entry("user_name", "user.u0user0001"),
                Map.entry("command", "/sla"),
                Map.entry("text", text),
                Map.entry("api_app_id", FakeSlack.APP_ID),
                Map.entry("is_enterprise_install", "false"),
                Map.entry("response_url", slack.responseUrl("bench-commands")),
                // Unique, as Slack's are: the app refuses a byte-for-byte repeat of a signed request as a replay.
                Map.entry("trigger_id", "1764300000.123456789." + Long.toHexString(TRIGGERS.incrementAndGet()))));
    }

    // ---- 4. /sla stats on 1,000,000 handoffs

    private void statsAtScale(FakeSlack slack) throws Exception {
        Path database = work.resolve("million.db");
        Duration seeding = StatsBench.seed(database, new AgreementLoader().load(agreement).agreement());
        report.note(String.format("/sla stats: seeded 1,000,000 handoffs over ten quarters (~100,000 in this one, 95%%"
                + " decided, with ~2.3M events and ~900k stage events) in %.0f s", seeding.toNanos() / 1e9));
        String url = "jdbc:sqlite:" + database;
        if (onPostgres) {
            url = postgres.newEmptyDatabase();
            CopyToPostgres.Copied copied = new CopyToPostgres("jdbc:sqlite:" + database, DatabaseAccess.of(url)).copy();
            report.note(String.format("/sla stats: migrate-to copied the seeded SQLite file (%,d rows in %d tables) into"
                            + " PostgreSQL in %.0f s, counted again there", copied.rows().values().stream()
                            .mapToLong(Long::longValue).sum(), copied.rows().size(), copied.took().toNanos() / 1e9));
        }
        try (AppProcess app = startApp(slack, "million", url, false)) {
            app.awaitReady(http, "/health", false);
            HttpRequest command = signed(app.base().resolve("/slack/events"), slaCommandBody(slack, "stats"), FORM);
            String first = http.send(command, HttpResponse.BodyHandlers.ofString()).body();
            if (!first.contains("\"blocks\"") || !first.contains("handoffs")) {
                throw new IllegalStateException("/sla stats answered: " + first);
            }
            for (int i = 0; i < 2; i++) {
                http.send(signed(command.uri(), slaCommandBody(slack, "stats"), FORM),
                        HttpResponse.BodyHandlers.discarding());
            }
            int runs = 30;
            long[] nanos = new long[runs];
            Duration cpuBefore = app.cpuTime();
            for (int i = 0; i < runs; i++) {
                HttpRequest request = signed(command.uri(), slaCommandBody(slack, "stats"), FORM);
                long start = System.nanoTime();
                int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                nanos[i] = System.nanoTime() - start;
                if (status != 200) {
                    throw new IllegalStateException("/sla stats answered " + status);
                }
            }
            Arrays.sort(nanos);
            double p50 = nanos[runs / 2] / 1e6;
            double p99 = nanos[(int) Math.ceil(runs * 0.99) - 1] / 1e6;
            report.add("/sla stats with 1,000,000 handoffs" + where() + ": p50", millis(p50), "", null);
            report.add("/sla stats with 1,000,000 handoffs" + where() + ": p99", millis(p99), "< 1 s", p99 < 1000);
            double cpu = app.cpuTime().minus(cpuBefore).toNanos() / 1e6 / runs;
            report.note(String.format("/sla stats: %d signed commands one after another (after 3 warm-ups), each"
                    + " answered in the acknowledgement; the slowest took %.0f ms; the app used %.0f ms CPU per"
                    + " command", runs, nanos[runs - 1] / 1e6, cpu));
            statsChart(app, slack, command.uri());
        }
    }

    /**
     * {@code /sla stats chart} on the same million handoffs, timed from sending the command to the PNG's upload being
     * completed at the fake Slack (answering instantly): the stats of the quarter, its 13 weeks, drawing the chart and
     * the three calls of the upload flow, all after the ack.
     */
    private void statsChart(AppProcess app, FakeSlack slack, URI endpoint) throws Exception {
        slack.setLatency(Duration.ZERO);
        int warmUps = 3;
        int runs = 20;
        long[] nanos = new long[runs];
        Duration cpuBefore = Duration.ZERO;
        for (int i = 0; i < warmUps + runs; i++) {
            if (i == warmUps) {
                cpuBefore = app.cpuTime();
            }
            int before = slack.calls("files.completeUploadExternal").size();
            HttpRequest request = signed(endpoint, slaCommandBody(slack, "stats chart"), FORM);
            long start = System.nanoTime();
            HttpResponse<String> ack = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (ack.statusCode() != 200 || !ack.body().contains("Drawing the chart")) {
                throw new IllegalStateException("/sla stats chart answered " + ack.statusCode() + ": " + ack.body());
            }
            slack.awaitCalls("files.completeUploadExternal", before + 1, Duration.ofSeconds(30));
            if (i >= warmUps) {
                nanos[i - warmUps] = System.nanoTime() - start;
            }
        }
        double cpu = app.cpuTime().minus(cpuBefore).toNanos() / 1e6 / runs;
        byte[] png = slack.uploads().get(slack.uploads().size() - 1).bytes();
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png));
        if (image == null || image.getWidth() != 1200) {
            throw new IllegalStateException("the uploaded chart is not the 1200-pixel PNG expected");
        }
        Arrays.sort(nanos);
        double p50 = nanos[runs / 2] / 1e6;
        double p99 = nanos[(int) Math.ceil(runs * 0.99) - 1] / 1e6;
        report.add("/sla stats with a chart, 1,000,000 handoffs: p50", millis(p50), "", null);
        report.add("/sla stats with a chart, 1,000,000 handoffs: p99", millis(p99), "< 1 s", p99 < 1000);
        report.note(String.format("/sla stats chart: %d commands one after another (after %d warm-ups), each timed "
                + "from the command to the PNG's upload completed (%,d bytes); the slowest took %.0f ms; the app used "
                + "%.0f ms CPU per chart", runs, warmUps, png.length, nanos[runs - 1] / 1e6, cpu));
    }

    // ---- 3. POST /handoffs

    private void intake(List<AppProcess> serving, AppProcess one, List<AppProcess> apart) throws Exception {
        Load.Requests requests = intakeRequests();
        Load load = new Load(bases(serving), connections);
        if (one == null) {
            Load.LoadResult warm = warmUp(serving, load, requests, 202, () -> true);
            Load.LoadResult run = measured(serving, "POST /handoffs" + where(), () -> load.run(intakeRun, requests,
                    202));
            intakeRows(where(), serving, warm, run);
            return;
        }
        List<List<AppProcess>> sides = List.of(serving, List.of(one), apart);
        List<Load> loads = sides.stream().map(side -> new Load(bases(side), connections)).toList();
        List<Warmed> warm = warmUpInTurns(List.of(new Warming(serving, loads.get(0), requests, () -> true),
                new Warming(List.of(one), loads.get(1), requests, () -> true),
                new Warming(apart, loads.get(2), requests, () -> true)), 202);
        List<Turns> turns = inTurns(sides, loads, List.of(requests, requests, requests), 202, sliceOf(intakeRun));
        List<String> labels = List.of(where(), BESIDE, apartLabel());
        for (int i = 0; i < sides.size(); i++) {
            turnsNotes("POST /handoffs" + labels.get(i), turns.get(i), warm.get(i).how());
            intakeRows(labels.get(i), sides.get(i), warm.get(i).answers(), turns.get(i).result());
        }
        comparison("POST /handoffs", "handoffs/s", turns);
    }

    /** How the one replica measured beside several is labelled. */
    private static final String BESIDE = " (PostgreSQL, one replica beside them)";

    /** How the processes sharing nothing measured beside several replicas are labelled. */
    private String apartLabel() {
        return " (PostgreSQL, " + replicas + " processes sharing nothing)";
    }

    private static List<URI> bases(List<AppProcess> servers) {
        return servers.stream().map(AppProcess::base).toList();
    }

    private void intakeRows(String where, List<AppProcess> servers, Load.LoadResult warm, Load.LoadResult run)
            throws SQLException {
        long rows = count(servers, "SELECT count(*) FROM handoffs");
        long answered = warm.ok() + run.ok();
        int target = onPostgres ? 1500 : 2000;
        report.add("POST /handoffs" + where + ": throughput", rate(run.perSecond(), "handoffs/s"),
                String.format(">= %,d handoffs/s", target), run.perSecond() >= target);
        report.add("POST /handoffs" + where + ": p50", millis(run.p50Millis()), "", null);
        report.add("POST /handoffs" + where + ": p99", millis(run.p99Millis()), "<= 50 ms", run.p99Millis() <= 50);
        report.add("POST /handoffs" + where + ": rows committed / 202 answers", rows + " / " + answered, "equal",
                rows == answered);
        errors("POST /handoffs" + where, warm);
        errors("POST /handoffs" + where, run);
    }

    /** New handoffs, each with its own id, as marketing's automation sends them. */
    private static Load.Requests intakeRequests() {
        HttpConnection.Head handoffs = new HttpConnection.Head("POST", "/handoffs", Map.of(
                "Authorization", "Bearer " + HANDOFF_TOKEN,
                "Content-Type", "application/json"));
        AtomicLong next = new AtomicLong();
        return worker -> new HttpConnection.Request(handoffs, Map.of(),
                handoffBody("bench-" + next.incrementAndGet()).getBytes(StandardCharsets.UTF_8));
    }

    // ---- 2. Accept clicks on distinct pending handoffs, Slack answering in 500 ms

    private void clicks(List<AppProcess> serving, AppProcess one, List<AppProcess> apart) throws Exception {
        if (one == null) {
            clicks(serving, "Accept clicks" + where());
            return;
        }
        Duration slice = sliceOf(clickRun);
        List<List<AppProcess>> sides = List.of(serving, List.of(one), apart);
        List<Clicks> clicks = new ArrayList<>();
        for (List<AppProcess> side : sides) {
            clicks.add(new Clicks(side, slice.multipliedBy(TURNS)));
        }
        List<Warmed> warm = warmUpInTurns(clicks.stream().map(Clicks::warming).toList(), 200);
        List<Turns> turns = inTurns(sides, clicks.stream().map(c -> c.load).toList(),
                clicks.stream().map(c -> c.requests).toList(), 200, slice);
        List<String> labels = List.of(where(), BESIDE, apartLabel());
        for (int i = 0; i < sides.size(); i++) {
            turnsNotes("Accept clicks" + labels.get(i), turns.get(i), warm.get(i).how());
            clicks.get(i).rows("Accept clicks" + labels.get(i), warm.get(i).answers(), turns.get(i).result());
        }
        comparison("Accept clicks", "decisions/s", turns);
    }

    private void clicks(List<AppProcess> serving, String label) throws Exception {
        Clicks clicks = new Clicks(serving, clickRun);
        Load.LoadResult warm = clicks.warmUp();
        Load.LoadResult run = measured(serving, label, () -> clicks.load.run(clickRun, clicks.requests, 200));
        clicks.rows(label, warm, run);
    }

    /**
     * Accept clicks on the pending handoffs of the servers' databases, each clicked once: replicas share one, so any
     * of them takes any; each process sharing nothing gets only its own database's, as a click reaches the app that
     * posted its message.
     */
    private final class Clicks {
        final List<AppProcess> servers;
        /** Each database's pending handoffs, in the order the servers name them. */
        final List<long[]> pending = new ArrayList<>();
        final List<AtomicInteger> taken = new ArrayList<>();
        /** For each database, the share of the connections that click on its handoffs. */
        final double[] shareOfLoad;
        final Load.Requests requests;
        final Load load;
        final int target = onPostgres ? 1000 : 1500;
        /** Past the least warm-up, another slice only while the handoffs left would last this much more. */
        final long keep;

        Clicks(List<AppProcess> servers, Duration measuredFor) throws SQLException {
            this.servers = servers;
            List<String> urls = databasesOf(servers);
            for (String url : urls) {
                pending.add(pendingIds(url));
                taken.add(new AtomicInteger());
            }
            // Load sends connection w to server w % servers.size().
            int[] databaseOf = servers.stream().mapToInt(server -> urls.indexOf(databases.get(server))).toArray();
            this.shareOfLoad = new double[urls.size()];
            for (int w = 0; w < connections; w++) {
                shareOfLoad[databaseOf[w % servers.size()]] += 1.0 / connections;
            }
            HttpConnection.Head events = new HttpConnection.Head("POST", "/slack/events", Map.of("Content-Type",
                    FORM));
            this.requests = worker -> {
                int database = databaseOf[worker % servers.size()];
                long[] ids = pending.get(database);
                int i = taken.get(database).getAndIncrement();
                return i < ids.length ? signed(events, clickPrefix + ids[i] + clickSuffix) : null;
            };
            this.load = new Load(bases(servers), connections);
            // The measured run and a slice more at one and a half times the target rate.
            this.keep = (measuredFor.toSeconds() + WARM_UP_SLICE.toSeconds()) * target * 3 / 2;
        }

        Load.LoadResult warmUp() throws InterruptedException {
            return Benchmark.this.warmUp(servers, load, requests, 200, this::enoughLeft);
        }

        Warming warming() {
            return new Warming(servers, load, requests, this::enoughLeft);
        }

        private boolean enoughLeft() {
            for (int d = 0; d < pending.size(); d++) {
                if (pending.get(d).length - taken.get(d).get() <= keep * shareOfLoad[d]) {
                    return false;
                }
            }
            return true;
        }

        void rows(String label, Load.LoadResult warm, Load.LoadResult run) throws SQLException {
            long accepted = count(servers, "SELECT count(*) FROM handoffs WHERE status='accepted'");
            long answered = warm.ok() + run.ok();
            report.add(String.format("%s (Slack %d ms/call): throughput", label, slackLatency.toMillis()),
                    rate(run.perSecond(), "decisions/s"), String.format(">= %,d decisions/s", target),
                    run.perSecond() >= target);
            report.add(label + ": p50", millis(run.p50Millis()), "", null);
            report.add(label + ": p99", millis(run.p99Millis()), "<= 50 ms", run.p99Millis() <= 50);
            report.add(label + ": accepted rows / 200 answers", accepted + " / " + answered, "equal (none lost)",
                    accepted == answered);
            errors(label, warm);
            errors(label, run);
            if (run.exhausted()) {
                report.note(String.format("%s: all %d pending handoffs were clicked after %.1f s of the measured run",
                        label, pending.stream().mapToInt(ids -> ids.length).sum(), run.seconds()));
            }
        }
    }

    // ---- several replicas against one, in turns

    /** How a warm-up ended: how long it took, and the JIT compiler's share of the servers' CPU in its last slice. */
    private record WarmedUp(Duration took, double jitShare) {}

    /** What one side measured over its turns: its answers, and the CPU each process used meanwhile. */
    private record Turns(Load.LoadResult result, List<Double> perSecond, Duration serverCpu, Duration compilerCpu,
            Duration selfCpu, Duration databaseCpu, Map<String, ThreadUse> byThreadKind) {}

    /** What threads of one kind used between two readings: CPU, the kernel's part of it, times they left a core. */
    private record ThreadUse(Duration cpu, Duration kernel, long switches) {
        ThreadUse plus(ThreadUse other) {
            return new ThreadUse(cpu.plus(other.cpu), kernel.plus(other.kernel), switches + other.switches);
        }
    }

    /** CPU used so far by each of the servers' threads, keyed by process and thread id. */
    private static Map<String, AppProcess.ThreadCpu> threadsOf(List<AppProcess> servers) {
        Map<String, AppProcess.ThreadCpu> all = new HashMap<>();
        for (int s = 0; s < servers.size(); s++) {
            int server = s;
            servers.get(s).cpuByThread().forEach((tid, cpu) -> all.put(server + ":" + tid, cpu));
        }
        return all;
    }

    /**
     * Adds to {@code byKind} what each thread used between two readings: a thread that began meanwhile counts whole;
     * one that ended meanwhile cannot be read, and what it used shows only in the process's total.
     */
    private static void addThreadCpu(Map<String, ThreadUse> byKind, Map<String, AppProcess.ThreadCpu> before,
            Map<String, AppProcess.ThreadCpu> after) {
        after.forEach((thread, now) -> {
            AppProcess.ThreadCpu then = before.get(thread);
            boolean whole = then == null || !then.kind().equals(now.kind());
            ThreadUse used = whole ? new ThreadUse(now.cpu(), now.kernel(), now.switches())
                    : new ThreadUse(now.cpu().minus(then.cpu()), now.kernel().minus(then.kernel()),
                            now.switches() - then.switches());
            byKind.merge(now.kind(), used, ThreadUse::plus);
        });
    }

    /** A measured run split into {@link #TURNS} turns: each turn's length (5 s for a 10-s run). */
    private static Duration sliceOf(Duration run) {
        return run.dividedBy(2).compareTo(WARM_UP_SLICE) < 0 ? WARM_UP_SLICE : run.dividedBy(2);
    }

    /**
     * Loads each side in turn, {@link #TURNS} turns of {@code slice} each, so that a change in what else the machine
     * runs weighs on every side alike rather than on whichever ran last; returns what each side measured.
     */
    private List<Turns> inTurns(List<List<AppProcess>> sides, List<Load> loads, List<Load.Requests> requests,
            int okStatus, Duration slice) throws InterruptedException {
        int n = sides.size();
        List<List<Load.LoadResult>> results = new ArrayList<>();
        Duration[] server = new Duration[n];
        Duration[] compiler = new Duration[n];
        Duration[] self = new Duration[n];
        Duration[] database = new Duration[n];
        List<Map<String, ThreadUse>> kinds = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            results.add(new ArrayList<>());
            kinds.add(new HashMap<>());
            server[i] = compiler[i] = self[i] = database[i] = Duration.ZERO;
        }
        for (int turn = 0; turn < TURNS; turn++) {
            for (int i = 0; i < n; i++) {
                List<AppProcess> servers = sides.get(i);
                Duration serverBefore = cpuOf(servers);
                Duration compilingBefore = compilingOf(servers);
                Duration selfBefore = selfCpu();
                Duration databaseBefore = postgres == null ? Duration.ZERO : postgres.cpuTime();
                Map<String, AppProcess.ThreadCpu> threadsBefore = threadsOf(servers);
                results.get(i).add(loads.get(i).run(slice, requests.get(i), okStatus));
                addThreadCpu(kinds.get(i), threadsBefore, threadsOf(servers));
                server[i] = server[i].plus(cpuOf(servers).minus(serverBefore));
                compiler[i] = compiler[i].plus(compilingOf(servers).minus(compilingBefore));
                self[i] = self[i].plus(selfCpu().minus(selfBefore));
                if (postgres != null) {
                    database[i] = database[i].plus(postgres.cpuTime().minus(databaseBefore));
                }
            }
        }
        List<Turns> turns = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            turns.add(new Turns(Load.LoadResult.combined(results.get(i)),
                    results.get(i).stream().map(Load.LoadResult::perSecond).toList(), server[i], compiler[i], self[i],
                    database[i], kinds.get(i)));
        }
        return turns;
    }

    private void turnsNotes(String what, Turns turns, WarmedUp warmedUp) {
        cpuNote(what, turns.result(), turns.serverCpu(), turns.selfCpu());
        report.note(String.format("%s: the server's JIT compiler threads used %.0f%% of its CPU during the run (after"
                        + " a %d s warm-up, whose last %d s they used %.0f%% of)", what,
                100 * share(turns.compilerCpu(), turns.serverCpu()), warmedUp.took().toSeconds(),
                (warmedUp.took().equals(warmUpWrites) ? warmUpWrites : WARM_UP_SLICE).toSeconds(),
                100 * warmedUp.jitShare()));
        databaseNote(what, turns.result(), turns.databaseCpu());
        long requests = Math.max(1, turns.result().ok() + turns.result().otherStatus());
        Duration read = turns.byThreadKind().values().stream().map(ThreadUse::cpu).reduce(Duration.ZERO,
                Duration::plus);
        report.note(what + ": the servers' CPU per request by kind of thread (in brackets: the kernel's part, and"
                + " how many times such threads left a core): " + turns.byThreadKind().entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, ThreadUse> e) -> e.getValue().cpu()).reversed())
                .limit(8)
                .map(e -> String.format("%s %.3f ms (%.3f ms, %.1f)", e.getKey(),
                        e.getValue().cpu().toNanos() / 1e6 / requests,
                        e.getValue().kernel().toNanos() / 1e6 / requests, (double) e.getValue().switches() / requests))
                .collect(java.util.stream.Collectors.joining(", "))
                + String.format("; threads that ended during the run %.3f ms",
                turns.serverCpu().minus(read).toNanos() / 1e6 / requests));
    }

    /**
     * The rows that say whether several replicas are slower than one, and whether sharing a database costs them
     * anything against as many processes that share nothing, all measured in turns in the same run.
     */
    private void comparison(String what, String unit, List<Turns> turns) {
        Turns several = turns.get(0);
        Turns one = turns.get(1);
        Turns apart = turns.get(2);
        ratioRow(String.format("%s: %d replicas against one, in turns", what, replicas), several, one, unit,
                "not slower");
        ratioRow(String.format("%s: %d replicas against %d processes sharing nothing, in turns", what, replicas,
                replicas), several, apart, unit, "sharing costs nothing");
        report.note(String.format("%s: %d replicas, one replica and %d processes sharing nothing took %d turns of %.0f"
                        + " s each, one after the other; each turn's rate, %d replicas: %s; one replica: %s; %d"
                        + " processes sharing nothing: %s", what, replicas, replicas, TURNS,
                several.result().seconds() / TURNS, replicas, rates(several.perSecond(), unit),
                rates(one.perSecond(), unit), replicas, rates(apart.perSecond(), unit)));
    }

    private void ratioRow(String row, Turns measured, Turns against, String unit, String meaning) {
        double ratio = measured.result().perSecond() / Math.max(1e-9, against.result().perSecond());
        report.add(row, String.format("%,.0f against %,.0f %s (%.0f%%)", measured.result().perSecond(),
                        against.result().perSecond(), unit, 100 * ratio),
                String.format(">= %.0f%% (%s)", 100 * NOT_SLOWER, meaning), ratio >= NOT_SLOWER);
    }

    private static String rates(List<Double> perSecond, String unit) {
        return perSecond.stream().map(r -> String.format("%,.0f", r)).collect(java.util.stream.Collectors.joining(
                ", ")) + " " + unit;
    }

    private final String clickPrefix = "payload=" + URLEncoder.encode("""
            {"type":"block_actions","user":{"id":"U0USER0001","username":"user.u0user0001","name":"user.u0user0001",\
            "team_id":"T0TEST0001"},"api_app_id":"A0APP00001","token":"bench-verification-token",\
            "container":{"type":"message","message_ts":"1764300000.000100","channel_id":"C0CHAN0001",\
            "is_ephemeral":false},"trigger_id":"1764300000.123456789.0123456789abcdef",\
            "team":{"id":"T0TEST0001","domain":"handshake-test"},"enterprise":null,"is_enterprise_install":false,\
            "channel":{"id":"C0CHAN0001","name":"channel-c0chan0001"},"message":{"type":"message",\
            "user":"U0BOT00001","ts":"1764300000.000100","bot_id":"B0BOT00001","app_id":"A0APP00001","text":"",\
            "team":"T0TEST0001","blocks":[]},"state":{"values":{}},\
            "response_url":"http://127.0.0.1:9/hooks/bench-actions",\
            "actions":[{"action_id":"handoff_accept","block_id":"actions",\
            "text":{"type":"plain_text","text":"Accept","emoji":true},"value":\"""", StandardCharsets.UTF_8);
    private final String clickSuffix = URLEncoder.encode("""
            ","type":"button","action_ts":"1764300000.000200"}]}""", StandardCharsets.UTF_8);

    // ---- plumbing

    /** A signed request for the load generator: the same headers and body as {@link #signed(URI, String, String)}. */
    private HttpConnection.Request signed(HttpConnection.Head head, String body) {
        long timestamp = System.currentTimeMillis() / 1000;
        return new HttpConnection.Request(head, Map.of(
                SlackSigner.TIMESTAMP_HEADER, Long.toString(timestamp),
                SlackSigner.SIGNATURE_HEADER, signer.sign(timestamp, body)), body.getBytes(StandardCharsets.UTF_8));
    }

    private HttpRequest signed(URI uri, String body, String contentType) {
        long timestamp = System.currentTimeMillis() / 1000;
        return HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", contentType)
                .header(SlackSigner.TIMESTAMP_HEADER, Long.toString(timestamp))
                .header(SlackSigner.SIGNATURE_HEADER, signer.sign(timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
    }

    private static String handoffBody(String id) {
        return """
                {"id":"%s","stage":"mql","lead":{"name":"Dana Whitfield","email":"dana@northwind.example",\
                "title":"VP Operations","company":"Northwind Logistics","persona":"ops-leader","score":82,\
                "source":"webinar","crm_url":"https://crm.example/contacts/8812"},"assignee":"U0123ABCD",\
                "note":"Asked for pricing after the webinar",\
                "criteria_met":["Fit score 60 or more","Visited the pricing page"]}""".formatted(id);
    }

    private static String form(Map<String, String> fields) {
        StringBuilder out = new StringBuilder();
        fields.forEach((k, v) -> out.append(out.length() == 0 ? "" : "&")
                .append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return out.toString();
    }

    /** The databases the servers use, each once, in the order the servers name them. */
    private List<String> databasesOf(List<AppProcess> servers) {
        return servers.stream().map(databases::get).filter(Objects::nonNull).distinct().toList();
    }

    private long[] pendingIds(String url) throws SQLException {
        try (Connection db = DriverManager.getConnection(url);
                Statement statement = db.createStatement();
                ResultSet rs = statement.executeQuery("SELECT id FROM handoffs WHERE status='pending' ORDER BY id")) {
            List<Long> ids = new ArrayList<>();
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
            return ids.stream().mapToLong(Long::longValue).toArray();
        }
    }

    /** A count over the servers' databases, each counted once. */
    private long count(List<AppProcess> servers, String sql) throws SQLException {
        long sum = 0;
        for (String url : databasesOf(servers)) {
            try (Connection db = DriverManager.getConnection(url);
                    Statement statement = db.createStatement();
                    ResultSet rs = statement.executeQuery(sql)) {
                rs.next();
                sum += rs.getLong(1);
            }
        }
        return sum;
    }

    private void errors(String what, Load.LoadResult result) {
        if (result.otherStatus() > 0 || result.failures() > 0) {
            report.note(String.format("%s: %d answers with another status, %d requests failed (not counted above)",
                    what, result.otherStatus(), result.failures()));
        }
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String rate(double perSecond, String unit) {
        return String.format("%,.0f %s", perSecond, unit);
    }

    private static String millis(double ms) {
        return String.format("%.1f ms", ms);
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
