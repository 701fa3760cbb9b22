package dev.handshake.handoff;

import java.util.Set;

/** What came of a click on a handoff: done, too late, not this user's to make, or no such handoff. */
public sealed interface Outcome {

    /** The change was recorded. */
    record Done(Handoff handoff) implements Outcome {}

    /** Someone else got there first, or the step does not apply where the lead is; {@code handoff} shows where. */
    record AlreadyDone(Handoff handoff) implements Outcome {}

    /** The agreement does not let this user make the change. */
    record NotAllowed(Handoff handoff) implements Outcome {}

    /** Only {@code who} may take {@code step}, and this user is not one of them. */
    record Refused(Handoff handoff, Step step, Set<Role> who) implements Outcome {}

    /** Slack could not tell whether this user may ({@code why}: Slack's error); nothing changed. */
    record CannotTell(Handoff handoff, String why) implements Outcome {}

    /** No handoff has this id. */
    record Unknown() implements Outcome {}
}
