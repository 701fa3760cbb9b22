package dev.handshake.handoff;

import java.time.Instant;

/** Sales' answer to a handoff: who accepted or rejected it, when, and for a rejection why. */
public record Decision(HandoffStatus outcome, String by, Instant at, String reason, String comment) {}
