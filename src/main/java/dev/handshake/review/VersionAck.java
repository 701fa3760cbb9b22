package dev.handshake.review;

import java.time.Instant;

/** An owner's acknowledgement of an agreement version, in their role ({@code marketing} or {@code sales}). */
public record VersionAck(String role, String userId, Instant at) {}
