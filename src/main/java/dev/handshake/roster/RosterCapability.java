package dev.handshake.roster;

import dev.handshake.wiring.Foundation;
import dev.handshake.wiring.Wiring;

/** The roster capability: who is away, and {@code /sla away} and {@code /sla back}. */
public final class RosterCapability {

    private RosterCapability() {}

    /** The roster, which routing and the SLA clock ask who is away. */
    public static Roster roster(Foundation base) {
        return new Roster(base.database().jdbi(), base.writes(), base.clock(), base.zone());
    }

    /** Adds {@code /sla away} and {@code /sla back}; {@code consequences} says what happens to the rep's leads. */
    public static void wire(Foundation base, Wiring wiring, Roster roster, AwayConsequences consequences) {
        wiring.command(new AwayCommand(roster, base.clock(), base.zone(), consequences).command());
    }
}
