package dev.handshake.handoff;

import java.time.Instant;
import org.jdbi.v3.core.Handle;

/** Writes a handoff's events and the Slack deliveries it owes, inside the caller's transaction. */
final class Ledger {

    static final String SYSTEM = "system";

    private Ledger() {}

    static void event(Handle handle, long handoffId, String kind, String actor, Instant at, String detail) {
        handle.createUpdate("""
                        INSERT INTO handoff_events (handoff_id, kind, actor, at, detail)
                        VALUES (:handoff, :kind, :actor, :at, :detail)""")
                .bind("handoff", handoffId).bind("kind", kind).bind("actor", actor)
                .bind("at", at.toEpochMilli()).bind("detail", detail).execute();
    }

    static void owe(Handle handle, long handoffId, DeliveryKind kind, String lane, Instant now, String detail) {
        handle.createUpdate("""
                        INSERT INTO deliveries (handoff_id, kind, lane, state, next_attempt_at, created_at, detail)
                        VALUES (:handoff, :kind, :lane, 'pending', :now, :now, :detail)""")
                .bind("handoff", handoffId).bind("kind", kind.key()).bind("lane", lane)
                .bind("now", now.toEpochMilli()).bind("detail", detail).execute();
    }

    /** New messages in a channel (or a DM, as {@code dm:U…}): paced and in order. */
    static String postLane(String channel) {
        return "post:" + channel;
    }

    /** Edits of messages in a channel: in order, not paced. */
    static String editLane(String channel) {
        return "edit:" + channel;
    }

    static String dmLane(String userId) {
        return postLane("dm:" + userId);
    }
}
