package dev.handshake.people;

import dev.handshake.lifecycle.Managed;
import dev.handshake.slack.SlackReads;
import dev.handshake.wiring.Foundation;
import dev.handshake.wiring.Wiring;

/**
 * Who people are, read from Slack: their names (shown without pinging), who belongs to the user groups and channels
 * the agreement names, and how to describe such an audience. Other capabilities ask it who may take a step.
 */
public final class PeopleCapability {

    private final Directory directory;
    private final Membership membership;
    private final Audiences audiences;

    private PeopleCapability(Directory directory, Membership membership, Audiences audiences) {
        this.directory = directory;
        this.membership = membership;
        this.audiences = audiences;
    }

    /** Reads Slack through {@code reads}; the directory's background lookups stop with the app. */
    public static PeopleCapability wire(Foundation base, Wiring wiring, SlackReads reads) {
        Directory directory = new Directory(reads, base.clock());
        wiring.part("people directory", Managed.stopping(directory));
        return new PeopleCapability(directory, new Membership(reads, base.clock()), new Audiences(directory));
    }

    /** People's and user groups' names. */
    public Directory directory() {
        return directory;
    }

    /** Who belongs to a user group or channel. */
    public Membership membership() {
        return membership;
    }

    /** How an audience the agreement names is described to someone who is not in it. */
    public Audiences audiences() {
        return audiences;
    }
}
