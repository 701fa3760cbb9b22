package dev.handshake.outbox;

import java.time.Duration;
import java.time.Instant;
import org.jdbi.v3.core.Handle;

/**
 * Sends one kind of outbox item: renders it from the current state of what it is about, makes the call, and says
 * what to record. A failed call throws; its {@link Transport} says what kind of failure it was. Owned by the
 * capability whose work it sends, and registered at start-up. Called on the dispatcher's sender threads.
 */
public interface OutboxHandler {

    /** The transport this handler's calls go through: it classifies their failures (e.g. {@code slack}). */
    String transport();

    Sent send(OutboxItem item);

    /** The least time between the end of one item of a lane and the start of the next (Slack: a post a second). */
    default Duration pace() {
        return Duration.ZERO;
    }

    /** How long transient failures are retried before the item is given up. */
    default Duration giveUpAfter() {
        return Outbox.GIVE_UP_AFTER;
    }

    /**
     * Whether sending one item also does what the same lane's later items of this kind and subject ask, when they
     * were added before it was sent (a view rendered from the current state, such as the App Home).
     */
    default boolean coalesces() {
        return false;
    }

    /**
     * How long an item is kept once done or failed (the record of what was sent and why it failed, for the health
     * page and a look back); then the dispatcher deletes it. {@link Outbox#FOREVER} keeps it: for kinds whose item
     * is their owner's only record that it was owed once.
     */
    default Duration keepFor() {
        return Outbox.KEEP_FOR;
    }

    /** Records, in the transaction that marks it failed, that the item will never be sent. */
    default void gaveUp(Handle handle, OutboxItem item, String error, Instant now) {}
}
