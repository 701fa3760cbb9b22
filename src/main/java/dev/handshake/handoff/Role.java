package dev.handshake.handoff;

/** Who may take a {@link Step}: the people the agreement names for it, or the clock. */
public enum Role {
    /** Whoever the agreement lets decide ({@code who_decides}): anyone, or the assigned rep. */
    DECIDER,
    /** The rep who accepted the lead. */
    ACCEPTER,
    /** Marketing: the agreement's marketing audience ({@code permissions.marketing}). */
    MARKETING,
    /** The escalation target: a user, or the members of a user group or channel. */
    ESCALATION,
    /** The SLA clock and marketing's clock. */
    CLOCK
}
