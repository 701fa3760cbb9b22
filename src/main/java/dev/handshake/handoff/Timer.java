package dev.handshake.handoff;

import java.time.Instant;

/** One step of a clock for a handoff and round of deadlines, due at a given instant. */
record Timer(long handoffId, TimerKind kind, int round, Instant dueAt) {}
