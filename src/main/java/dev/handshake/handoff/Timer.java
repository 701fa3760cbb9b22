package dev.handshake.handoff;

import java.time.Instant;

/** One step of the SLA clock for a handoff and assignment round, due at a given instant. */
record Timer(long id, long handoffId, TimerKind kind, int round, Instant dueAt) {}
