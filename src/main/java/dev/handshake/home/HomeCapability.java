package dev.handshake.home;

import dev.handshake.handoff.HandoffStore;
import dev.handshake.people.PeopleCapability;
import dev.handshake.review.ReviewSchedule;
import dev.handshake.stats.Stats;
import dev.handshake.wiring.Foundation;
import dev.handshake.wiring.Wiring;
import java.time.LocalDate;
import java.util.Map;
import java.util.function.Supplier;

/** The App Home capability: the tab published when a user opens it, and its outbox handler. */
public final class HomeCapability {

    private HomeCapability() {}

    /** The Home shows each user what their roles ask of them: {@code people} says who is in which audience. */
    public static void wire(Foundation base, Wiring wiring, HandoffStore handoffs, Stats stats,
            ReviewSchedule reviews, PeopleCapability people, Supplier<Map<String, LocalDate>> awayToday) {
        HomeTab home = new HomeTab(handoffs, base.outbox(), new HomeTab.Parts(base.agreement(), base.slack(), stats,
                reviews, base.hours(), base.clock(), people.membership(), people.directory(), awayToday));
        wiring.handlers(home::register);
        wiring.listeners(home::register);
    }
}
