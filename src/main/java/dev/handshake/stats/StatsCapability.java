package dev.handshake.stats;

import dev.handshake.wiring.Foundation;
import dev.handshake.wiring.Wiring;

/** The stats capability: the agreement's numbers, computed in SQL, and {@code /sla stats}. */
public final class StatsCapability {

    private StatsCapability() {}

    /** Adds {@code /sla stats}; returns the numbers, which the reviews and the App Home show too. */
    public static Stats wire(Foundation base, Wiring wiring) {
        Stats stats = new Stats(base.database().jdbi(), base.agreement());
        wiring.command(new StatsCommand(stats, base.clock(), base.zone()).command());
        return stats;
    }
}
