package dev.handshake.handoff;

import dev.handshake.http.BearerToken;
import dev.handshake.lifecycle.Managed;
import dev.handshake.outbox.Owed;
import dev.handshake.people.PeopleCapability;
import dev.handshake.routing.Router;
import dev.handshake.slack.SlackReads;
import dev.handshake.wiring.Foundation;
import dev.handshake.wiring.Wiring;
import java.time.LocalDate;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The handoff capability: intake ({@code POST /handoffs}), the decisions and their Slack edge, the Slack messages a
 * handoff owes, and the SLA clock.
 */
public final class HandoffCapability {

    private static final Logger log = LoggerFactory.getLogger(HandoffCapability.class);

    private final HandoffStore store;
    private final RouteStore routes;
    private final HandoffReceipt receipt;
    private final HandoffRequestParser parser;

    private HandoffCapability(HandoffStore store, RouteStore routes, HandoffReceipt receipt,
            HandoffRequestParser parser) {
        this.store = store;
        this.routes = routes;
        this.receipt = receipt;
        this.parser = parser;
    }

    /**
     * {@code intake} is the bearer token {@code POST /handoffs} requires, or null while intake is off (it answers
     * 503); {@code router} chooses each lead's rep at intake and on reassignment; {@code people} says who may take
     * each step of a handoff's life and names them ({@code reads}: Slack's read methods, for links to messages);
     * {@code awayOn} who is away on a day (the Reassign… picker says so); {@code homePublish} is the outbox item that
     * republishes a user's App Home.
     */
    public static HandoffCapability wire(Foundation base, Wiring wiring, BearerToken intake, Router router,
            PeopleCapability people, SlackReads reads, Function<LocalDate, Set<String>> awayOn,
            Function<String, Owed> homePublish) {
        var jdbi = base.database().jdbi();
        HandoffStore store = new HandoffStore(jdbi, base.writes(), base.outbox(), homePublish);
        RouteStore routes = new RouteStore(jdbi, base.writes(), base.outbox(), base.agreement(), base.hours(), router);
        wiring.handlers(outbox -> HandoffNotices.register(outbox, store, routes, new HandoffNotices.Parts(
                base.slack(), reads, people.directory(), base.agreement(), base.hours(), base.clock(), awayOn)));
        Handoffs handoffs = new Handoffs(store, routes, base.agreement(), base.agreement().version(), base.hours(),
                base.clock(), new HandoffRoles(base.agreement(), people.membership()));
        Refusals refusals = new Refusals(base.agreement(), people.audiences());
        Consumer<String> refreshHome = user -> base.outbox().enqueue(homePublish.apply(user));
        wiring.listeners(new HandoffListeners(handoffs, base.agreement(), base.slack(), base.afterAck(),
                base.replies(), refusals, refreshHome)::register);
        // Accept and Contacted change the handoff in one transaction and queue what they owe, replies included.
        wiring.joinedActions(HandoffActions.ACCEPT, HandoffActions.CONTACTED);
        wiring.listeners(new LifecycleListeners(handoffs, base.agreement(), base.slack(), people.directory(),
                base.afterAck(), base.replies(), refusals, refreshHome)::register);
        HandoffRequestParser parser = new HandoffRequestParser(base.agreement());
        wiring.endpoint("/handoffs", new HandoffIntakeServlet(intake, parser, handoffs, base.database().lockWait()));
        wiring.beforeServing("decision times backfill", () -> {
            int backfilled = new DecisionTimes(jdbi, base.writes(), base.hours()).backfill();
            if (backfilled > 0) {
                log.info("Stored the business time of {} earlier decisions and answers to rejections", backfilled);
            }
        });
        SlaClock slaClock = new SlaClock(store, jdbi, base.writes(), base.outbox(), base.agreement(), base.hours(),
                base.clock(), router);
        wiring.part("SLA clock", Managed.of(slaClock::start, slaClock::close));
        return new HandoffCapability(store, routes, new HandoffReceipt(handoffs, base.database().lockWait()), parser);
    }

    /** The handoffs' store: the App Home reads a rep's open handoffs from it, the CRM the ledger's events. */
    public HandoffStore store() {
        return store;
    }

    /** Where each lead was routed and why; hands a deactivated rep's pending leads on. */
    public RouteStore routes() {
        return routes;
    }

    /** Records new handoffs, for intake from other sources. */
    public HandoffReceipt receipt() {
        return receipt;
    }

    /** The parser of {@code POST /handoffs}, which mapped intake feeds with what it mapped. */
    public HandoffRequestParser parser() {
        return parser;
    }
}
