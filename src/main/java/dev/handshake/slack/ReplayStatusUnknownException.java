package dev.handshake.slack;

/**
 * Whether a Slack request was already handled cannot be known now (its key could not be looked up or stored), so
 * it must not have an effect: the user is asked to try again, and Slack retries an event.
 */
final class ReplayStatusUnknownException extends RuntimeException {

    ReplayStatusUnknownException(String message, Throwable cause) {
        super(message, cause);
    }
}
