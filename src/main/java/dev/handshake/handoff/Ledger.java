package dev.handshake.handoff;

import dev.handshake.outbox.Outbox;
import dev.handshake.outbox.Owed;
import dev.handshake.outbox.Recorded;
import dev.handshake.slack.SlackLanes;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Writes a handoff's events and the Slack calls it owes, inside the caller's transaction. Every event, whatever its
 * kind, is offered to the outbox's subscribers in the same transaction (webhooks, the CRM), so a kind added later
 * reaches them without any change to theirs.
 */
final class Ledger {

    static final String SYSTEM = "system";

    private Ledger() {}

    static void event(Handle handle, Outbox outbox, long handoffId, String kind, String actor, Instant at,
            String detail) {
        long id = handle.createQuery("""
                        INSERT INTO handoff_events (handoff_id, kind, actor, at, detail)
                        VALUES (:handoff, :kind, :actor, :at, :detail)
                        RETURNING id""")
                .bind("handoff", handoffId).bind("kind", kind).bind("actor", actor)
                .bind("at", at).bind("detail", detail).mapTo(Long.class).one();
        outbox.publish(handle, new Recorded(kind, String.valueOf(handoffId), id), at);
    }

    /**
     * Owes what every change of a handoff's state owes: its message in the sales channel brought up to date, and the
     * buttons of its notices that no longer apply closed.
     */
    static void changed(Handle handle, Outbox outbox, long handoffId, String salesChannel, Instant now) {
        outbox.oweAll(handle, changes(handle, handoffId, salesChannel), List.of(), now);
    }

    /** What {@link #changed} owes, for a caller that owes it together with more. */
    static List<Owed> changes(Handle handle, long handoffId, String salesChannel) {
        Owed update = owed(handoffId, DeliveryKind.UPDATE_HANDOFF, SlackLanes.edit(salesChannel), null);
        boolean notices = handle.createQuery(
                        "SELECT 1 FROM handoff_notices WHERE handoff_id = :id AND closed_at IS NULL LIMIT 1")
                .bind("id", handoffId).mapTo(Integer.class).findOne().isPresent();
        return notices ? List.of(update, owed(handoffId, DeliveryKind.CLOSE_NOTICES, noticesLane(handoffId), null))
                : List.of(update);
    }

    /**
     * The lane of the edits of a handoff's notices: the link added to the rep's direct message and the closing of
     * buttons that no longer apply go one after the other, so a link edit under way when the lead is decided cannot
     * land after the closing and bring the buttons back.
     */
    static String noticesLane(long handoffId) {
        return SlackLanes.edit("notices:" + handoffId);
    }

    /** Owes a Slack call about the handoff, due at {@code now}; {@code detail} names who it is about, if needed. */
    static void owe(Handle handle, Outbox outbox, long handoffId, DeliveryKind kind, String lane, Instant now,
            String detail) {
        outbox.owe(handle, owed(handoffId, kind, lane, detail), now);
    }

    /** A Slack call about the handoff, as {@link #owe} owes it. */
    static Owed owed(long handoffId, DeliveryKind kind, String lane, String detail) {
        return new Owed(kind.key(), lane, String.valueOf(handoffId), detail);
    }
}
