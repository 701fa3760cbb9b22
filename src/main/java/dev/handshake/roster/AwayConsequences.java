package dev.handshake.roster;

/** What being away means for a rep's leads, in the terms of the agreement's routing; told in {@code /sla away}'s reply. */
@FunctionalInterface
public interface AwayConsequences {

    /** Sentences saying what happens to new leads, to leads sent straight to the rep, and to the leads they hold. */
    String whileAway(String userId);
}
