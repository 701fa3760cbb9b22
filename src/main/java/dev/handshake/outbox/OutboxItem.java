package dev.handshake.outbox;

import java.time.Instant;

/**
 * One piece of work owed to the outside world, as stored: its {@code kind} names the handler that sends it, its
 * {@code lane} the queue it waits in (items of a lane go one at a time, in order), {@code subject} what it is about
 * in its owner's terms (a handoff id, a review period, a user) and {@code detail} whatever else its handler needs.
 */
public record OutboxItem(long id, String kind, String lane, String subject, String detail, int attempts,
        Instant createdAt) {}
