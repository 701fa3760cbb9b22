package dev.handshake.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import javax.sql.DataSource;
import org.jdbi.v3.core.ConnectionFactory;

/**
 * Keeps up to {@code maxIdle} SQLite connections open between uses. Opening one costs a file open, a schema read
 * and the pragmas on every request otherwise. Never blocks: when none is idle, a new one is opened. Thread-safe.
 */
final class PooledConnections implements ConnectionFactory {

    private final DataSource dataSource;
    private final BlockingQueue<Connection> idle;

    PooledConnections(DataSource dataSource, int maxIdle) {
        this.dataSource = dataSource;
        this.idle = new ArrayBlockingQueue<>(maxIdle);
    }

    @Override
    public Connection openConnection() throws SQLException {
        Connection connection = idle.poll();
        return connection != null ? connection : dataSource.getConnection();
    }

    @Override
    public void closeConnection(Connection connection) throws SQLException {
        // A connection goes back only in the state a new one starts in: autocommit, no open transaction.
        boolean reusable = false;
        try {
            if (!connection.isClosed()) {
                if (!connection.getAutoCommit()) {
                    connection.rollback();
                    connection.setAutoCommit(true);
                }
                reusable = true;
            }
        } catch (SQLException e) {
            reusable = false;
        }
        if (!reusable || !idle.offer(connection)) {
            connection.close();
        }
    }
}
