package dev.handshake.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Backup} and {@link BackupCommand} on real SQLite files. */
class BackupTest {

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {}

    private Run run(String databaseUrl, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new BackupCommand(databaseUrl).run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private String databaseWithHandoffs(int count) {
        String url = "jdbc:sqlite:" + dir.resolve("live.db");
        Database database = Database.open(url);
        database.jdbi().useHandle(h -> {
            for (int i = 0; i < count; i++) {
                insertHandoff(h, "lead-" + i);
            }
        });
        return url;
    }

    private static void insertHandoff(Handle handle, String externalId) {
        handle.execute("""
                INSERT INTO handoffs (external_id, body_sha256, stage, lead_name, received_at, due_at, agreement_version)
                VALUES (?, 'sha', 'mql', 'Dana', 1, 2, 'v1')""", externalId);
    }

    private static long count(Path file, String sql) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private List<Path> leftovers() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().contains(".partial-")).toList();
        }
    }

    @Test
    void theCopyHoldsEveryRowAndPassesTheIntegrityCheck() throws Exception {
        String url = databaseWithHandoffs(25);
        Path target = dir.resolve("copy.db");

        Backup.Copied copied = new Backup(url).to(target);

        assertThat(copied.target()).isEqualTo(target);
        assertThat(copied.rows()).containsEntry("handoffs", 25L).containsKey("flyway_schema_history");
        assertThat(copied.bytes()).isEqualTo(Files.size(target));
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + target);
                ResultSet check = db.createStatement().executeQuery("PRAGMA integrity_check")) {
            check.next();
            assertThat(check.getString(1)).isEqualTo("ok");
        }
        assertThat(count(target, "SELECT count(*) FROM handoffs WHERE external_id LIKE 'lead-%'")).isEqualTo(25);
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void theCommandPrintsTheRowsOfEachTableItCopied() throws Exception {
        String url = databaseWithHandoffs(3);
        Path target = dir.resolve("copy.db");

        Run run = run(url, target.toString());

        assertThat(run.exit()).as(run.err()).isEqualTo(BackupCommand.COPIED);
        assertThat(run.out()).contains("Backed up " + dir.resolve("live.db"), target.toString(), "integrity ok")
                .containsPattern("(?m)^  handoffs +3$")
                .containsPattern("(?m)^  handoff_events +0$");
        assertThat(count(target, "SELECT count(*) FROM handoffs")).isEqualTo(3);
    }

    @Test
    void anOpenWriteTransactionNeitherBlocksTheCopyNorGetsIntoIt() throws Exception {
        String url = databaseWithHandoffs(2);
        Path target = dir.resolve("copy.db");
        try (Connection writer = DriverManager.getConnection(url); Statement statement = writer.createStatement()) {
            statement.execute("PRAGMA busy_timeout = 5000");
            statement.execute("BEGIN IMMEDIATE");
            statement.execute("""
                    INSERT INTO handoffs (external_id, body_sha256, stage, lead_name, received_at, due_at,
                        agreement_version) VALUES ('uncommitted', 'sha', 'mql', 'Dana', 1, 2, 'v1')""");

            Backup.Copied copied = new Backup(url).to(target);

            // Well under the busy timeout: the copy read its snapshot instead of waiting for the writer.
            assertThat(copied.took()).isLessThan(Duration.ofMillis(Backup.BUSY_TIMEOUT_MILLIS));
            statement.execute("COMMIT");
        }
        assertThat(count(target, "SELECT count(*) FROM handoffs")).isEqualTo(2);
        assertThat(count(target, "SELECT count(*) FROM handoffs WHERE external_id = 'uncommitted'")).isZero();
        assertThat(count(dir.resolve("live.db"), "SELECT count(*) FROM handoffs")).isEqualTo(3);
    }

    @Test
    void anExistingFileIsNeverOverwritten() throws Exception {
        String url = databaseWithHandoffs(1);
        Path target = dir.resolve("precious.db");
        Files.writeString(target, "not a backup");

        Run run = run(url, target.toString());

        assertThat(run.exit()).isEqualTo(BackupCommand.TARGET_EXISTS);
        assertThat(run.err()).contains(target.toString(), "already exists", "never overwrites");
        assertThat(run.out()).isEmpty();
        assertThat(Files.readString(target)).isEqualTo("not a backup");
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void theLiveDatabaseItselfIsAnExistingFile() {
        String url = databaseWithHandoffs(1);

        assertThatThrownBy(() -> new Backup(url).to(dir.resolve("live.db")))
                .isInstanceOf(Backup.TargetExistsException.class);
    }

    @Test
    void aMissingDatabaseFailsWithoutCreatingOne() {
        Path missing = dir.resolve("nowhere.db");

        Run run = run("jdbc:sqlite:" + missing, dir.resolve("copy.db").toString());

        assertThat(run.exit()).isEqualTo(BackupCommand.FAILED);
        assertThat(run.err()).contains("there is no database at " + missing).doesNotContain("Exception", "\tat ");
        assertThat(missing).doesNotExist();
        assertThat(dir.resolve("copy.db")).doesNotExist();
    }

    @Test
    void aMissingFolderFailsAndNamesIt() {
        String url = databaseWithHandoffs(1);
        Path target = dir.resolve("no/such/folder/copy.db");

        Run run = run(url, target.toString());

        assertThat(run.exit()).isEqualTo(BackupCommand.FAILED);
        assertThat(run.err()).contains(dir.resolve("no/such/folder").toString(), "does not exist");
        assertThat(target.getParent()).doesNotExist();
    }

    @Test
    void noFileNamed() {
        Run run = run("jdbc:sqlite:" + dir.resolve("live.db"));

        assertThat(run.exit()).isEqualTo(BackupCommand.USAGE);
        assertThat(run.err()).contains("Name the file", "Usage: java -jar handshake.jar backup <new-file>");
    }

    @Test
    void moreThanOneFileNamed() {
        Run run = run("jdbc:sqlite:" + dir.resolve("live.db"), "a.db", "b.db");

        assertThat(run.exit()).isEqualTo(BackupCommand.USAGE);
        assertThat(run.err()).contains("exactly one file");
        assertThat(dir.resolve("a.db")).doesNotExist();
    }

    @Test
    void anOptionIsRefusedNotTakenForAFileName() {
        Run run = run("jdbc:sqlite:" + dir.resolve("live.db"), "--force");

        assertThat(run.exit()).isEqualTo(BackupCommand.USAGE);
        assertThat(run.err()).contains("Unknown option --force");
        assertThat(Path.of("--force")).doesNotExist();
    }

    @Test
    void aBlankFileName() {
        Run run = run("jdbc:sqlite:" + dir.resolve("live.db"), "  ");

        assertThat(run.exit()).isEqualTo(BackupCommand.USAGE);
        assertThat(run.err()).contains("blank");
    }

    @Test
    void anInMemoryDatabaseHasNothingToCopy() {
        Run run = run("jdbc:sqlite::memory:", dir.resolve("copy.db").toString());

        assertThat(run.exit()).isEqualTo(BackupCommand.USAGE);
        assertThat(run.err()).contains("in-memory");
        assertThat(dir.resolve("copy.db")).doesNotExist();
    }

    @Test
    void aUrlThatIsNotSqliteIsRefused() {
        Run run = run("jdbc:mysql://db/handshake", dir.resolve("copy.db").toString());

        assertThat(run.exit()).isEqualTo(BackupCommand.USAGE);
        assertThat(run.err()).contains("not a SQLite JDBC URL");
        assertThat(dir.resolve("copy.db")).doesNotExist();
    }

    @Test
    void onPostgresqlItExplainsPgDumpAndWritesNothing() {
        Run run = run("jdbc:postgresql://db/handshake?password=db-secret-1", dir.resolve("copy.db").toString());

        assertThat(run.exit()).isEqualTo(BackupCommand.USAGE);
        assertThat(run.err()).contains("pg_dump", "pg_restore").doesNotContain("db-secret-1");
        assertThat(dir.resolve("copy.db")).doesNotExist();
    }
}
