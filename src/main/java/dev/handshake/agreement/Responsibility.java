package dev.handshake.agreement;

/** One duty at a stage: who (a team or a role) does what. */
public record Responsibility(String who, String does) {}
