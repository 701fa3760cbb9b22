package dev.handshake.stats;

/** How many handoffs of the period were rejected for one reason. */
public record ReasonCount(String reason, long count) {}
