package dev.handshake.home;

import dev.handshake.handoff.HandoffStore;
import dev.handshake.review.ReviewSchedule;
import dev.handshake.stats.Stats;
import dev.handshake.wiring.Foundation;
import dev.handshake.wiring.Wiring;

/** The App Home capability: the tab published when a user opens it, and its outbox handler. */
public final class HomeCapability {

    private HomeCapability() {}

    public static void wire(Foundation base, Wiring wiring, HandoffStore handoffs, Stats stats,
            ReviewSchedule reviews) {
        HomeTab home = new HomeTab(base.agreement(), handoffs, base.slack(), base.outbox(), stats, reviews,
                base.clock());
        wiring.handlers(home::register);
        wiring.listeners(home::register);
    }
}
