package dev.handshake.db;

/** The database cannot be used right now (locked past the busy timeout, unreadable, full). */
public final class DatabaseUnavailableException extends RuntimeException {

    public DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
