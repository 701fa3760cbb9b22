package dev.handshake.routing;

import dev.handshake.lifecycle.Managed;
import dev.handshake.roster.Roster;
import dev.handshake.wiring.Foundation;
import dev.handshake.wiring.Wiring;
import java.time.Instant;
import java.util.function.BiConsumer;

/**
 * The routing capability: who gets each lead and why (each stage's weighted rotation, skipping reps who are away,
 * out of hours, at their cap or deactivated), {@code /sla queue}, and what Slack says about the reps.
 */
public final class RoutingCapability {

    private final Router router;
    private final RepProfiles profiles;
    private final AwayNotes awayNotes;

    private RoutingCapability(Router router, RepProfiles profiles, AwayNotes awayNotes) {
        this.router = router;
        this.profiles = profiles;
        this.awayNotes = awayNotes;
    }

    /** Adds {@code /sla queue}; the rotation reads who is away from {@code roster}. */
    public static RoutingCapability wire(Foundation base, Wiring wiring, Roster roster) {
        RepProfiles profiles = new RepProfiles(base.database().jdbi(), base.writes());
        Router router = new Router(base.agreement(), profiles, roster::awayThrough);
        wiring.command(new QueueCommand(base.database().jdbi(), base.agreement(), router, base.clock()).command());
        return new RoutingCapability(router, profiles, new AwayNotes(base.database().jdbi(), base.agreement(), router));
    }

    /**
     * Adds what Slack says about the reps (their names, time zones and deactivation, from {@code users.info} and
     * {@code user_change}); {@code handOn} passes a deactivated rep's pending leads to the next rep who can take
     * them. Separate from {@link #wire} because those leads are the handoff capability's,
     * which routes through this one.
     */
    public void watchReps(Foundation base, Wiring wiring, BiConsumer<String, Instant> handOn) {
        RepDirectory reps = new RepDirectory(base.agreement(), profiles, base.slack(), base.clock(),
                handOn);
        wiring.listeners(new UserChangeListener(reps, base.clock())::register);
        wiring.part("rep directory", Managed.of(reps::start, reps::close));
    }

    /** Chooses each new lead's rep, and the next one when a lead is reassigned. */
    public Router router() {
        return router;
    }

    /** What {@code /sla away} says happens to a rep's leads while away. */
    public AwayNotes awayNotes() {
        return awayNotes;
    }
}
