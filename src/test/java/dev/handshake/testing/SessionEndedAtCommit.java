package dev.handshake.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * On PostgreSQL, makes every commit that inserted into a table end its own session while the commit is under way, as
 * a server restart or a failover would: a deferred constraint trigger that terminates its backend. The client sees the
 * connection break during the commit, which the server then never completes. Closing it drops the trigger.
 */
public final class SessionEndedAtCommit implements AutoCloseable {

    private final Connection admin;
    private final String table;

    private SessionEndedAtCommit(Connection admin, String table) {
        this.admin = admin;
        this.table = table;
    }

    /** From now on, each commit that inserted into {@code table} (a fixed name of the schema) ends its session. */
    public static SessionEndedAtCommit onInsertInto(String jdbcUrl, String table) throws SQLException {
        Connection admin = DriverManager.getConnection(jdbcUrl);
        try (Statement statement = admin.createStatement()) {
            statement.execute("""
                    CREATE OR REPLACE FUNCTION end_session() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN PERFORM pg_terminate_backend(pg_backend_pid()); RETURN NULL; END $$""");
            statement.execute("CREATE CONSTRAINT TRIGGER end_session AFTER INSERT ON " + table
                    + " DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION end_session()");
        } catch (SQLException e) {
            admin.close();
            throw e;
        }
        return new SessionEndedAtCommit(admin, table);
    }

    @Override
    public void close() throws SQLException {
        try (admin; Statement statement = admin.createStatement()) {
            statement.execute("DROP TRIGGER end_session ON " + table);
            statement.execute("DROP FUNCTION end_session()");
        }
    }
}
