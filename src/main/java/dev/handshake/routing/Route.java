package dev.handshake.routing;

import dev.handshake.agreement.SlackTarget;
import java.util.List;

/**
 * Who a lead goes to and why. {@code assignee} is the Slack user who has it now, or null when it waits unassigned
 * (for the fallback user group or channel, or in the sales channel when the stage is not routed). {@code pool} names
 * the rotation whose turn the assignee took (null when none: sent straight, or the fallback). {@code note} says why,
 * naming people without pinging them; it is shown on the handoff and kept with it. {@code fallback} is set when
 * nobody in the pool could take the lead; {@code warning} when a lead stays with someone who cannot act on it now.
 */
public record Route(Kind kind, String assignee, String pool, SlackTarget fallback, String note, String warning,
        List<Skip> skipped) {

    /** How the assignee was chosen. */
    public enum Kind {
        /** The stage has no routing and the lead names nobody: it waits in the sales channel. */
        UNROUTED,
        /** Marketing named the assignee, who can take it. */
        SENT_STRAIGHT,
        /** The next rep in the pool's rotation. */
        ROTATION,
        /** Nobody in the pool could take it: the pool's fallback. */
        FALLBACK,
        /** Marketing named someone who cannot act on it now, and the agreement keeps it with them. */
        KEPT
    }

    public Route {
        skipped = List.copyOf(skipped);
    }

    static Route unrouted(String assignee) {
        return new Route(assignee == null ? Kind.UNROUTED : Kind.SENT_STRAIGHT, assignee, null, null, null, null,
                List.of());
    }

    /** Whether the assignee took a turn of the rotation (and gives it back if the lead is reassigned away). */
    public boolean tookTurn() {
        return pool != null;
    }
}
