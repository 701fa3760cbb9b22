package dev.handshake.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handshake.testing.PostgresServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link CopyToPostgres} and the {@code migrate-to} command, from real SQLite files into databases of the tests' real
 * PostgreSQL server.
 */
class CopyToPostgresTest {

    @TempDir
    Path dir;

    private final PostgresServer server = PostgresServer.shared();

    private record Run(int exit, String out, String err) {}

    private static Run run(String sourceUrl, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new CopyToPostgresCommand(sourceUrl, null, null).run(List.of(args),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A SQLite database with handoffs, their events and timers, an outbox and an agreement version with an ack. */
    private String sqliteWithHistory(int handoffs) {
        String url = "jdbc:sqlite:" + dir.resolve("team.db");
        Database database = Database.open(url);
        database.jdbi().useHandle(h -> {
            for (int i = 1; i <= handoffs; i++) {
                long id = insertHandoff(h, "lead-" + i);
                h.execute("INSERT INTO handoff_events (handoff_id, kind, actor, at, detail) VALUES (?, 'received', "
                        + "'system', ?, 'Zoë 🚚 ''quoted''')", id, 1_700_000_000_000L + i);
                h.execute("INSERT INTO timers (handoff_id, kind, round, due_at) VALUES (?, 'escalate', 0, ?)", id,
                        1_800_000_000_000L + i);
                h.execute("INSERT INTO outbox (kind, lane, subject, state, next_attempt_at, created_at) "
                        + "VALUES ('post_handoff', 'post:#sales-leads', ?, 'done', 1, 1)", String.valueOf(id));
            }
            // Gaps in the ids, as deletions or rolled-back inserts leave them.
            h.execute("DELETE FROM outbox WHERE id = 2");
            long version = h.createUpdate("INSERT INTO agreement_versions (version, sha256, content, loaded_at) "
                    + "VALUES ('2026.3', 'abc', 'name: x', 1)").executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            h.execute("INSERT INTO agreement_acks (version_id, role, user_id, at) VALUES (?, 'sales', 'U1', 2)", version);
        });
        database.close();
        return url;
    }

    private static <T> List<T> list(String url, Class<T> type, String sql) {
        return Jdbi.create(url).withHandle(h -> h.createQuery(sql).mapTo(type).list());
    }

    private static long insertHandoff(Handle handle, String externalId) {
        return handle.createUpdate("""
                        INSERT INTO handoffs (external_id, body_sha256, stage, lead_name, received_at, due_at,
                            agreement_version, lead_score) VALUES (:id, 'sha', 'mql', 'Dana', 1, 2, 'v1', 82)""")
                .bind("id", externalId).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    @Test
    void everyTableIsCopiedWithItsIdsAndCountedAgainAndNewRowsContinueAfterTheHighestId() {
        String source = sqliteWithHistory(25);
        String target = server.newEmptyDatabase();

        Run run = run(source, target);

        assertThat(run.exit()).as(run.err()).isZero();
        for (String counted : List.of("handoffs 25", "handoff_events 25", "timers 25", "outbox 24",
                "agreement_versions 1", "agreement_acks 1", "slack_requests 0", "funnel_leads 25")) {
            assertThat(run.out()).containsPattern("\\n  " + counted.replace(" ", " +") + "\\n");
        }
        assertThat(list(target, String.class, "SELECT detail FROM handoff_events WHERE handoff_id = 7"))
                .containsExactly("Zoë 🚚 'quoted'");
        assertThat(list(target, Long.class, "SELECT id FROM outbox ORDER BY id LIMIT 3")).containsExactly(1L, 3L, 4L);
        assertThat(list(target, Long.class, "SELECT due_at FROM timers WHERE handoff_id = 25"))
                .containsExactly(1_800_000_000_025L);
        try (Database onPostgres = Database.open(target)) {
            long next = onPostgres.jdbi().withHandle(h -> insertHandoff(h, "after-the-move"));
            assertThat(next).isEqualTo(26);
        }
        // Copied as they were, not derived twice; the funnel's trigger is on again for the rows that follow.
        assertThat(list(target, Long.class, "SELECT count(*) FROM funnel_leads")).containsExactly(26L);
        server.drop(target);
    }

    @Test
    void aTargetWithRowsOrOtherTablesIsRefusedAndLeftAsItWas() {
        String source = sqliteWithHistory(3);
        String withRows = server.newDatabase();
        Jdbi.create(withRows).useHandle(h -> insertHandoff(h, "already-here"));
        String otherApp = server.newEmptyDatabase();
        Jdbi.create(otherApp).useHandle(h -> h.execute("CREATE TABLE invoices (id int)"));

        Run rows = run(source, withRows);
        Run other = run(source, otherApp);

        assertThat(rows.exit()).isEqualTo(CopyToPostgresCommand.TARGET_NOT_EMPTY);
        // The handoff's row also made its lead enter the funnel (a trigger): both tables are named.
        assertThat(rows.err()).contains("already holds rows in funnel_leads, handoffs;", "new, empty database");
        assertThat(list(withRows, Long.class, "SELECT count(*) FROM handoffs")).containsExactly(1L);
        assertThat(other.exit()).isEqualTo(CopyToPostgresCommand.TARGET_NOT_EMPTY);
        assertThat(other.err()).contains("already holds 1 tables (invoices)");
        assertThat(list(otherApp, Long.class,
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")).containsExactly(1L);
        server.drop(withRows);
        server.drop(otherApp);
    }

    @Test
    void aCopyThatFailsLeavesNoRowAndCanBeRunAgain() {
        String source = sqliteWithHistory(3);
        // SQLite keeps whatever it is given; PostgreSQL's column is a number: the copy stops there, all rolled back.
        Jdbi.create(source).useHandle(h -> h.execute("UPDATE timers SET due_at = 'soon' WHERE handoff_id = 3"));
        String target = server.newEmptyDatabase();

        Run failed = run(source, target);

        assertThat(failed.exit()).isEqualTo(CopyToPostgresCommand.FAILED);
        assertThat(failed.err()).contains("rolled back", "timers");
        assertThat(list(target, Long.class, "SELECT count(*) FROM handoffs")).containsExactly(0L);
        Jdbi.create(source).useHandle(h -> h.execute("UPDATE timers SET due_at = 1 WHERE handoff_id = 3"));
        assertThat(run(source, target).exit()).isZero();
        server.drop(target);
    }

    @Test
    void wrongCommandLinesAreRefusedNamingTheProblem() {
        String source = "jdbc:sqlite:" + dir.resolve("none.db");
        assertThat(run(source).err()).contains("Name the PostgreSQL database", "Usage:");
        assertThat(run(source, "jdbc:mysql://db/x?password=pw-9").err()).contains("Not a PostgreSQL JDBC URL")
                .doesNotContain("pw-9");
        assertThat(run(source, "jdbc:postgresql://a/b", "jdbc:postgresql://c/d").exit())
                .isEqualTo(CopyToPostgresCommand.USAGE);
        Run noFile = run(source, server.url("postgres"));
        assertThat(noFile.exit()).isEqualTo(CopyToPostgresCommand.FAILED);
        assertThat(noFile.err()).contains("there is no database at");
        Run fromPostgres = run(server.url("postgres"), server.url("postgres"));
        assertThat(fromPostgres.exit()).isEqualTo(CopyToPostgresCommand.USAGE);
        assertThat(fromPostgres.err()).contains("must be a SQLite file");
    }

    @Test
    void backupOnPostgresqlExplainsPgDumpInstead() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new BackupCommand(server.url("postgres")).run(List.of("backup.db"), System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).isEqualTo(BackupCommand.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("pg_dump", "pg_restore", "OPERATIONS.md");
    }
}
