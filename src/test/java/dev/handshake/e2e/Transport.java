package dev.handshake.e2e;

/**
 * How Slack's requests reach the app in an end-to-end test: signed HTTP requests to {@code /slack/events}, or
 * envelopes over the app's Socket Mode connections to the stand-in for Slack's server. The same listener tests run
 * over both.
 */
public enum Transport {
    HTTP,
    SOCKET_MODE
}
