package dev.handshake.handoff;

import java.time.Instant;

/** One Slack call a handoff still owes, with its retry state; {@code detail} names who it is about, if needed. */
record Delivery(long id, long handoffId, DeliveryKind kind, String lane, int attempts, Instant createdAt, String detail) {}
