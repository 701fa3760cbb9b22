package dev.handshake.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.WeakHashMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

/**
 * Write transactions on PostgreSQL: each call is one transaction on a pooled connection, committed before it
 * returns (the server groups concurrent commits into one WAL flush itself). A transaction waits for another's row
 * locks for the busy timeout (each pooled connection's {@code lock_timeout}), or for a thread with a {@link LockWait}
 * limit at most what is left of it; then it fails as busy with nothing stored. A connection that breaks once the work
 * has run, while the commit is under way, leaves it unknown whether the server committed: an
 * {@link OutcomeUnknownException}, never "busy". A deadlock or serialization failure,
 * which PostgreSQL resolves by rolling one transaction back, is run again, so work must not act outside the database
 * before its commit (it registers such actions with {@code handle.afterCommit}). A {@link JoinedClaim} open on the
 * calling thread is made first in each transaction until one commits with it. Thread-safe.
 */
final class PostgresTransactions implements Transactions {

    /** SQLSTATEs after which running the transaction again can succeed: serialization_failure, deadlock_detected. */
    private static final Set<String> RETRIABLE = Set.of("40001", "40P01");
    private static final int ATTEMPTS = 3;
    /**
     * A limited wait is rounded down to a multiple of this, so that the Slack requests a connection serves one after
     * another ask for the same {@code lock_timeout} and the connection keeps it, instead of a {@code SET} (a round
     * trip to the server) in every transaction.
     */
    static final long LOCK_TIMEOUT_STEP_MILLIS = 250;
    /** A connection whose {@code lock_timeout} is not known (a transaction that set it may have been rolled back). */
    private static final long UNKNOWN = -1;

    private final Jdbi jdbi;
    private final LockWait lockWait;
    /**
     * The {@code lock_timeout} each connection of the pool was last given, by its connection to the server; one
     * missing from here has the pool's initial value, the busy timeout. Weak: the pool closes connections and opens
     * new ones.
     */
    private final Map<Connection, Long> lockTimeouts = Collections.synchronizedMap(new WeakHashMap<>());

    PostgresTransactions(Jdbi jdbi, LockWait lockWait) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi == null");
        this.lockWait = Objects.requireNonNull(lockWait, "lockWait == null");
    }

    @Override
    public <T> T inTransaction(HandleCallback<T, RuntimeException> work) {
        for (int attempt = 1; ; attempt++) {
            ranOut(lockWait.remainingMillis());
            boolean[] workDone = {false};
            try {
                return jdbi.inTransaction(handle -> {
                    // What is left once a connection was had: the wait for one may have taken part of the limit.
                    long lockTimeout = lockTimeoutFor(ranOut(lockWait.remainingMillis()));
                    Connection server = serverConnection(handle);
                    long current = lockTimeouts.getOrDefault(server, (long) Database.BUSY_TIMEOUT_MILLIS);
                    if (current != lockTimeout) {
                        // Unknown until this transaction commits: a rollback takes the SET back with it.
                        lockTimeouts.put(server, UNKNOWN);
                        handle.execute("SET lock_timeout = " + lockTimeout);
                        handle.afterCommit(() -> lockTimeouts.put(server, lockTimeout));
                    }
                    JoinedClaim.makeIn(handle);
                    T result = work.withHandle(handle);
                    workDone[0] = true;
                    return result;
                });
            } catch (RuntimeException e) {
                if (workDone[0] && connectionLost(e)) {
                    // The work had run and the commit was under way: the server may have committed it.
                    throw new OutcomeUnknownException("the connection to PostgreSQL broke while the commit was under"
                            + " way; the transaction may be committed", e);
                }
                if (attempt >= ATTEMPTS || !retriable(e)) {
                    throw e;
                }
            }
        }
    }

    /** {@code remainingMillis} of the thread's limit, or the limit's end when none is left: nothing stored. */
    private static long ranOut(long remainingMillis) {
        if (remainingMillis == 0) {
            throw new LockWaitExceededException("the time to wait for the database ran out before the transaction"
                    + " started; nothing was stored");
        }
        return remainingMillis;
    }

    /** Whether the connection to the server broke (SQLSTATE class 08, or the server shutting the session down). */
    static boolean connectionLost(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The {@code lock_timeout} for a transaction that may wait {@code remainingMillis} for locks: the busy timeout
     * when that is (about) all of it, otherwise the wait rounded down to a {@link #LOCK_TIMEOUT_STEP_MILLIS} step
     * (never longer than what is left, and at least a millisecond: zero would mean no limit to PostgreSQL).
     */
    static long lockTimeoutFor(long remainingMillis) {
        if (remainingMillis >= Database.BUSY_TIMEOUT_MILLIS - 100) {
            return Database.BUSY_TIMEOUT_MILLIS;
        }
        if (remainingMillis < LOCK_TIMEOUT_STEP_MILLIS) {
            return Math.max(1, remainingMillis);
        }
        return remainingMillis / LOCK_TIMEOUT_STEP_MILLIS * LOCK_TIMEOUT_STEP_MILLIS;
    }

    private static Connection serverConnection(Handle handle) {
        Connection pooled = handle.getConnection();
        try {
            // The pool hands out a new wrapper each time; the connection to the server is the one that keeps the SET.
            return pooled.isWrapperFor(Connection.class) ? pooled.unwrap(Connection.class) : pooled;
        } catch (SQLException e) {
            return pooled;
        }
    }

    static boolean retriable(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // A pooled connection not handed out in time has no SQLSTATE.
            if (t instanceof SQLException sql && sql.getSQLState() != null && RETRIABLE.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
