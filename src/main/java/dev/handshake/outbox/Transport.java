package dev.handshake.outbox;

import java.util.Optional;

/**
 * A kind of destination the outbox delivers to (Slack; later webhook endpoints or a CRM): it tells what a failure
 * of its calls means. While it refuses the app's credentials, its items wait and other transports' go on.
 * Implementations are thread-safe.
 */
public interface Transport {

    /** The name handlers give as their {@link OutboxHandler#transport()}, e.g. {@code slack}. */
    String name();

    /** What {@code error}, thrown by a handler of this transport's items, means; empty if it is not this transport's. */
    Optional<Failure> classify(RuntimeException error);

    /** A permanent failure was recorded: show it where operators look (the health page). */
    default void gaveUp(Failure failure) {}

    /**
     * How many calls of this transport may be under way at once on threads of its own, so that a slow or dead
     * destination (a webhook endpoint answering in 15 s) never holds the threads others send on; 0 (the default)
     * shares the outbox's pool.
     */
    default int senders() {
        return 0;
    }
}
