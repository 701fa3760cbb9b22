package dev.handshake.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Database} on real SQLite files. */
class DatabaseTest {

    @TempDir
    Path dir;

    /** How many migrations the repository ships for SQLite: each must be applied exactly once. */
    private static int migrationFiles() {
        return MigrationLayoutTest.versions(Dialect.SQLITE).size();
    }

    private static List<String> tables(Database database) {
        return database.jdbi().withHandle(h -> h.createQuery(
                        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
                .mapTo(String.class).list());
    }

    private static int migrationsApplied(Database database) {
        return database.jdbi().withHandle(h -> h.createQuery(
                        "SELECT count(*) FROM flyway_schema_history WHERE success = 1 AND version IS NOT NULL")
                .mapTo(Integer.class).one());
    }

    private static void insertHandoff(Handle handle, String externalId) {
        handle.execute("""
                INSERT INTO handoffs (external_id, body_sha256, stage, lead_name, received_at, due_at, agreement_version)
                VALUES (?, 'sha', 'mql', 'Dana', 1, 2, 'v1')""", externalId);
    }

    @Test
    void openingAFileUrlCreatesItsFolderAndAppliesTheMigrations() {
        Path file = dir.resolve("data/nested/handshake.db");

        Database database = Database.open("jdbc:sqlite:" + file);

        assertThat(file.getParent()).isDirectory();
        assertThat(file).isRegularFile();
        assertThat(tables(database)).contains("handoffs", "handoff_events", "outbox", "flyway_schema_history");
        assertThat(migrationsApplied(database)).isEqualTo(migrationFiles());
    }

    @Test
    void aFileColonUrlAlsoGetsItsFolder() {
        Path file = dir.resolve("uri-form/handshake.db");

        Database database = Database.open("jdbc:sqlite:file:" + file);

        assertThat(file.getParent()).isDirectory();
        assertThat(tables(database)).contains("handoffs");
    }

    @Test
    void checkReportsWalJournalAndFullSynchronous() {
        Database database = Database.open("jdbc:sqlite:" + dir.resolve("h.db"));

        DatabaseStatus status = database.check();

        assertThat(status.settings().get("journal_mode")).isEqualTo("wal");
        assertThat(status.settings().get("synchronous")).isEqualTo("full");
    }

    @Test
    void everyConnectionHasForeignKeysOnAndAFiveSecondBusyTimeout() {
        Database database = Database.open("jdbc:sqlite:" + dir.resolve("h.db"));

        try (Handle first = database.jdbi().open(); Handle second = database.jdbi().open()) {
            for (Handle handle : List.of(first, second)) {
                assertThat(handle.createQuery("PRAGMA foreign_keys").mapTo(Integer.class).one()).isEqualTo(1);
                assertThat(handle.createQuery("PRAGMA busy_timeout").mapTo(Integer.class).one()).isEqualTo(5000);
                assertThat(handle.createQuery("PRAGMA journal_mode").mapTo(String.class).one()).isEqualTo("wal");
                assertThat(handle.createQuery("PRAGMA synchronous").mapTo(Integer.class).one()).isEqualTo(2);
            }
        }
    }

    @Test
    void foreignKeysAreEnforced() {
        Database database = Database.open("jdbc:sqlite:" + dir.resolve("h.db"));

        assertThatThrownBy(() -> database.jdbi().useHandle(h -> h.execute(
                "INSERT INTO handoff_events (handoff_id, kind, at) VALUES (999, 'received', 1)")))
                .hasMessageContaining("FOREIGN KEY");
    }

    @Test
    void reopeningIsIdempotentAndKeepsTheData() {
        String url = "jdbc:sqlite:" + dir.resolve("h.db");
        Database first = Database.open(url);
        first.jdbi().useHandle(h -> insertHandoff(h, "kept-1"));

        Database second = Database.open(url);
        Database third = Database.open(url);

        assertThat(migrationsApplied(third)).isEqualTo(migrationFiles());
        List<String> ids = second.jdbi().withHandle(h -> h.createQuery("SELECT external_id FROM handoffs")
                .mapTo(String.class).list());
        assertThat(ids).containsExactly("kept-1");
        assertThat(third.check().settings().get("journal_mode")).isEqualTo("wal");
    }

    @Test
    void checkFailsWithAClearErrorWhenTheFileIsNotADatabase() throws Exception {
        Path file = dir.resolve("h.db");
        Database database = Database.open("jdbc:sqlite:" + file);
        Files.delete(file);
        Files.deleteIfExists(dir.resolve("h.db-wal"));
        Files.deleteIfExists(dir.resolve("h.db-shm"));
        Files.writeString(file, "this is not a SQLite database, just text that is long enough to matter ".repeat(100));

        assertThatThrownBy(database::check)
                .isInstanceOf(DatabaseUnavailableException.class)
                .hasMessageStartingWith("database check failed");
    }

    @Test
    void aWriteWaitsForAnotherWriterWithinTheBusyTimeout() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("h.db");
        Database database = Database.open(url);
        try (Connection holder = DriverManager.getConnection(url);
                Statement statement = holder.createStatement()) {
            statement.execute("PRAGMA busy_timeout = 0");
            statement.execute("BEGIN IMMEDIATE");
            Thread release = new Thread(() -> {
                try {
                    Thread.sleep(300);
                    statement.execute("COMMIT");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            release.start();

            database.jdbi().useHandle(h -> insertHandoff(h, "after-wait"));

            release.join();
        }
        int count = database.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM handoffs")
                .mapTo(Integer.class).one());
        assertThat(count).isEqualTo(1);
    }
}
