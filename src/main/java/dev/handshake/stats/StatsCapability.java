package dev.handshake.stats;

import dev.handshake.wiring.Foundation;
import dev.handshake.wiring.Wiring;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stats capability: the agreement's numbers, computed in SQL, and the funnel of leads they count, rebuilt at
 * start-up for the agreement's MQL stages. {@code /sla stats} is added with its charts (see the chart capability).
 */
public final class StatsCapability {

    private static final Logger log = LoggerFactory.getLogger(StatsCapability.class);

    private StatsCapability() {}

    /** Returns the numbers, which {@code /sla stats}, its charts, the reviews and the App Home show. */
    public static Stats wire(Foundation base, Wiring wiring) {
        wiring.beforeServing("funnel rebuild", () -> {
            long rebuilt = new FunnelLeads(base.writes(), base.agreement()).sync();
            if (rebuilt > 0) {
                log.info("Rebuilt the funnel of {} leads for the agreement's MQL stages", rebuilt);
            }
        });
        return new Stats(base.database().jdbi(), base.agreement(), base.hours(), base.clock());
    }
}
