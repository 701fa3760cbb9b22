package dev.handshake.review;

import java.time.Instant;

/**
 * One review of the agreement: when it fell due, where it was posted, whether (and how) it was done, and for a review
 * that decided to change the agreement, where its action items were posted and who said they opened the change.
 */
public record Review(
        String period, Instant dueAt, Instant postedAt, String channelId, String messageTs, Instant snoozedUntil,
        Instant followUpPostedAt, Instant reviewedAt, String reviewedBy, String outcome, String notes,
        Instant changePostedAt, String changeChannelId, String changeTs, String changeOpenedBy,
        Instant changeOpenedAt) {

    public boolean reviewed() {
        return reviewedAt != null;
    }
}
