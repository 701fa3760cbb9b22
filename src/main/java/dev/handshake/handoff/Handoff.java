package dev.handshake.handoff;

import java.time.Instant;
import java.util.List;

/**
 * A lead handed from marketing to sales and everything decided about it so far. {@code decision} and
 * {@code marketingOutcome} are null until they happen; {@code channelId}/{@code messageTs} until it is posted;
 * {@code sla} is where it stands on the SLA clock (reminders, overdue, reassignment, first contact).
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
        String agreementVersion,
        SlaState sla) {

    public Handoff {
        criteriaMet = List.copyOf(criteriaMet);
        sla = sla == null ? SlaState.NONE : sla;
    }

    /** A handoff the SLA clock has not touched yet. */
    public Handoff(long id, String externalId, String stage, Lead lead, String assignee, String note,
            List<String> criteriaMet, HandoffStatus status, Instant receivedAt, Instant dueAt, Decision decision,
            MarketingOutcome marketingOutcome, String channelId, String messageTs, String agreementVersion) {
        this(id, externalId, stage, lead, assignee, note, criteriaMet, status, receivedAt, dueAt, decision,
                marketingOutcome, channelId, messageTs, agreementVersion, SlaState.NONE);
    }
}
