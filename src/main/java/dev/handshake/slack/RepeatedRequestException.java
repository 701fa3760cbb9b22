package dev.handshake.slack;

import dev.handshake.db.JoinedClaim;

/**
 * A transaction of a Slack request found the request's key already taken ({@link SeenRequests#join}): the request
 * is a repeat of one already handled, and the transaction is rolled back with nothing stored.
 */
final class RepeatedRequestException extends JoinedClaim.Refused {

    RepeatedRequestException() {
        super("a repeat of a Slack request already handled");
    }
}
