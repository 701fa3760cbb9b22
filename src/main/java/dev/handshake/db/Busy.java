package dev.handshake.db;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Recognises SQLite's "database is locked/busy" errors anywhere in a cause chain, and a write that gave up waiting
 * within its {@link LockWait} limit.
 */
public final class Busy {

    private Busy() {}

    public static boolean isBusy(Throwable error) {
        // A cause chain can loop (a caused by b caused by a); stop at the first repeat.
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof LockWaitExceededException) {
                return true;
            }
            if (t instanceof SQLiteException sqlite) {
                SQLiteErrorCode code = sqlite.getResultCode();
                if (code == SQLiteErrorCode.SQLITE_BUSY || code == SQLiteErrorCode.SQLITE_LOCKED
                        || code.name().startsWith("SQLITE_BUSY_") || code.name().startsWith("SQLITE_LOCKED_")) {
                    return true;
                }
            }
        }
        return false;
    }
}
