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
}
