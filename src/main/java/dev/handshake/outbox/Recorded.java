package dev.handshake.outbox;

import java.util.Objects;

/**
 * An event a capability recorded (a handoff accepted, a reminder sent), offered to the outbox's {@link Subscriber}s
 * inside the transaction that records it: {@code kind} says what happened, {@code subject} what it happened to (in
 * its owner's terms, e.g. a handoff id) and {@code id} which event it is.
 */
public record Recorded(String kind, String subject, long id) {

    public Recorded {
        Objects.requireNonNull(kind, "kind == null");
        Objects.requireNonNull(subject, "subject == null");
    }
}
