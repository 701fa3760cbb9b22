package dev.handshake.handoff;

import java.time.Instant;

/** One Slack call a handoff still owes, with its retry state. */
record Delivery(long id, long handoffId, DeliveryKind kind, String lane, int attempts, Instant createdAt) {}
