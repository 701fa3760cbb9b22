package dev.handshake.db;

/**
 * A write transaction may be committed or not: on SQLite the writer took it, but its caller stopped waiting before
 * learning how it ended; on PostgreSQL the connection broke while the commit was under way. The caller must say so
 * ("outcome unknown, retry with the same id"), never "nothing was stored"; a retry of an idempotent request (same id,
 * compare-and-set) settles it.
 */
public final class OutcomeUnknownException extends RuntimeException {

    public OutcomeUnknownException(String message) {
        super(message);
    }

    public OutcomeUnknownException(String message, Throwable cause) {
        super(message, cause);
    }
}
