package dev.handshake.handoff;

import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.RoutingTerms;
import dev.handshake.agreement.SlackTarget;
import dev.handshake.clock.BusinessHours;
import dev.handshake.db.JsonColumn;
import dev.handshake.db.Transactions;
import dev.handshake.outbox.Outbox;
import dev.handshake.outbox.OutboxStore;
import dev.handshake.routing.Route;
import dev.handshake.routing.Router;
import dev.handshake.slack.SlackLanes;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Records who a handoff is routed to and why, and what that owes Slack: the assignee's direct message at once (it
 * does not wait for the sales-channel post), the link added to it once the post exists, the fallback told when
 * nobody in the pool can take the lead, the escalation target warned when a lead stays with someone who cannot act.
 * Also takes the pending leads of a deactivated rep to the next rep. Thread-safe.
 */
public final class RouteStore {

    /** Where lookups of assignees given by email wait: one at a time, unpaced (Slack allows 50+ a minute). */
    static final String LOOKUP_LANE = "lookup:users";

    /** The assignee's direct message about a handoff, once sent. */
    record DirectMessage(String channel, String ts) {}

    private final Jdbi jdbi;
    private final Transactions writes;
    private final Outbox outbox;
    private final Agreement agreement;
    private final Router router;
    private final BusinessHours hours;

    /** Reads through {@code jdbi}, writes through {@code writes}, owes Slack calls to {@code outbox}. */
    public RouteStore(Jdbi jdbi, Transactions writes, Outbox outbox, Agreement agreement, BusinessHours hours,
            Router router) {
        this.hours = Objects.requireNonNull(hours, "hours == null");
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi == null");
        this.writes = Objects.requireNonNull(writes, "writes == null");
        this.outbox = Objects.requireNonNull(outbox, "outbox == null");
        this.agreement = Objects.requireNonNull(agreement, "agreement == null");
        this.router = Objects.requireNonNull(router, "router == null");
    }

    public Router router() {
        return router;
    }

    // --- at intake -------------------------------------------------------------------------------------------

    /**
     * Applies a new handoff's route, in its intake transaction: its assignee, the note saying why, the first
     * assignment round, and what it owes: the assignee's direct message in their own lane, the fallback's notice,
     * the escalation target's warning.
     */
    static void applyNew(Handle handle, Outbox outbox, long id, Route route, String salesChannel, Instant now) {
        applyNew(handle, outbox, id, route, null, salesChannel, now);
    }

    /** As above, for a handoff stored with {@code stored} as its assignee: a lead simply sent to them costs no update. */
    static void applyNew(Handle handle, Outbox outbox, long id, Route route, String stored, String salesChannel,
            Instant now) {
        if (!Objects.equals(route.assignee(), stored) || route.note() != null || route.pool() != null) {
            handle.createUpdate("""
                            UPDATE handoffs SET assignee_user = :assignee, route_note = :note, route_pool = :pool
                            WHERE id = :id""")
                    .bind("assignee", route.assignee()).bind("note", route.note()).bind("pool", route.pool())
                    .bind("id", id).execute();
        }
        if (route.note() != null) {
            Ledger.event(handle, outbox, id, "routed", Ledger.SYSTEM, now, routedDetail(route));
        }
        if (route.assignee() != null) {
            Timers.assign(handle, id, 0, route.assignee(), now);
            Ledger.owe(handle, outbox, id, DeliveryKind.DM_ASSIGNEE, SlackLanes.dm(route.assignee()), now,
                    route.assignee());
        }
        oweNotices(handle, outbox, id, route, salesChannel, now);
    }

    /** The event detail of a routing: who has the lead now, and why. */
    private static String routedDetail(Route route) {
        return (route.assignee() == null ? "nobody" : route.assignee()) + ": " + route.note();
    }

    /** The fallback's notice (a user group, or a channel other than the sales channel) and the warning, if due. */
    private static void oweNotices(Handle handle, Outbox outbox, long id, Route route, String salesChannel,
            Instant now) {
        SlackTarget fallback = route.fallback();
        if (fallback != null && route.assignee() == null) {
            if (fallback.kind() == SlackTarget.Kind.USER_GROUP) {
                Ledger.owe(handle, outbox, id, DeliveryKind.FALLBACK, SlackLanes.post(salesChannel), now,
                        fallback.id());
            } else if (fallback.kind() == SlackTarget.Kind.CHANNEL && !fallback.id().equals(salesChannel)) {
                Ledger.owe(handle, outbox, id, DeliveryKind.FALLBACK, SlackLanes.post(fallback.id()), now,
                        fallback.id());
            }
        }
        if (route.warning() != null) {
            Ledger.owe(handle, outbox, id, DeliveryKind.UNAVAILABLE, SlackLanes.post(salesChannel), now,
                    route.warning());
        }
    }

    /**
     * Routes a handoff whose assignee marketing gave by email, now that Slack said who that is ({@code user}, or
     * null when nobody has that email): if it is still pending and unassigned, in one transaction. Returns whether
     * the handoff changed.
     */
    boolean applyLookedUp(long id, String email, String user, String salesChannel, Instant now) {
        return writes.inTransaction(handle -> {
            // Locked: the post's lane and the lookup's own lane may both get here for one lead, and only the first
            // may route it (among replicas, or on PostgreSQL's concurrent transactions, a plain read let both pass).
            Handoff handoff = HandoffStore.findLocked(handle, id).orElse(null);
            if (handoff == null || handoff.status() != HandoffStatus.PENDING || handoff.assignee() != null) {
                return false;
            }
            Route route = router.atIntake(handle, handoff.stage(), user, now);
            if (user == null) {
                route = new Route(route.kind(), route.assignee(), route.pool(), route.fallback(),
                        "sent to " + email + ", whom Slack does not know" + (route.note() == null ? ""
                                : "; " + route.note()), route.warning(), route.skipped());
            }
            applyNew(handle, outbox, id, route, salesChannel, now);
            if (handoff.messageTs() != null) {
                Ledger.owe(handle, outbox, id, DeliveryKind.UPDATE_HANDOFF, SlackLanes.edit(salesChannel), now, null);
            }
            return true;
        });
    }

    // --- reassignment ----------------------------------------------------------------------------------------

    /**
     * A lead reassigned by hand takes its turn of the rotation with it, in the reassignment's transaction: the rep it
     * was taken from gets the turn back, the rep it goes to is charged it if they are in the pool; otherwise it no
     * longer holds one, so taking it from them later gives nobody a turn they never paid.
     */
    void handOver(Handle handle, Handoff before, String to) {
        String pool = handle.createQuery("SELECT route_pool FROM handoffs WHERE id = :id")
                .bind("id", before.id()).mapTo(String.class).findOne().orElse(null);
        if (pool != null && !router.handOver(handle, pool, before.assignee(), to)) {
            handle.createUpdate("UPDATE handoffs SET route_pool = NULL WHERE id = :id").bind("id", before.id())
                    .execute();
        }
    }

    /**
     * Hands a pending handoff to {@code route}'s assignee (null: nobody, for the fallback to take) with a fresh
     * deadline, in the caller's transaction: a new assignment round, the note, the thread and the new rep told, and
     * the previous rep's turn given back if the lead took one.
     */
    static void reassign(Handle handle, Outbox outbox, Router router, Handoff handoff, Route route, Deadline fresh,
            String salesChannel, Instant now) {
        // A new round of the handoff's clock: timers of the round before can no longer fire (see HandoffLife).
        int round = handoff.sla().round() + 1;
        String pool = handle.createQuery("SELECT route_pool FROM handoffs WHERE id = :id")
                .bind("id", handoff.id()).mapTo(String.class).findOne().orElse(null);
        handle.createUpdate("""
                        UPDATE handoffs SET assignee_user = :rep, reassignments = reassignments + 1,
                            clock_round = :round, due_at = :due, overdue_at = NULL, state = 'pending',
                            route_note = :note, route_pool = :pool WHERE id = :id""")
                .bind("rep", route.assignee()).bind("round", round).bind("due", fresh.dueAt().toEpochMilli())
                .bind("note", route.note()).bind("pool", route.pool()).bind("id", handoff.id()).execute();
        if (pool != null && handoff.assignee() != null) {
            router.giveBack(handle, pool, handoff.assignee());
        }
        Timers.cancel(handle, handoff.id(), now, TimerKind.REMIND, TimerKind.ESCALATE);
        if (route.assignee() != null) {
            Timers.assign(handle, handoff.id(), round, route.assignee(), now);
        }
        Timers.schedule(handle, handoff.id(), TimerKind.REMIND, TimerKind.ESCALATE, round, fresh);
        Ledger.event(handle, outbox, handoff.id(), "reassigned", Ledger.SYSTEM, now,
                (handoff.assignee() == null ? "nobody" : handoff.assignee()) + " -> "
                        + (route.assignee() == null ? "nobody" : route.assignee()) + ": " + route.note());
        Map<String, String> about = new LinkedHashMap<>();
        if (handoff.assignee() != null) {
            about.put("from", handoff.assignee());
        }
        if (route.assignee() != null) {
            about.put("to", route.assignee());
        }
        Ledger.owe(handle, outbox, handoff.id(), DeliveryKind.REASSIGN_THREAD, SlackLanes.post(salesChannel), now,
                JsonColumn.of(about));
        if (route.assignee() != null) {
            Ledger.owe(handle, outbox, handoff.id(), DeliveryKind.REASSIGN_DM, SlackLanes.dm(route.assignee()), now,
                    route.assignee());
        }
        Ledger.changed(handle, outbox, handoff.id(), salesChannel, now);
        oweNotices(handle, outbox, handoff.id(), route, salesChannel, now);
    }

    /** Records, in the caller's transaction, why nobody else took a lead that stays where it is. */
    static void stayed(Handle handle, Outbox outbox, long id, Route route, String salesChannel, Instant now) {
        handle.createUpdate("UPDATE handoffs SET route_note = :note WHERE id = :id")
                .bind("note", route.note()).bind("id", id).execute();
        Ledger.event(handle, outbox, id, "routed", Ledger.SYSTEM, now, "kept: " + route.note());
        oweNotices(handle, outbox, id, route, salesChannel, now);
    }

    /** Everyone who held the handoff, round by round. */
    static Set<String> held(Handle handle, long id) {
        return Set.copyOf(handle.createQuery("SELECT user_id FROM assignments WHERE handoff_id = :id")
                .bind("id", id).mapTo(String.class).list());
    }

    /**
     * Takes the pending handoffs of a rep Slack says was deactivated to the next rep who can take them (or the
     * fallback), each in its own transaction; where the agreement keeps leads with the rep named
     * ({@code reassign_if_unavailable: false}), warns the escalation target instead. Returns how many moved.
     */
    public int deactivated(String user, Instant now) {
        List<Long> ids = jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT id FROM handoffs WHERE state = 'pending' AND assignee_user = :user ORDER BY id")
                .bind("user", user).mapTo(Long.class).list());
        int moved = 0;
        for (long id : ids) {
            if (writes.inTransaction(handle -> takeFromDeactivated(handle, id, user, now))) {
                moved++;
            }
        }
        return moved;
    }

    private boolean takeFromDeactivated(Handle handle, long id, String user, Instant now) {
        // Locked, as in applyLookedUp: the reassignment below writes without a compare-and-set, so a decision (or
        // another replica's pass for the same rep) must not slip in between this check and that write.
        Handoff handoff = HandoffStore.findLocked(handle, id).orElse(null);
        if (handoff == null || handoff.state() != HandoffState.PENDING || !user.equals(handoff.assignee())) {
            return false;
        }
        String salesChannel = agreement.handoff().salesChannel();
        Optional<RoutingTerms> routing = agreement.handoff().routingFor(handoff.stage());
        if (routing.isEmpty() || !routing.get().reassignIfUnavailable()) {
            String why = routing.isEmpty() ? "the stage has no routing pool to send it to"
                    : "the agreement keeps leads with the rep named (reassign_if_unavailable: false)";
            Ledger.event(handle, outbox, id, "routed", Ledger.SYSTEM, now, "kept with " + user + ": deactivated in Slack");
            Ledger.owe(handle, outbox, id, DeliveryKind.UNAVAILABLE, SlackLanes.post(salesChannel), now,
                    router.name(user) + " was deactivated in Slack while holding this lead. It stays with them "
                            + "because " + why + ".");
            return true;
        }
        Route route = router.reroute(handle, handoff.stage(), user, held(handle, id), Router.Cause.DEACTIVATED, now)
                .orElseThrow();
        Deadline fresh = Handoffs.deadline(hours, agreement, now,
                agreement.handoffFor(handoff.stage()).orElseThrow().responseTime());
        reassign(handle, outbox, router, handoff, route, fresh, salesChannel, now);
        return true;
    }

    // --- the assignee's direct message -----------------------------------------------------------------------

    /**
     * Records the assignee's direct message, in the transaction that marks it sent; if it went out before the
     * channel post and that post exists by now, owes the edit that adds the link to it.
     */
    void directMessageSent(Handle handle, long id, String channel, String ts, boolean linked, Instant now) {
        handle.createUpdate("UPDATE handoffs SET dm_channel_id = :channel, dm_ts = :ts WHERE id = :id")
                .bind("channel", channel).bind("ts", ts).bind("id", id).execute();
        if (!linked && HandoffStore.find(handle, id).map(Handoff::messageTs).isPresent()) {
            Ledger.owe(handle, outbox, id, DeliveryKind.LINK_DM, Ledger.noticesLane(id), now, null);
        }
    }

    /**
     * In the transaction that records the channel post: the assignee's direct message was owed at intake, so only
     * the link is owed now if it already went out; a handoff from before (or one resolved while posting) is owed
     * its direct message now.
     */
    static void channelPosted(Handle handle, Outbox outbox, long id, String assignee, Instant now) {
        Optional<DirectMessage> sent = handle.createQuery(
                        "SELECT dm_channel_id, dm_ts FROM handoffs WHERE id = :id AND dm_ts IS NOT NULL")
                .bind("id", id).map((rs, ctx) -> new DirectMessage(rs.getString(1), rs.getString(2))).findOne();
        if (sent.isPresent()) {
            Ledger.owe(handle, outbox, id, DeliveryKind.LINK_DM, Ledger.noticesLane(id), now, null);
        } else if (assignee != null && OutboxStore.state(handle, DeliveryKind.DM_ASSIGNEE.key(), String.valueOf(id))
                == OutboxStore.State.NONE) {
            Ledger.owe(handle, outbox, id, DeliveryKind.DM_ASSIGNEE, SlackLanes.dm(assignee), now, assignee);
        }
    }

    /**
     * In the transaction that records the channel post: if routing changed the assignee while the post was on its
     * way (a lookup by email, a rep deactivated), the post is brought up to date.
     */
    void postedAs(Handle handle, long id, String renderedAssignee, String salesChannel, Instant now) {
        String current = HandoffStore.find(handle, id).map(Handoff::assignee).orElse(null);
        if (!Objects.equals(current, renderedAssignee)) {
            Ledger.owe(handle, outbox, id, DeliveryKind.UPDATE_HANDOFF, SlackLanes.edit(salesChannel), now, null);
        }
    }

    Optional<DirectMessage> directMessage(long id) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT dm_channel_id, dm_ts FROM handoffs WHERE id = :id AND dm_ts IS NOT NULL")
                .bind("id", id).map((rs, ctx) -> new DirectMessage(rs.getString(1), rs.getString(2))).findOne());
    }

    /** Why the handoff is with its assignee (or with nobody), names unpinged; empty when it was simply sent to them. */
    public Optional<String> note(long id) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT route_note FROM handoffs WHERE id = :id")
                .bind("id", id).mapTo(String.class).findOne());
    }
}
