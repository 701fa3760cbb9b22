package dev.handshake.roster;

import dev.handshake.wiring.Foundation;
import dev.handshake.wiring.Wiring;

/** The roster capability: who is away, and {@code /sla away} and {@code /sla back}. */
public final class RosterCapability {

    private RosterCapability() {}

    /** Adds {@code /sla away}; returns the roster, which the SLA clock asks who is away. */
    public static Roster wire(Foundation base, Wiring wiring) {
        Roster roster = new Roster(base.database().jdbi(), base.writes(), base.clock(), base.zone());
        wiring.command(new AwayCommand(roster, base.clock(), base.zone()).command());
        return roster;
    }
}
