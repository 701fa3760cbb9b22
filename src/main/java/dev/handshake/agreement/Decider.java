package dev.handshake.agreement;

/** Who may accept or reject a handoff. */
public enum Decider {
    /** Anyone who can see the handoff in the sales channel. */
    ANYONE,
    /** Only the assigned rep; anyone in the channel when nobody is assigned. */
    ASSIGNEE
}
