package dev.handshake.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handshake.db.Database;
import dev.handshake.testing.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The triggers that keep {@code funnel_leads} (when each lead entered the funnel and first reached MQL), on both
 * databases with the real migrations: a lead seen again lowers its times only when the new fact is earlier, and on
 * PostgreSQL a lead seen again with nothing earlier takes no row lock, so concurrent intakes of the same lead do not
 * queue behind each other's commits.
 */
class FunnelLeadsTriggerTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void aLeadSeenAgainKeepsItsEarliestTimes(String database) {
        String url = database.equals("sqlite") ? "jdbc:sqlite:" + dir.resolve("funnel.db")
                : PostgresServer.shared().newDatabase();
        try (Database db = Database.open(url)) {
            Jdbi jdbi = db.jdbi();
            jdbi.useHandle(h -> h.execute("""
                    INSERT INTO funnel_stages (stage, reaches_mql) VALUES ('lead', 0), ('mql', 1), ('sal', 1),
                        ('sql', 1)"""));
            enter(jdbi, "mql", 200);
            assertThat(times(jdbi)).containsExactly(200L, 200L);
            enter(jdbi, "sql", 300); // later: nothing to change
            assertThat(times(jdbi)).containsExactly(200L, 200L);
            enter(jdbi, "lead", 100); // entered earlier, but not at MQL
            assertThat(times(jdbi)).containsExactly(100L, 200L);
            enter(jdbi, "sal", 150); // reached MQL earlier
            assertThat(times(jdbi)).containsExactly(100L, 150L);
            enter(jdbi, "unknown-stage", 50); // a stage the agreement does not rank enters the funnel only
            assertThat(times(jdbi)).containsExactly(50L, 150L);
        } finally {
            if (database.equals("postgresql")) {
                PostgresServer.shared().drop(url);
            }
        }
    }

    @Test
    void onPostgresqlALeadSeenAgainWithNothingEarlierDoesNotWaitForAnotherTransaction() throws SQLException {
        PostgresServer server = PostgresServer.shared();
        String url = server.newDatabase();
        try (Database db = Database.open(url)) {
            db.jdbi().useHandle(h -> {
                h.execute("INSERT INTO funnel_stages (stage, reaches_mql) VALUES ('mql', 1), ('sql', 1)");
                h.execute("INSERT INTO stage_events (lead_id, stage, at, received_at) VALUES ('dana', 'mql', 100, 100)");
            });
        }
        try (Connection first = DriverManager.getConnection(url);
                Connection second = DriverManager.getConnection(url)) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            insert(first, "sql", 300); // still open when the second comes
            try (Statement settings = second.createStatement()) {
                settings.execute("SET LOCAL lock_timeout = '500ms'");
            }
            insert(second, "sal", 400); // before the change, this waited for the first's row lock and timed out
            second.commit();
            first.commit();
        } finally {
            server.drop(url);
        }
    }

    private static void insert(Connection connection, String stage, long at) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO stage_events (lead_id, stage, at, received_at) VALUES ('dana', ?, ?, ?)")) {
            insert.setString(1, stage);
            insert.setLong(2, at);
            insert.setLong(3, at);
            insert.executeUpdate();
        }
    }

    private static void enter(Jdbi jdbi, String stage, long at) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO stage_events (lead_id, stage, at, received_at) VALUES ('dana', :stage, :at, :at)""")
                .bind("stage", stage).bind("at", at).execute());
    }

    private static java.util.List<Long> times(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("SELECT entered_at, mql_at FROM funnel_leads WHERE lead_id = 'dana'")
                .map((rs, ctx) -> Arrays.asList(rs.getLong(1), rs.getLong(2))).one());
    }
}
