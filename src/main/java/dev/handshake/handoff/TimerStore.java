package dev.handshake.handoff;

import dev.handshake.agreement.ReassignTerms;
import dev.handshake.db.Transactions;
import dev.handshake.outbox.Outbox;
import dev.handshake.routing.Route;
import dev.handshake.routing.Router;
import dev.handshake.slack.SlackLanes;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Fires the SLA clock's timers and marketing's. Each timer is settled (fired, skipped or cancelled) in the same
 * transaction as its effects (events, deliveries, reassignment), with compare-and-set on its state, so it takes effect
 * exactly once even across restarts, and a click racing it ends in one consistent outcome. Whether a timer still
 * applies is {@link HandoffLife}'s call, as for a click. Among replicas sharing the database every replica's clock
 * looks for due timers; the transaction that settles one first takes its handoff's row (as a decision's update does),
 * and a replica finding the row taken leaves the timer to the holder or to its next tick, so each timer fires once
 * and in the same order against decisions as in one process. Thread-safe.
 */
final class TimerStore {

    /** What an escalation may do: reassign by the stage's routing ({@code router}), with this fresh deadline. */
    record Reassignment(ReassignTerms terms, Router router, Deadline freshDeadline) {}

    /**
     * Where timers' messages go: the sales and marketing channels, and the marketing owner's Slack user (null when
     * the agreement names none).
     */
    record Destinations(String salesChannel, String marketingChannel, String marketingOwner) {}

    /** How a timer was settled; {@code BUSY}: its handoff was being changed elsewhere, so it was left for now. */
    enum Outcome { FIRED, SKIPPED, CANCELLED, ALREADY_SETTLED, BUSY }

    private final Jdbi jdbi;
    private final Transactions writes;
    private final Outbox outbox;
    private final Destinations to;

    /** Reads through {@code jdbi}, writes through {@code writes}; the Slack calls timers owe go to {@code outbox}. */
    TimerStore(Jdbi jdbi, Transactions writes, Outbox outbox, Destinations to) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi == null");
        this.writes = Objects.requireNonNull(writes, "writes == null");
        this.outbox = Objects.requireNonNull(outbox, "outbox == null");
        this.to = Objects.requireNonNull(to, "to == null");
    }

    /** The timers due now, of both clocks, soonest first. */
    List<Timer> due(Instant now, int limit) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT handoff_id, kind, round, due_at FROM (
                          SELECT * FROM (SELECT handoff_id, kind, round, due_at FROM timers
                                         WHERE state = 'pending' AND due_at <= :now ORDER BY due_at LIMIT :limit) AS sla
                          UNION ALL
                          SELECT * FROM (SELECT handoff_id, kind, round, due_at FROM marketing_timers
                                         WHERE state = 'pending' AND due_at <= :now ORDER BY due_at LIMIT :limit)
                                         AS marketing) AS due
                        ORDER BY due_at, handoff_id LIMIT :limit""")
                .bind("now", now.toEpochMilli()).bind("limit", limit)
                .map((rs, ctx) -> new Timer(rs.getLong("handoff_id"), TimerKind.fromKey(rs.getString("kind")),
                        rs.getInt("round"), Instant.ofEpochMilli(rs.getLong("due_at"))))
                .list());
    }

    Outcome fire(Timer timer, Instant now, Reassignment reassignment) {
        return writes.inTransaction(handle -> {
            // The handoff's row first, in the order a decision takes its rows (handoff, then timers): no deadlock.
            boolean held = handle.createQuery("SELECT id FROM handoffs WHERE id = :id <forUpdateSkipLocked>")
                    .bind("id", timer.handoffId()).mapTo(Long.class).findOne().isPresent();
            if (!held) {
                return Outcome.BUSY;
            }
            Optional<String> state = handle.createQuery("""
                            SELECT state FROM <table> WHERE handoff_id = :id AND kind = :kind AND round = :round""")
                    .define("table", timer.kind().table())
                    .bind("id", timer.handoffId()).bind("kind", timer.kind().key()).bind("round", timer.round())
                    .mapTo(String.class).findOne();
            if (!"pending".equals(state.orElse(null))) {
                return Outcome.ALREADY_SETTLED;
            }
            Handoff handoff = HandoffStore.find(handle, timer.handoffId()).orElseThrow();
            Outcome outcome = switch (timer.kind()) {
                case REMIND -> remind(handle, timer, handoff, now);
                case ESCALATE -> escalate(handle, timer, handoff, now, reassignment);
                case CONTACT_REMIND -> contactRemind(handle, handoff, now);
                case CONTACT_ESCALATE -> contactEscalate(handle, handoff, now);
                case FOLLOWUP_REMIND -> followupRemind(handle, timer, handoff, now);
                case FOLLOWUP_ESCALATE -> followupEscalate(handle, timer, handoff, now);
            };
            settle(handle, timer, outcome, now);
            return outcome;
        });
    }

    /** Records how the timer was settled, unless its effects already did. */
    private static void settle(Handle handle, Timer timer, Outcome outcome, Instant now) {
        handle.createUpdate("""
                        UPDATE <table> SET state = :state, settled_at = :now
                        WHERE handoff_id = :id AND kind = :kind AND round = :round AND state = 'pending'""")
                .define("table", timer.kind().table())
                .bind("state", outcome.name().toLowerCase(java.util.Locale.ROOT))
                .bind("now", now.toEpochMilli()).bind("id", timer.handoffId()).bind("kind", timer.kind().key())
                .bind("round", timer.round()).execute();
    }

    private Outcome remind(Handle handle, Timer timer, Handoff handoff, Instant now) {
        if (!current(timer, handoff, Step.REMINDER_DUE)) {
            return Outcome.CANCELLED;
        }
        if (!now.isBefore(handoff.dueAt())) {
            // The deadline already passed (the app was down): the escalation speaks instead.
            return Outcome.SKIPPED;
        }
        Ledger.event(handle, outbox, handoff.id(), "reminded", Ledger.SYSTEM, now, handoff.assignee());
        Ledger.owe(handle, outbox, handoff.id(), DeliveryKind.REMIND_THREAD, SlackLanes.post(to.salesChannel()), now,
                null);
        if (handoff.assignee() != null) {
            Ledger.owe(handle, outbox, handoff.id(), DeliveryKind.REMIND_DM, SlackLanes.dm(handoff.assignee()), now,
                    handoff.assignee());
        }
        return Outcome.FIRED;
    }

    /**
     * The deadline passed undecided: the escalation target is told, and the lead goes to the next rep of the pool
     * ({@link Step#ROTATE}) or, when no reassignment is left or nobody is free, becomes unclaimed and goes back to
     * marketing ({@link Step#LAPSE}).
     */
    private Outcome escalate(Handle handle, Timer timer, Handoff handoff, Instant now, Reassignment reassignment) {
        Optional<Route> next = Optional.empty();
        Optional<Route> fallback = Optional.empty();
        if (reassignment != null && reassignment.terms().enabled()
                && handoff.sla().reassignments() < reassignment.terms().maxTimes()
                && current(timer, handoff, Step.ROTATE)) {
            Optional<Route> route = reassignment.router().reroute(handle, handoff.stage(), handoff.assignee(),
                    RouteStore.held(handle, handoff.id()), Router.Cause.MISSED_DEADLINE, now);
            // A rep, or a fallback user, other than the one who missed it takes it; a fallback group or channel
            // cannot hold a lead, so it is unclaimed and the fallback told.
            next = route.filter(r -> r.assignee() != null && !r.assignee().equals(handoff.assignee()));
            fallback = next.isPresent() ? Optional.empty() : route;
        }
        Step step = next.isPresent() ? Step.ROTATE : Step.LAPSE;
        if (!current(timer, handoff, step)) {
            return Outcome.CANCELLED;
        }
        String missedBy = handoff.assignee();
        int updated = handle.createUpdate("""
                        UPDATE handoffs SET overdue_at = :now, state = :state
                        WHERE id = :id AND state = 'pending' AND clock_round = :round""")
                .bind("now", now.toEpochMilli()).bind("id", handoff.id()).bind("round", timer.round())
                .bind("state", step == Step.LAPSE ? HandoffState.UNCLAIMED.key() : HandoffState.PENDING.key())
                .execute();
        if (updated != 1) {
            return Outcome.CANCELLED;
        }
        Ledger.event(handle, outbox, handoff.id(), "overdue", Ledger.SYSTEM, now, missedBy);
        Ledger.event(handle, outbox, handoff.id(), "escalated", Ledger.SYSTEM, now, null);
        Ledger.owe(handle, outbox, handoff.id(), DeliveryKind.ESCALATE, SlackLanes.post(to.salesChannel()), now,
                missedBy);
        if (step == Step.ROTATE) {
            // Fired before the reassignment cancels what is left of the round it belongs to.
            settle(handle, timer, Outcome.FIRED, now);
            Handoff overdue = HandoffStore.find(handle, handoff.id()).orElseThrow();
            RouteStore.reassign(handle, outbox, reassignment.router(), overdue, next.get(),
                    reassignment.freshDeadline(), to.salesChannel(), now);
        } else {
            Ledger.event(handle, outbox, handoff.id(), "unclaimed", Ledger.SYSTEM, now, missedBy);
            Ledger.owe(handle, outbox, handoff.id(), DeliveryKind.UNCLAIMED_MARKETING,
                    SlackLanes.post(to.marketingChannel()), now, null);
            Ledger.changed(handle, outbox, handoff.id(), to.salesChannel(), now);
            // Routing found nobody who can take it: its fallback (a group or a channel) is told too.
            fallback.ifPresent(route -> RouteStore.stayed(handle, outbox, handoff.id(), route, to.salesChannel(), now));
        }
        return Outcome.FIRED;
    }

    private Outcome contactRemind(Handle handle, Handoff handoff, Instant now) {
        if (!allowed(handoff, Step.CONTACT_REMINDER_DUE) || handoff.sla().contactedAt() != null) {
            return Outcome.CANCELLED;
        }
        if (handoff.sla().contactDueAt() != null && !now.isBefore(handoff.sla().contactDueAt())) {
            return Outcome.SKIPPED;
        }
        String rep = handoff.decision().by();
        Ledger.event(handle, outbox, handoff.id(), "contact_reminded", Ledger.SYSTEM, now, rep);
        Ledger.owe(handle, outbox, handoff.id(), DeliveryKind.CONTACT_REMIND_THREAD,
                SlackLanes.post(to.salesChannel()), now, null);
        Ledger.owe(handle, outbox, handoff.id(), DeliveryKind.CONTACT_REMIND_DM, SlackLanes.dm(rep), now, rep);
        return Outcome.FIRED;
    }

    private Outcome contactEscalate(Handle handle, Handoff handoff, Instant now) {
        if (!allowed(handoff, Step.CONTACT_DEADLINE_PASSED) || handoff.sla().contactedAt() != null) {
            return Outcome.CANCELLED;
        }
        handle.createUpdate("UPDATE handoffs SET contact_overdue_at = :now WHERE id = :id")
                .bind("now", now.toEpochMilli()).bind("id", handoff.id()).execute();
        Ledger.event(handle, outbox, handoff.id(), "contact_escalated", Ledger.SYSTEM, now, handoff.decision().by());
        Ledger.owe(handle, outbox, handoff.id(), DeliveryKind.CONTACT_ESCALATE, SlackLanes.post(to.salesChannel()),
                now, null);
        Ledger.owe(handle, outbox, handoff.id(), DeliveryKind.UPDATE_HANDOFF, SlackLanes.edit(to.salesChannel()), now,
                null);
        return Outcome.FIRED;
    }

    /** Marketing's reminder, in the thread of its message, while a rejection waits for its answer. */
    private Outcome followupRemind(Handle handle, Timer timer, Handoff handoff, Instant now) {
        if (!current(timer, handoff, Step.FOLLOWUP_REMINDER_DUE)) {
            return Outcome.CANCELLED;
        }
        Optional<Instant> due = dueAt(handle, handoff.id(), TimerKind.FOLLOWUP_ESCALATE, timer.round());
        if (due.isPresent() && !now.isBefore(due.get())) {
            return Outcome.SKIPPED;
        }
        Ledger.event(handle, outbox, handoff.id(), "followup_reminded", Ledger.SYSTEM, now, null);
        Ledger.owe(handle, outbox, handoff.id(), DeliveryKind.FOLLOWUP_REMIND, SlackLanes.post(to.marketingChannel()),
                now, null);
        return Outcome.FIRED;
    }

    /** Marketing's deadline passed unanswered: the marketing owner is told, by direct message when the agreement can. */
    private Outcome followupEscalate(Handle handle, Timer timer, Handoff handoff, Instant now) {
        if (!current(timer, handoff, Step.FOLLOWUP_DEADLINE_PASSED)) {
            return Outcome.CANCELLED;
        }
        String owner = to.marketingOwner();
        Ledger.event(handle, outbox, handoff.id(), "followup_escalated", Ledger.SYSTEM, now, owner);
        Ledger.owe(handle, outbox, handoff.id(), DeliveryKind.FOLLOWUP_ESCALATE,
                owner != null ? SlackLanes.dm(owner) : SlackLanes.post(to.marketingChannel()), now, owner);
        return Outcome.FIRED;
    }

    private static Optional<Instant> dueAt(Handle handle, long handoffId, TimerKind kind, int round) {
        return handle.createQuery("SELECT due_at FROM <table> WHERE handoff_id = :id AND kind = :kind AND round = :round")
                .define("table", kind.table())
                .bind("id", handoffId).bind("kind", kind.key()).bind("round", round)
                .mapTo(Long.class).findOne().map(Instant::ofEpochMilli);
    }

    /** A timer counts while the handoff's life allows its step, in the same round of deadlines. */
    private static boolean current(Timer timer, Handoff handoff, Step step) {
        return allowed(handoff, step) && handoff.sla().round() == timer.round();
    }

    private static boolean allowed(Handoff handoff, Step step) {
        return HandoffLife.check(handoff, step, null, (role, h, user) -> {
            throw new IllegalStateException("the clock needs no one's role");
        }) instanceof HandoffLife.Verdict.Allowed;
    }
}
