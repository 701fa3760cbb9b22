package dev.handshake.db;

/**
 * A write transaction was taken by the writer, but its caller stopped waiting before learning how it ended: it may
 * be committed or not. The caller must say so ("outcome unknown, retry with the same id"), never "nothing was
 * stored"; a retry of an idempotent request (same id, compare-and-set) settles it.
 */
public final class OutcomeUnknownException extends RuntimeException {

    public OutcomeUnknownException(String message) {
        super(message);
    }
}
