package dev.handshake.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jdbi.v3.core.ConnectionFactory;

/**
 * The PostgreSQL pool's connections for Jdbi, taken in turn: a thread that finds all {@code size} in use waits here
 * asleep for one to be given back (those asleep wake in the order they came; a thread arriving while one is free takes
 * it, which keeps the connections busy). HikariCP hands a returned connection to a waiting thread by spinning
 * ({@code Thread.yield()}) until that thread takes it, which on a machine with more busy threads than cores burns CPU
 * the request needed; with this in front it always finds a connection free. Waits at most {@code waitMillis}, and a
 * thread with a {@link LockWait} limit at most what is left of it; then the database counts as busy ({@link Busy}).
 * Thread-safe.
 */
final class GatedConnections implements ConnectionFactory {

    private final DataSource pool;
    private final Semaphore free;
    private final long waitMillis;
    private final LockWait lockWait;

    GatedConnections(DataSource pool, int size, long waitMillis, LockWait lockWait) {
        this.pool = Objects.requireNonNull(pool, "pool == null");
        this.free = new Semaphore(size);
        this.waitMillis = waitMillis;
        this.lockWait = Objects.requireNonNull(lockWait, "lockWait == null");
    }

    @Override
    public Connection openConnection() throws SQLException {
        long wait = Math.min(waitMillis, lockWait.remainingMillis());
        try {
            if (!free.tryAcquire(wait, TimeUnit.MILLISECONDS)) {
                throw new SQLTransientConnectionException("no database connection free within " + wait + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLTransientConnectionException("interrupted while waiting for a database connection", e);
        }
        try {
            return pool.getConnection();
        } catch (SQLException | RuntimeException e) {
            free.release();
            throw e;
        }
    }

    @Override
    public void closeConnection(Connection connection) throws SQLException {
        try {
            connection.close();
        } finally {
            free.release();
        }
    }
}
