package dev.handshake.handoff;

import java.util.Locale;

/**
 * Where a handoff is in its life (docs/HANDOFFS.md draws it): waiting for sales, unclaimed, accepted and then
 * contacted, or rejected and then answered by marketing. {@link HandoffLife} says which {@link Step} leads where.
 */
public enum HandoffState {
    /** Waiting for sales to accept or reject it, with a deadline. */
    PENDING,
    /** Nobody in sales took it in time and no reassignment is left: back with marketing and the manager. */
    UNCLAIMED,
    /** Accepted; the first-contact clock runs when the stage has one. */
    ACCEPTED,
    /** Accepted and contacted: done. */
    CONTACTED,
    /** Rejected; marketing's clock runs until marketing recycles or contests it. */
    REJECTED,
    /** Marketing contested the rejection; the escalation target upholds it or reopens the lead. */
    CONTESTED,
    /** The escalation target upheld the rejection; marketing recycles it. */
    UPHELD,
    /** Back to nurture with marketing: done. */
    RECYCLED;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static HandoffState fromKey(String key) {
        return valueOf(key.toUpperCase(Locale.ROOT));
    }

    /** Whether the handoff's life has ended here (no step leads on). */
    public boolean finished() {
        return this == CONTACTED || this == RECYCLED;
    }

    /** What a handoff's columns say, for handoffs built in memory without a stored state. */
    static HandoffState of(HandoffStatus status, MarketingOutcome marketing, SlaState sla) {
        return switch (status) {
            case PENDING -> marketing != null && marketing.kind() == MarketingOutcome.Kind.RECYCLED ? RECYCLED : PENDING;
            case ACCEPTED -> sla != null && sla.contactedAt() != null ? CONTACTED : ACCEPTED;
            case REJECTED -> marketing == null ? REJECTED
                    : marketing.kind() == MarketingOutcome.Kind.RECYCLED ? RECYCLED : CONTESTED;
        };
    }
}
