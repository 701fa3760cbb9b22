package dev.handshake.agreement;

import java.util.List;
import java.util.Optional;

/**
 * Who gets a stage's leads (the stage's routing): round robin over {@code pool}, weighted, skipping reps who are
 * away, deactivated, at their cap of open handoffs ({@code cap}: the pool's default, null for none) or, with
 * {@code workingHours}, outside the agreement's opening hours in their own time zone. When nobody can take a lead
 * it goes to {@code fallback} (a user, a user group or a channel; null: unassigned in the sales channel). A lead sent
 * straight to a rep who is away or deactivated is routed on when {@code reassignIfUnavailable}, and otherwise kept
 * with a warning to the escalation target.
 */
public record RoutingTerms(List<PoolRep> pool, Integer cap, SlackTarget fallback, boolean workingHours,
        boolean reassignIfUnavailable) {

    public RoutingTerms {
        pool = List.copyOf(pool);
    }

    /** The routing an agreement without {@code routing} gets from {@code reassign.pool}: equal weights, no caps. */
    static RoutingTerms fromReassignPool(List<String> pool) {
        return new RoutingTerms(pool.stream().map(PoolRep::new).toList(), null, null, true, true);
    }

    /** The cap of open handoffs that applies to this rep, if any. */
    public Optional<Integer> capOf(PoolRep rep) {
        return Optional.ofNullable(rep.cap() != null ? rep.cap() : cap);
    }

    public Optional<PoolRep> rep(String user) {
        return pool.stream().filter(rep -> rep.user().equals(user)).findFirst();
    }
}
