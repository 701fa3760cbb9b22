package dev.handshake.handoff;

import java.time.Instant;
import java.util.List;

/**
 * A lead handed from marketing to sales and everything decided about it so far. {@code decision} and
 * {@code marketingOutcome} are null until they happen; {@code channelId}/{@code messageTs} until it is posted.
 */
public record Handoff(
        long id,
        String externalId,
        String stage,
        Lead lead,
        String assignee,
        String note,
        List<String> criteriaMet,
        HandoffStatus status,
        Instant receivedAt,
        Instant dueAt,
        Decision decision,
        MarketingOutcome marketingOutcome,
        String channelId,
        String messageTs,
        String agreementVersion) {

    public Handoff {
        criteriaMet = List.copyOf(criteriaMet);
    }
}
