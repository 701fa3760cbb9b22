package dev.handshake.agreement;

/** A named owner of the agreement; {@code slackUser} is a Slack user id (U…) or null. */
public record Owner(String name, String title, String slackUser) {}
