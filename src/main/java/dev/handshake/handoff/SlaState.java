package dev.handshake.handoff;

import java.time.Instant;

/**
 * Where a handoff stands on the SLA clock: how often it was reassigned, whether its current deadline passed
 * undecided, and, once accepted, the first-contact commitment. Null instants mean "not (yet)". {@code round} is the
 * current round of deadlines (+1 for every reassignment, reopening or new clock): timers of other rounds are stale.
 */
public record SlaState(
        int reassignments, Instant overdueAt, Instant contactDueAt, Instant contactedAt, String contactedBy,
        Instant contactOverdueAt, int round) {

    /** A handoff the clock has not touched yet. */
    public static final SlaState NONE = new SlaState(0, null, null, null, null, null, 0);

    /** As the clock left it when only reassignments started new rounds. */
    public SlaState(int reassignments, Instant overdueAt, Instant contactDueAt, Instant contactedAt,
            String contactedBy, Instant contactOverdueAt) {
        this(reassignments, overdueAt, contactDueAt, contactedAt, contactedBy, contactOverdueAt, reassignments);
    }
}
