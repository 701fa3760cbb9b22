package dev.handshake.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handshake.testing.PostgresServer;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Database} on the tests' real PostgreSQL server: an empty database gets every migration once, a second open
 * changes nothing, the health check reads the durability settings, and the schema the PostgreSQL migrations build is
 * the one the SQLite migrations build (same tables, same columns, same required columns), so the per-database copies
 * of a migration cannot drift apart unnoticed.
 */
class PostgresDatabaseTest {

    @TempDir
    Path dir;

    private final PostgresServer server = PostgresServer.shared();

    @Test
    void anEmptyDatabaseGetsEveryMigrationOnceAndReopeningChangesNothing() {
        String url = server.newEmptyDatabase();
        try (Database first = Database.open(url)) {
            assertThat(first.dialect()).isEqualTo(Dialect.POSTGRESQL);
            assertThat(applied(first)).isEqualTo(MigrationLayoutTest.versions(Dialect.POSTGRESQL).size());
        }
        try (Database again = Database.open(url)) {
            assertThat(applied(again)).isEqualTo(MigrationLayoutTest.versions(Dialect.POSTGRESQL).size());
            DatabaseStatus status = again.check();
            assertThat(status.dialect()).isEqualTo(Dialect.POSTGRESQL);
            assertThat(status.settings()).containsKeys("server_version", "synchronous_commit", "fsync");
        }
        server.drop(url);
    }

    @Test
    void bothDatabasesGetTheSameTablesColumnsAndRequiredColumns() {
        String url = server.newEmptyDatabase();
        Map<String, Set<String>> postgres;
        try (Database database = Database.open(url)) {
            postgres = database.jdbi().withHandle(h -> columns(h.createQuery("""
                    SELECT table_name, column_name, is_nullable = 'NO' FROM information_schema.columns
                    WHERE table_schema = current_schema() AND table_name <> 'flyway_schema_history'""")
                    .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}).list()));
        }
        Map<String, Set<String>> sqlite;
        try (Database database = Database.open("jdbc:sqlite:" + dir.resolve("same.db"))) {
            // A primary key column counts as required: PostgreSQL makes it NOT NULL, and though SQLite would take a
            // NULL in most of them (a quirk it keeps for compatibility), the app never writes one.
            sqlite = database.jdbi().withHandle(h -> columns(h.createQuery("""
                    SELECT m.name, c.name, (c."notnull" = 1 OR c.pk > 0) AS required
                    FROM sqlite_master m, pragma_table_info(m.name) c
                    WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> 'flyway_schema_history'""")
                    .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2),
                            rs.getBoolean(3) ? "true" : "false"}).list()));
        }

        assertThat(postgres).isEqualTo(sqlite);
        assertThat(postgres).containsKeys("handoffs", "outbox", "timers", "outbox_lanes", "replicas");
        server.drop(url);
    }

    /** Each table's columns, a required column marked with {@code !}. */
    private static Map<String, Set<String>> columns(java.util.List<String[]> rows) {
        Map<String, Set<String>> tables = new TreeMap<>();
        for (String[] row : rows) {
            boolean required = "true".equals(row[2]) || "t".equals(row[2]);
            tables.computeIfAbsent(row[0], t -> new TreeSet<>()).add(row[1] + (required ? "!" : ""));
        }
        return tables;
    }

    private static int applied(Database database) {
        return database.jdbi().withHandle(h -> h.createQuery(
                        "SELECT count(*) FROM flyway_schema_history WHERE success AND version IS NOT NULL")
                .mapTo(Integer.class).one());
    }

    @Test
    void theUrlChoosesTheDialectAndOnlyTheTwoDatabasesAreKnown() {
        assertThat(Dialect.of("jdbc:sqlite:data/h.db").sharedByReplicas()).isFalse();
        assertThat(Dialect.of("JDBC:PostgreSQL://db/h").sharedByReplicas()).isTrue();
        assertThatThrownBy(() -> Dialect.of("jdbc:mysql://db/h")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbc:sqlite:").hasMessageContaining("jdbc:postgresql://");
    }
}
