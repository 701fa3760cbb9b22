package dev.handshake.ask;

import java.time.LocalDate;

/**
 * Someone who acknowledged the agreement, shown at the end of {@code /sla terms}: a Slack user id (U…) when
 * known, otherwise a name, and the date, which may be null.
 */
public record Acknowledgement(String slackUser, String name, LocalDate on) {}
