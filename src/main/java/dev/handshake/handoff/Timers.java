package dev.handshake.handoff;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/** Schedules, cancels and records assignment rounds for the SLA clock and marketing's, inside the caller's transaction. */
final class Timers {

    private Timers() {}

    /** Schedules a reminder (if the deadline has one) and the deadline itself for one round, in one statement. */
    static void schedule(Handle handle, long handoffId, TimerKind remind, TimerKind deadlineKind, int round,
            Deadline deadline) {
        if (deadline.remindAt() == null || !deadline.remindAt().isBefore(deadline.dueAt())) {
            insert(handle, handoffId, deadlineKind, round, deadline.dueAt());
            return;
        }
        handle.createUpdate("""
                        INSERT INTO <table> (handoff_id, kind, round, due_at, state)
                        VALUES (:id, :remind, :round, :remindAt, 'pending'), (:id, :deadline, :round, :due, 'pending')
                        ON CONFLICT DO NOTHING""")
                .define("table", deadlineKind.table())
                .bind("id", handoffId).bind("round", round)
                .bind("remind", remind.key()).bind("remindAt", deadline.remindAt().toEpochMilli())
                .bind("deadline", deadlineKind.key()).bind("due", deadline.dueAt().toEpochMilli())
                .execute();
    }

    /** Cancels the handoff's pending timers of these kinds, whatever their round. */
    static void cancel(Handle handle, long handoffId, Instant now, TimerKind... kinds) {
        Map<String, List<String>> byTable = Arrays.stream(kinds)
                .collect(Collectors.groupingBy(TimerKind::table, Collectors.mapping(TimerKind::key, Collectors.toList())));
        byTable.forEach((table, keys) -> handle.createUpdate("""
                        UPDATE <table> SET state = 'cancelled', settled_at = :now
                        WHERE handoff_id = :id AND state = 'pending' AND kind IN (<kinds>)""")
                .define("table", table)
                .bindList("kinds", keys).bind("now", now.toEpochMilli()).bind("id", handoffId).execute());
    }

    static void assign(Handle handle, long handoffId, int round, String userId, Instant now) {
        handle.createUpdate("""
                        INSERT INTO assignments (handoff_id, round, user_id, assigned_at)
                        VALUES (:id, :round, :user, :now) ON CONFLICT DO NOTHING""")
                .bind("id", handoffId).bind("round", round).bind("user", userId).bind("now", now.toEpochMilli())
                .execute();
    }

    private static void insert(Handle handle, long handoffId, TimerKind kind, int round, Instant dueAt) {
        handle.createUpdate("""
                        INSERT INTO <table> (handoff_id, kind, round, due_at, state)
                        VALUES (:id, :kind, :round, :due, 'pending') ON CONFLICT DO NOTHING""")
                .define("table", kind.table())
                .bind("id", handoffId).bind("kind", kind.key()).bind("round", round)
                .bind("due", dueAt.toEpochMilli()).execute();
    }
}
