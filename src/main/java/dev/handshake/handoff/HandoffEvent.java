package dev.handshake.handoff;

import java.time.Instant;

/** One step in a handoff's life (received, posted, accepted, rejected, recycled, contested, failed, …). */
public record HandoffEvent(String kind, String actor, Instant at, String detail) {}
