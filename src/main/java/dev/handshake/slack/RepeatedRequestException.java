package dev.handshake.slack;

/**
 * A transaction of a Slack request found the request's key already taken ({@link SeenRequests#join}): the request
 * is a repeat of one already handled, and the transaction is rolled back with nothing stored.
 */
final class RepeatedRequestException extends RuntimeException {

    RepeatedRequestException() {
        super("a repeat of a Slack request already handled", null, false, false);
    }
}
