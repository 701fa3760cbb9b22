package dev.handshake.db;

import java.sql.SQLException;
import java.util.Objects;
import java.util.Set;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

/**
 * Write transactions on PostgreSQL: each call is one transaction on a pooled connection, committed before it
 * returns (the server groups concurrent commits into one WAL flush itself). A transaction waits for another's row
 * locks for the busy timeout (each pooled connection's {@code lock_timeout}), or for a thread with a {@link LockWait}
 * limit only that long; then it fails as busy with nothing stored. A deadlock or serialization failure, which PostgreSQL
 * resolves by rolling one transaction back, is run again, so work must not act outside the database before its
 * commit (it registers such actions with {@code handle.afterCommit}). Thread-safe.
 */
final class PostgresTransactions implements Transactions {

    /** SQLSTATEs after which running the transaction again can succeed: serialization_failure, deadlock_detected. */
    private static final Set<String> RETRIABLE = Set.of("40001", "40P01");
    private static final int ATTEMPTS = 3;

    private final Jdbi jdbi;
    private final LockWait lockWait;

    PostgresTransactions(Jdbi jdbi, LockWait lockWait) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi == null");
        this.lockWait = Objects.requireNonNull(lockWait, "lockWait == null");
    }

    @Override
    public <T> T inTransaction(HandleCallback<T, RuntimeException> work) {
        for (int attempt = 1; ; attempt++) {
            long remaining = lockWait.remainingMillis();
            if (remaining == 0) {
                throw new LockWaitExceededException("the time to wait for the database ran out before the transaction"
                        + " started; nothing was stored");
            }
            try {
                return jdbi.inTransaction(handle -> {
                    // Every connection waits the busy timeout already; a shorter limit costs one more round trip.
                    if (remaining < Database.BUSY_TIMEOUT_MILLIS - 100) {
                        handle.execute("SET LOCAL lock_timeout = " + remaining);
                    }
                    return work.withHandle(handle);
                });
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !retriable(e)) {
                    throw e;
                }
            }
        }
    }

    private static boolean retriable(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && RETRIABLE.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
