package dev.handshake.handoff;

import java.time.Instant;

/**
 * Where a handoff stands on the SLA clock: how often it was reassigned, whether its current deadline passed
 * undecided, and, once accepted, the first-contact commitment. Null instants mean "not (yet)".
 */
public record SlaState(
        int reassignments, Instant overdueAt, Instant contactDueAt, Instant contactedAt, String contactedBy,
        Instant contactOverdueAt) {

    /** A handoff the clock has not touched yet. */
    public static final SlaState NONE = new SlaState(0, null, null, null, null, null);
}
