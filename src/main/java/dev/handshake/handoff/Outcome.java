package dev.handshake.handoff;

/** What came of a click on a handoff: done, too late, not this user's to make, or no such handoff. */
public sealed interface Outcome {

    /** The change was recorded. */
    record Done(Handoff handoff) implements Outcome {}

    /** Someone else got there first; {@code handoff} shows what they did. */
    record AlreadyDone(Handoff handoff) implements Outcome {}

    /** The agreement does not let this user make the change. */
    record NotAllowed(Handoff handoff) implements Outcome {}

    /** No handoff has this id. */
    record Unknown() implements Outcome {}
}
