package dev.handshake.handoff;

import dev.handshake.agreement.ReassignTerms;
import dev.handshake.db.Dialect;
import dev.handshake.db.Transactions;
import dev.handshake.outbox.Outbox;
import dev.handshake.slack.SlackLanes;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
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

    /** What an escalation may do: reassign by round robin, skipping away reps, with this fresh deadline. */
    record Reassignment(ReassignTerms terms, Set<String> away, Deadline freshDeadline) {}

    /** How a timer was settled; {@code BUSY}: its handoff was being changed elsewhere, so it was left for now. */
    enum Outcome { FIRED, SKIPPED, CANCELLED, ALREADY_SETTLED, BUSY }

    static final String POOL = "reassign";

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
            nextRep(handle, handoff, reassignment).ifPresent(rep -> reassign(handle, handoff, rep, now, reassignment));
        }
        return Outcome.FIRED;
    }

    private void reassign(Handle handle, Handoff handoff, String rep, Instant now, Reassignment reassignment) {
        int round = handoff.sla().reassignments() + 1;
        Deadline fresh = reassignment.freshDeadline();
        handle.createUpdate("""
                        UPDATE handoffs SET assignee_user = :rep, reassignments = :round, due_at = :due,
                            overdue_at = NULL WHERE id = :id""")
                .bind("rep", rep).bind("round", round).bind("due", fresh.dueAt().toEpochMilli())
                .bind("id", handoff.id()).execute();
        Timers.assign(handle, handoff.id(), round, rep, now);
        Timers.schedule(handle, handoff.id(), TimerKind.REMIND, TimerKind.ESCALATE, round, fresh);
        Ledger.event(handle, outbox, handoff.id(), "reassigned", Ledger.SYSTEM, now,
                (handoff.assignee() == null ? "nobody" : handoff.assignee()) + " -> " + rep);
        Ledger.owe(handle, outbox, handoff.id(), DeliveryKind.REASSIGN_THREAD, SlackLanes.post(salesChannel), now,
                handoff.assignee());
        Ledger.owe(handle, outbox, handoff.id(), DeliveryKind.REASSIGN_DM, SlackLanes.dm(rep), now, rep);
    }

    /** The next rep of the pool by round robin: never one who already held this handoff, nor one who is away. */
    private static Optional<String> nextRep(Handle handle, Handoff handoff, Reassignment reassignment) {
        List<String> pool = reassignment.terms().pool();
        if (pool.isEmpty()) {
            return Optional.empty();
        }
        Set<String> held = Set.copyOf(handle.createQuery("SELECT user_id FROM assignments WHERE handoff_id = :id")
                .bind("id", handoff.id()).mapTo(String.class).list());
        // Among replicas, one escalation at a time moves round robin on (the pool's row may not exist yet to lock).
        Dialect.of(handle).lockTable(handle, "round_robin");
        int start = handle.createQuery("SELECT next_index FROM round_robin WHERE pool = :pool")
                .bind("pool", POOL).mapTo(Integer.class).findOne().orElse(0);
        for (int step = 0; step < pool.size(); step++) {
            int index = Math.floorMod(start + step, pool.size());
            String candidate = pool.get(index);
            if (held.contains(candidate) || candidate.equals(handoff.assignee())
                    || reassignment.away().contains(candidate)) {
                continue;
            }
            handle.createUpdate("""
                            INSERT INTO round_robin (pool, next_index) VALUES (:pool, :next)
                            ON CONFLICT (pool) DO UPDATE SET next_index = :next""")
                    .bind("pool", POOL).bind("next", (index + 1) % pool.size()).execute();
            return Optional.of(candidate);
        }
        return Optional.empty();
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
