package dev.handshake.db;

/**
 * A write gave up waiting for the database within its {@link LockWait} limit, before it started: nothing of it was
 * stored. {@link Busy#isBusy} recognises it, so callers answer it as they answer SQLite's own busy error.
 */
public final class LockWaitExceededException extends RuntimeException {

    public LockWaitExceededException(String message) {
        super(message);
    }
}
