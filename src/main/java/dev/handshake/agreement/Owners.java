package dev.handshake.agreement;

/** The two people who own the agreement: one for marketing, one for sales. */
public record Owners(Owner marketing, Owner sales) {}
