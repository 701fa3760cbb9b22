package dev.handshake.handoff;

import java.time.Instant;

/** A commitment's deadline and when to remind before it ({@code remindAt} is null when there is no reminder). */
public record Deadline(Instant dueAt, Instant remindAt) {}
