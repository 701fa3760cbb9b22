package dev.handshake.funnel;

import dev.handshake.http.BearerToken;
import dev.handshake.wiring.Foundation;
import dev.handshake.wiring.Wiring;

/** The funnel capability: {@code POST /stage-events}, marketing automation's record of leads moving stage. */
public final class FunnelCapability {

    private FunnelCapability() {}

    /** {@code intake} is the bearer token the endpoint requires, or null while intake is off (it answers 503). */
    public static void wire(Foundation base, Wiring wiring, BearerToken intake) {
        wiring.endpoint("/stage-events", new StageEventServlet(intake, new StageEventParser(base.agreement(),
                base.clock()), new StageEventStore(base.writes()), base.clock()));
    }
}
