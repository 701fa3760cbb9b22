package dev.handshake.review;

import java.time.Instant;

/** One review of the agreement: when it fell due, where it was posted, and whether (and how) it was done. */
public record Review(
        String period, Instant dueAt, Instant postedAt, String channelId, String messageTs, Instant snoozedUntil,
        Instant followUpPostedAt, Instant reviewedAt, String reviewedBy, String outcome, String notes) {

    public boolean reviewed() {
        return reviewedAt != null;
    }
}
