package dev.handshake.outbox;

import java.util.Objects;

/** An item to add to the outbox: which handler sends it, in which lane, about what, with what detail. */
public record Owed(String kind, String lane, String subject, String detail) {

    public Owed {
        Objects.requireNonNull(kind, "kind == null");
        Objects.requireNonNull(lane, "lane == null");
    }
}
