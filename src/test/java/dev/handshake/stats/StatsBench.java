package dev.handshake.stats;

import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.AgreementLoader;
import dev.handshake.clock.BusinessHours;
import dev.handshake.clock.Quarter;
import dev.handshake.db.Database;
import dev.handshake.db.DatabaseAccess;
import dev.handshake.db.Dialect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Random;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Not a test: seeds 1,000,000 handoffs received over ten quarters (about 100,000 a quarter, 95% decided, 30%
 * overdue once, with their events and about 900,000 stage events) into a temporary database, then times the
 * stats of one quarter ({@value #RUNS} runs after one warm-up) and prints p50 and p99. Run it from the repository
 * root: {@code mvn -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.handshake.stats.StatsBench};
 * {@code -Dexec.args=jdbc:postgresql://…} seeds and times an empty PostgreSQL database instead.
 */
public final class StatsBench {

    private static final int HANDOFFS = 1_000_000;
    private static final int RUNS = 20;
    private static final String[] PERSONAS = {"ops-leader", "logistics-coordinator", "finance-lead", null};
    private static final String[] SOURCES = {"webinar", "event", "rate-check", "paid-search", "referral", null};
    private static final String[] REASONS = {"Not a fit — below 50 loads a week", "Timing — no project this year",
            "Not reachable — bad phone and email", "Already in an open opportunity"};

    private StatsBench() {}

    public static void main(String[] args) throws Exception {
        // An argument names a database seeded by an earlier run, to time again without seeding: a SQLite file, or a
        // PostgreSQL JDBC URL (an empty PostgreSQL database is seeded first).
        String url = args.length == 0 ? "jdbc:sqlite:" + Files.createTempDirectory("stats-bench").resolve("bench.db")
                : args[0].startsWith("jdbc:") ? args[0] : "jdbc:sqlite:" + Path.of(args[0]);
        Database database = Database.open(url);
        boolean seeded = args.length > 0 && database.jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM handoffs").mapTo(Long.class).one()) > 0;
        Agreement agreement = new AgreementLoader().load(Path.of("sla.yml")).agreement();
        ZoneId zone = agreement.calendar().zone();
        Quarter first = new Quarter(2024, 3);
        if (!seeded) {
            long seedStart = System.nanoTime();
            seed(database.jdbi(), first.start().atStartOfDay(zone).toInstant().toEpochMilli(),
                    new Quarter(2027, 1).start().atStartOfDay(zone).toInstant().toEpochMilli());
            new FunnelLeads(dev.handshake.db.Transactions.direct(database.jdbi()), agreement).sync();
            if (database.dialect() == Dialect.POSTGRESQL) {
                // As migrate-to does after a copy: planner statistics, and the visibility map for index-only scans.
                database.jdbi().useHandle(handle -> handle.execute("VACUUM (ANALYZE)"));
            }
            System.out.printf("seeded %,d handoffs in %.1f s (%s)%n", HANDOFFS,
                    (System.nanoTime() - seedStart) / 1e9, DatabaseAccess.redact(url));
        }

        Stats stats = new Stats(database.jdbi(), agreement, new BusinessHours(agreement.calendar()),
                Clock.fixed(LocalDate.of(2026, 12, 5).atTime(12, 0).atZone(zone).toInstant(), zone));
        Period quarter = Period.quarter(Quarter.of(LocalDate.of(2026, 11, 15)));
        StatsReport warm = stats.compute(quarter);
        System.out.printf("%s: %,d handoffs, %,d new leads, %,d reached MQL, %,d MQLs, median %s, p90 %s, "
                        + "within SLA %s, %,d rejections answered%n",
                quarter.label(), warm.handoffs().handoffs(), warm.funnel().entered(), warm.funnel().reachedMql(),
                warm.funnel().mqls(), warm.handoffs().medianToDecision().orElse(null),
                warm.p90ToDecision().orElse(null), warm.handoffs().decidedWithinSla().shown(),
                warm.followUps().answered());
        long[] nanos = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            stats.compute(quarter);
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        System.out.printf("stats for one quarter over %d runs: p50 %d ms, p99 %d ms, max %d ms%n", RUNS,
                nanos[RUNS / 2] / 1_000_000, nanos[(int) Math.ceil(RUNS * 0.99) - 1] / 1_000_000,
                nanos[RUNS - 1] / 1_000_000);
    }

    /**
     * Seeds {@code file} (a new database, migrated) with the 1,000,000 handoffs of this benchmark, received from the
     * third quarter of 2024 to the end of 2026, and closes it; returns the time that took.
     */
    public static Duration seed(Path file, Agreement agreement) {
        long start = System.nanoTime();
        Database database = Database.open("jdbc:sqlite:" + file);
        ZoneId zone = agreement.calendar().zone();
        seed(database.jdbi(), new Quarter(2024, 3).start().atStartOfDay(zone).toInstant().toEpochMilli(),
                new Quarter(2027, 1).start().atStartOfDay(zone).toInstant().toEpochMilli());
        new FunnelLeads(dev.handshake.db.Transactions.direct(database.jdbi()), agreement).sync();
        database.jdbi().useHandle(handle -> handle.execute("PRAGMA wal_checkpoint(TRUNCATE)"));
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static void seed(Jdbi jdbi, long from, long to) {
        Random random = new Random(42);
        int batch = 50_000;
        for (int done = 0; done < HANDOFFS; done += batch) {
            int offset = done;
            jdbi.useHandle(outer -> {
                if (Dialect.of(outer) == Dialect.SQLITE) {
                    outer.execute("PRAGMA synchronous = OFF");
                }
                outer.useTransaction(handle -> {
                    PreparedBatch handoffs = handle.prepareBatch("""
                            INSERT INTO handoffs (id, external_id, body_sha256, stage, lead_name, lead_email, lead_persona,
                                lead_source, status, received_at, due_at, decided_by, decided_at, reject_reason,
                                overdue_at, reassignments, agreement_version, decision_business_ms, first_due_at,
                                contacted_at, marketing_outcome, marketing_at, answer_business_ms)
                            VALUES (:id, :ext, 'sha', 'mql', 'Lead', :email, :persona, :source, :status, :received, :due,
                                :by, :decided, :reason, :overdue, :reassignments, 'bench', :ms, :firstDue, :contacted,
                                :outcome, :marketingAt, :answerMs)""");
                    PreparedBatch events = handle.prepareBatch(
                            "INSERT INTO handoff_events (handoff_id, kind, actor, at) VALUES (:id, :kind, 'system', :at)");
                    PreparedBatch stages = handle.prepareBatch("""
                            INSERT INTO stage_events (lead_id, stage, at, received_at) VALUES (:lead, :stage, :at, :at)
                            ON CONFLICT DO NOTHING""");
                    for (int i = 0; i < batch; i++) {
                        long id = offset + i + 1L;
                        // The app stores handoffs as they arrive, so ids and receipt times rise together.
                        long received = from + (to - from) * (id - 1) / HANDOFFS + random.nextInt(60_000);
                        long due = received + 4 * 3_600_000L;
                        double roll = random.nextDouble();
                        String status = roll < 0.05 ? "pending" : roll < 0.55 ? "accepted" : "rejected";
                        long businessMs = (long) (random.nextDouble() * random.nextDouble() * 30 * 3_600_000L);
                        Long decided = status.equals("pending") ? null : received + businessMs * 2;
                        boolean overdue = random.nextDouble() < 0.3;
                        int reassignments = overdue ? random.nextInt(3) : 0;
                        String email = "lead" + random.nextInt(700_000) + "@example.com";
                        // Accepted leads are mostly contacted; half the rejections are answered by marketing.
                        Long contacted = status.equals("accepted") && random.nextDouble() < 0.7
                                ? decided + random.nextInt(8 * 3_600_000) : null;
                        boolean answered = status.equals("rejected") && random.nextBoolean();
                        long answerWait = random.nextInt(48 * 3_600_000);
                        handoffs.bind("id", id).bind("ext", "bench-" + id).bind("email", email)
                                .bind("persona", PERSONAS[random.nextInt(PERSONAS.length)])
                                .bind("source", SOURCES[random.nextInt(SOURCES.length)])
                                .bind("status", status).bind("received", received).bind("due", due)
                                .bind("by", decided == null ? null : "U0REP" + random.nextInt(40))
                                .bind("decided", decided)
                                .bind("reason", status.equals("rejected") ? REASONS[random.nextInt(REASONS.length)] : null)
                                .bind("overdue", overdue && reassignments == 0 ? due : null)
                                .bind("reassignments", reassignments)
                                .bind("ms", decided == null ? null : businessMs)
                                // A reassignment moves due_at on; the first deadline stays (here due_at is kept).
                                .bind("firstDue", reassignments > 0 ? due : null)
                                .bind("contacted", contacted)
                                .bind("outcome", answered ? (random.nextInt(4) == 0 ? "contested" : "recycled") : null)
                                .bind("marketingAt", answered ? decided + answerWait : null)
                                // Business time is a part of the wall-clock wait (nights, weekends), as for decisions.
                                .bind("answerMs", answered ? answerWait / 3 : null)
                                .add();
                        events.bind("id", id).bind("kind", "received").bind("at", received).add();
                        if (decided != null) {
                            events.bind("id", id).bind("kind", status).bind("at", decided).add();
                        }
                        if (overdue) {
                            events.bind("id", id).bind("kind", "overdue").bind("at", due).add();
                        }
                        stages.bind("lead", email).bind("stage", "lead").bind("at", received - 86_400_000L).add();
                        if (random.nextDouble() < 0.2) {
                            stages.bind("lead", "other" + id).bind("stage", "lead").bind("at", received).add();
                        }
                    }
                    handoffs.execute();
                    events.execute();
                    stages.execute();
                });
            });
        }
    }
}
