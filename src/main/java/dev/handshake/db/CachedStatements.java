package dev.handshake.db;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.WeakHashMap;
import org.jdbi.v3.core.statement.DefaultStatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilderFactory;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Keeps each pooled connection's prepared statements for its next use instead of closing them: SQLite compiles a
 * statement's SQL on every prepare, and the app runs the same few statements thousands of times a minute. A statement
 * goes back to the cache only once its result set is closed (SQLite has then reset it, so it holds no read snapshot)
 * and its parameters are cleared; one asked for while its cached twin is in use (a query run inside the iteration of
 * the same query) is prepared afresh and closed after use. Thread-safe; a connection is used by one thread at a time.
 */
final class CachedStatements implements StatementBuilderFactory {

    /** Statements kept per connection, least recently used evicted first. */
    static final int PER_CONNECTION = 64;

    // Weak keys: a connection closed and dropped by the pool takes its statements (closed with it) along.
    private final Map<Connection, Cache> caches = Collections.synchronizedMap(new WeakHashMap<>());

    @Override
    public StatementBuilder createStatementBuilder(Connection connection) {
        return new Builder(caches.computeIfAbsent(connection, c -> new Cache()));
    }

    /** How many statements are kept for this connection; for tests. */
    int cachedFor(Connection connection) {
        Cache cache = caches.get(connection);
        return cache == null ? 0 : cache.size();
    }

    /** One connection's idle statements by SQL, and those handed out. */
    private static final class Cache {

        private final LinkedHashMap<String, PreparedStatement> idle = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
                if (size() <= PER_CONNECTION) {
                    return false;
                }
                closeQuietly(eldest.getValue());
                return true;
            }
        };
        private final Map<Statement, String> lent = new IdentityHashMap<>();

        synchronized PreparedStatement take(String sql) {
            PreparedStatement statement = idle.remove(sql);
            if (statement != null) {
                lent.put(statement, sql);
            }
            return statement;
        }

        synchronized void lend(PreparedStatement statement, String sql) {
            lent.put(statement, sql);
        }

        /** Takes a lent statement back; false if it was not lent from here (it is then the caller's to close). */
        synchronized boolean giveBack(Statement statement) throws SQLException {
            String sql = lent.remove(statement);
            if (sql == null) {
                return false;
            }
            if (statement.isClosed() || idle.containsKey(sql)) {
                return false;
            }
            ((PreparedStatement) statement).clearParameters();
            idle.put(sql, (PreparedStatement) statement);
            return true;
        }

        synchronized int size() {
            return idle.size();
        }

        private static void closeQuietly(Statement statement) {
            try {
                statement.close();
            } catch (SQLException e) {
                // Closing is best effort: the connection finalizes what is left when it closes.
            }
        }
    }

    /** Jdbi's statement builder for one handle, lending from its connection's cache. */
    private static final class Builder implements StatementBuilder {

        private static final StatementBuilder PLAIN = new DefaultStatementBuilder();

        private final Cache cache;

        Builder(Cache cache) {
            this.cache = cache;
        }

        @Override
        public Statement create(Connection connection, StatementContext context) throws SQLException {
            return connection.createStatement();
        }

        @Override
        public PreparedStatement create(Connection connection, String sql, StatementContext context)
                throws SQLException {
            if (context.isReturningGeneratedKeys() || context.isConcurrentUpdatable()) {
                return PLAIN.create(connection, sql, context);
            }
            PreparedStatement cached = cache.take(sql);
            if (cached != null) {
                return cached;
            }
            PreparedStatement fresh = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY,
                    ResultSet.CONCUR_READ_ONLY);
            cache.lend(fresh, sql);
            return fresh;
        }

        @Override
        public CallableStatement createCall(Connection connection, String sql, StatementContext context)
                throws SQLException {
            return connection.prepareCall(sql);
        }

        @Override
        public void close(Connection connection, String sql, Statement statement) throws SQLException {
            if (statement != null && !cache.giveBack(statement)) {
                statement.close();
            }
        }
    }
}
