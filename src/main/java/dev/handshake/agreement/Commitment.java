package dev.handshake.agreement;

/** A promise one team made to the other: who does what, by when (steps 4 and 5). */
public record Commitment(Team team, String what, String byWhen) {}
