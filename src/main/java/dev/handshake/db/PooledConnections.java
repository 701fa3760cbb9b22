package dev.handshake.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import javax.sql.DataSource;
import org.jdbi.v3.core.ConnectionFactory;
import org.sqlite.SQLiteConnection;

/**
 * Keeps up to {@code maxIdle} SQLite connections open between uses. Opening one costs a file open, a schema read
 * and the pragmas on every request otherwise. Never blocks: when none is idle, a new one is opened. A connection
 * handed to a thread with a {@link LockWait} limit waits for locks only that long; it gets the full busy timeout back
 * when it is returned. Thread-safe.
 */
final class PooledConnections implements ConnectionFactory {

    private final DataSource dataSource;
    private final BlockingQueue<Connection> idle;
    private final LockWait lockWait;
    private final int busyTimeoutMillis;
    private volatile boolean closed;

    PooledConnections(DataSource dataSource, int maxIdle, LockWait lockWait, int busyTimeoutMillis) {
        this.dataSource = dataSource;
        this.idle = new ArrayBlockingQueue<>(maxIdle);
        this.lockWait = lockWait;
        this.busyTimeoutMillis = busyTimeoutMillis;
    }

    @Override
    public Connection openConnection() throws SQLException {
        Connection connection = idle.poll();
        if (connection == null) {
            connection = dataSource.getConnection();
        }
        long remaining = lockWait.remainingMillis();
        if (remaining < busyTimeoutMillis) {
            connection.unwrap(SQLiteConnection.class).setBusyTimeout((int) remaining);
        }
        return connection;
    }

    @Override
    public void closeConnection(Connection connection) throws SQLException {
        // A connection goes back only in the state a new one starts in: autocommit, no open transaction.
        boolean reusable = false;
        try {
            if (!connection.isClosed()) {
                SQLiteConnection sqlite = connection.unwrap(SQLiteConnection.class);
                if (sqlite.getBusyTimeout() != busyTimeoutMillis) {
                    sqlite.setBusyTimeout(busyTimeoutMillis);
                }
                if (!connection.getAutoCommit()) {
                    connection.rollback();
                    connection.setAutoCommit(true);
                }
                reusable = true;
            }
        } catch (SQLException e) {
            reusable = false;
        }
        if (!reusable || closed || !idle.offer(connection)) {
            connection.close();
        }
    }

    /** Closes the idle connections, and from now on every connection given back. */
    void close() {
        closed = true;
        for (Connection connection = idle.poll(); connection != null; connection = idle.poll()) {
            try {
                connection.close();
            } catch (SQLException e) {
                // Closing is best effort: the process is stopping.
            }
        }
    }
}
