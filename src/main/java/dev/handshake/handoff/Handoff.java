package dev.handshake.handoff;

import java.time.Instant;
import java.util.List;

/**
 * A lead handed from marketing to sales and everything decided about it so far. {@code decision} and
 * {@code marketingOutcome} are null until they happen; {@code channelId}/{@code messageTs} until it is posted;
 * {@code sla} is where it stands on the SLA clock (reminders, overdue, reassignment, first contact); {@code state}
 * is where it is in its life ({@link HandoffLife}); {@code status} stays sales' answer, which the numbers count;
 * {@code lastMove} is the last step a person took that is not a decision (null when none).
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
        SlaState sla,
        HandoffState state,
        LastMove lastMove) {

    public Handoff {
        criteriaMet = List.copyOf(criteriaMet);
        sla = sla == null ? SlaState.NONE : sla;
        state = state == null ? HandoffState.of(status, marketingOutcome, sla) : state;
    }

    /** A handoff whose state follows from its status, marketing's answer and first contact. */
    public Handoff(long id, String externalId, String stage, Lead lead, String assignee, String note,
            List<String> criteriaMet, HandoffStatus status, Instant receivedAt, Instant dueAt, Decision decision,
            MarketingOutcome marketingOutcome, String channelId, String messageTs, String agreementVersion,
            SlaState sla) {
        this(id, externalId, stage, lead, assignee, note, criteriaMet, status, receivedAt, dueAt, decision,
                marketingOutcome, channelId, messageTs, agreementVersion, sla, null, null);
    }

    /** A handoff the SLA clock has not touched yet. */
    public Handoff(long id, String externalId, String stage, Lead lead, String assignee, String note,
            List<String> criteriaMet, HandoffStatus status, Instant receivedAt, Instant dueAt, Decision decision,
            MarketingOutcome marketingOutcome, String channelId, String messageTs, String agreementVersion) {
        this(id, externalId, stage, lead, assignee, note, criteriaMet, status, receivedAt, dueAt, decision,
                marketingOutcome, channelId, messageTs, agreementVersion, SlaState.NONE, null, null);
    }

    /** The same handoff in another state, for rendering what a change leads to. */
    public Handoff inState(HandoffState newState) {
        return new Handoff(id, externalId, stage, lead, assignee, note, criteriaMet, status, receivedAt, dueAt,
                decision, marketingOutcome, channelId, messageTs, agreementVersion, sla, newState, lastMove);
    }
}
