package dev.handshake.handoff;

import dev.handshake.agreement.ReassignTerms;
import dev.handshake.db.Transactions;
import dev.handshake.outbox.Outbox;
import dev.handshake.routing.Router;
import dev.handshake.slack.SlackLanes;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Fires the SLA clock's timers. Each timer is settled (fired, skipped or cancelled) in the same transaction as its
 * effects (events, deliveries, reassignment), with compare-and-set on its state, so it takes effect exactly once
 * even across restarts, and a click racing it ends in one consistent outcome. Among replicas sharing the database
 * every replica's clock looks for due timers; the transaction that settles one first takes its handoff's row (as a
 * decision's update does), and a replica finding the row taken leaves the timer to the holder or to its next tick,
 * so each timer fires once and in the same order against decisions as in one process. Thread-safe.
 */
final class TimerStore {

    /** What an escalation may do: reassign by the stage's routing ({@code router}), with this fresh deadline. */
    record Reassignment(ReassignTerms terms, Router router, Deadline freshDeadline) {}

    /** How a timer was settled; {@code BUSY}: its handoff was being changed elsewhere, so it was left for now. */
    enum Outcome { FIRED, SKIPPED, CANCELLED, ALREADY_SETTLED, BUSY }

    private final Jdbi jdbi;
    private final Transactions writes;
    private final Outbox outbox;
    private final String salesChannel;

    /** Reads through {@code jdbi}, writes through {@code writes}; the Slack calls timers owe go to {@code outbox}. */
    TimerStore(Jdbi jdbi, Transactions writes, Outbox outbox, String salesChannel) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi == null");
        this.writes = Objects.requireNonNull(writes, "writes == null");
        this.outbox = Objects.requireNonNull(outbox, "outbox == null");
        this.salesChannel = Objects.requireNonNull(salesChannel, "salesChannel == null");
    }

    List<Timer> due(Instant now, int limit) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT id, handoff_id, kind, round, due_at FROM timers
                        WHERE state = 'pending' AND due_at <= :now
                        ORDER BY due_at, id LIMIT :limit""")
                .bind("now", now.toEpochMilli()).bind("limit", limit)
                .map((rs, ctx) -> new Timer(rs.getLong("id"), rs.getLong("handoff_id"),
                        TimerKind.fromKey(rs.getString("kind")), rs.getInt("round"),
                        Instant.ofEpochMilli(rs.getLong("due_at"))))
                .list());
    }

    Optional<Instant> nextDue() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT min(due_at) FROM timers WHERE state = 'pending'")
                .mapTo(Long.class).findOne().map(Instant::ofEpochMilli));
    }

    Outcome fire(Timer timer, Instant now, Reassignment reassignment) {
        return writes.inTransaction(handle -> {
            // The handoff's row first, in the order a decision takes its rows (handoff, then timers): no deadlock.
            boolean held = handle.createQuery("SELECT id FROM handoffs WHERE id = :id <forUpdateSkipLocked>")
                    .bind("id", timer.handoffId()).mapTo(Long.class).findOne().isPresent();
            if (!held) {
                return Outcome.BUSY;
            }
            String state = handle.createQuery("SELECT state FROM timers WHERE id = :id").bind("id", timer.id())
                    .mapTo(String.class).one();
            if (!"pending".equals(state)) {
                return Outcome.ALREADY_SETTLED;
            }
            Handoff handoff = HandoffStore.find(handle, timer.handoffId()).orElseThrow();
            Outcome outcome = switch (timer.kind()) {
                case REMIND -> remind(handle, timer, handoff, now);
                case ESCALATE -> escalate(handle, timer, handoff, now, reassignment);
                case CONTACT_REMIND -> contactRemind(handle, handoff, now);
                case CONTACT_ESCALATE -> contactEscalate(handle, handoff, now);
            };
            handle.createUpdate("UPDATE timers SET state = :state, settled_at = :now WHERE id = :id AND state = 'pending'")
                    .bind("state", outcome.name().toLowerCase(java.util.Locale.ROOT))
                    .bind("now", now.toEpochMilli()).bind("id", timer.id()).execute();
            return outcome;
        });
    }

    private Outcome remind(Handle handle, Timer timer, Handoff handoff, Instant now) {
        if (!current(timer, handoff)) {
            return Outcome.CANCELLED;
        }
        if (!now.isBefore(handoff.dueAt())) {
            // The deadline already passed (the app was down): the escalation speaks instead.
            return Outcome.SKIPPED;
        }
        Ledger.event(handle, outbox, handoff.id(), "reminded", Ledger.SYSTEM, now, handoff.assignee());
        Ledger.owe(handle, outbox, handoff.id(), DeliveryKind.REMIND_THREAD, SlackLanes.post(salesChannel), now, null);
        if (handoff.assignee() != null) {
            Ledger.owe(handle, outbox, handoff.id(), DeliveryKind.REMIND_DM, SlackLanes.dm(handoff.assignee()), now,
                    handoff.assignee());
        }
        return Outcome.FIRED;
    }

    private Outcome escalate(Handle handle, Timer timer, Handoff handoff, Instant now, Reassignment reassignment) {
        if (!current(timer, handoff)) {
            return Outcome.CANCELLED;
        }
        String missedBy = handoff.assignee();
        handle.createUpdate("UPDATE handoffs SET overdue_at = :now WHERE id = :id")
                .bind("now", now.toEpochMilli()).bind("id", handoff.id()).execute();
        Ledger.event(handle, outbox, handoff.id(), "overdue", Ledger.SYSTEM, now, missedBy);
        Ledger.event(handle, outbox, handoff.id(), "escalated", Ledger.SYSTEM, now, null);
        Ledger.owe(handle, outbox, handoff.id(), DeliveryKind.ESCALATE, SlackLanes.post(salesChannel), now, missedBy);
        Ledger.owe(handle, outbox, handoff.id(), DeliveryKind.UPDATE_HANDOFF, SlackLanes.edit(salesChannel), now, null);
        if (reassignment != null && reassignment.terms().enabled()
                && handoff.sla().reassignments() < reassignment.terms().maxTimes()) {
            Router router = reassignment.router();
            router.reroute(handle, handoff.stage(), missedBy, RouteStore.held(handle, handoff.id()),
                    Router.Cause.MISSED_DEADLINE, now).ifPresent(route -> {
                        if (route.assignee() != null && !route.assignee().equals(missedBy)) {
                            RouteStore.reassign(handle, outbox, router, handoff, route,
                                    reassignment.freshDeadline(), salesChannel, now);
                        } else {
                            RouteStore.stayed(handle, outbox, handoff.id(), route, salesChannel, now);
                        }
                    });
        }
        return Outcome.FIRED;
    }

    private Outcome contactRemind(Handle handle, Handoff handoff, Instant now) {
        if (handoff.status() != HandoffStatus.ACCEPTED || handoff.sla().contactedAt() != null) {
            return Outcome.CANCELLED;
        }
        if (handoff.sla().contactDueAt() != null && !now.isBefore(handoff.sla().contactDueAt())) {
            return Outcome.SKIPPED;
        }
        String rep = handoff.decision().by();
        Ledger.event(handle, outbox, handoff.id(), "contact_reminded", Ledger.SYSTEM, now, rep);
        Ledger.owe(handle, outbox, handoff.id(), DeliveryKind.CONTACT_REMIND_THREAD, SlackLanes.post(salesChannel), now, null);
        Ledger.owe(handle, outbox, handoff.id(), DeliveryKind.CONTACT_REMIND_DM, SlackLanes.dm(rep), now, rep);
        return Outcome.FIRED;
    }

    private Outcome contactEscalate(Handle handle, Handoff handoff, Instant now) {
        if (handoff.status() != HandoffStatus.ACCEPTED || handoff.sla().contactedAt() != null) {
            return Outcome.CANCELLED;
        }
        handle.createUpdate("UPDATE handoffs SET contact_overdue_at = :now WHERE id = :id")
                .bind("now", now.toEpochMilli()).bind("id", handoff.id()).execute();
        Ledger.event(handle, outbox, handoff.id(), "contact_escalated", Ledger.SYSTEM, now, handoff.decision().by());
        Ledger.owe(handle, outbox, handoff.id(), DeliveryKind.CONTACT_ESCALATE, SlackLanes.post(salesChannel), now, null);
        Ledger.owe(handle, outbox, handoff.id(), DeliveryKind.UPDATE_HANDOFF, SlackLanes.edit(salesChannel), now, null);
        return Outcome.FIRED;
    }

    /** A deadline timer only counts while the handoff is still pending in the same assignment round. */
    private static boolean current(Timer timer, Handoff handoff) {
        return handoff.status() == HandoffStatus.PENDING && handoff.sla().reassignments() == timer.round();
    }
}
