package dev.handshake.db;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Recognises, anywhere in a cause chain, a database that cannot take the work for the moment, so that the caller
 * answers "try again" with nothing stored: SQLite's "database is locked/busy"; on PostgreSQL a lock wait past its
 * limit, a deadlock or serialization failure still there after the retries, a server restarting or unreachable, no
 * pooled connection free in time; and a write that gave up waiting within its {@link LockWait} limit. Never a write
 * whose outcome is unknown ({@link OutcomeUnknownException}), whatever its cause.
 */
public final class Busy {

    /** PostgreSQL SQLSTATEs that pass: lock_not_available, serialization_failure, deadlock_detected, admin_shutdown,
     *  crash_shutdown, cannot_connect_now, too_many_connections; and the class 08, connection exceptions. */
    private static final Set<String> POSTGRESQL_STATES = Set.of("55P03", "40001", "40P01", "57P01", "57P02", "57P03",
            "53300");

    private Busy() {}

    public static boolean isBusy(Throwable error) {
        // A cause chain can loop (a caused by b caused by a); stop at the first repeat.
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof OutcomeUnknownException) {
                // Its cause may be a broken connection, but the commit may have happened: never "nothing stored".
                return false;
            }
            if (t instanceof LockWaitExceededException || t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLiteException sqlite) {
                SQLiteErrorCode code = sqlite.getResultCode();
                if (code == SQLiteErrorCode.SQLITE_BUSY || code == SQLiteErrorCode.SQLITE_LOCKED
                        || code.name().startsWith("SQLITE_BUSY_") || code.name().startsWith("SQLITE_LOCKED_")) {
                    return true;
                }
            } else if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (POSTGRESQL_STATES.contains(state) || state.startsWith("08")) {
                    return true;
                }
            }
        }
        return false;
    }
}
