package dev.handshake.routing;

import dev.handshake.agreement.PoolRep;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One pool's weighted round robin, by stride scheduling: each rep has a pass that grows by {@link #SCALE} / weight
 * with every lead they take, and the lead goes to the rep with the lowest pass among those who can take it (ties in
 * the pool's order). Over any stretch where the same reps are available, each gets leads in proportion to their
 * weight, never more than one lead off. Two rules keep it fair over time: a rep skipped while unavailable (away,
 * outside their hours, at their cap, deactivated) rejoins at the pool's virtual time, the pass of the last pick, so
 * they are not handed the backlog on their return; and a lead reassigned away from a rep gives that rep's turn back.
 * Immutable.
 */
record Rotation(long virtualTime, Map<String, Turn> turns) {

    /** The pass one lead costs a rep of weight 1. */
    static final long SCALE = 1_000_000L;

    /** Where a rep stands: their pass, and whether they missed a pick while unavailable since their last turn. */
    record Turn(long pass, boolean missed) {}

    /** A pick: who gets the lead, and the rotation after it. */
    record Pick(String user, Rotation after) {}

    Rotation {
        turns = Map.copyOf(turns);
    }

    /** A pool nobody has taken a lead from yet. */
    static Rotation fresh() {
        return new Rotation(0, Map.of());
    }

    static long stride(PoolRep rep) {
        return SCALE / rep.weight();
    }

    /**
     * A rep's pass as the next pick sees it: a rep new to the pool, or back after missing picks, starts at the
     * virtual time (never below it); anyone else keeps their own, turns given back included.
     */
    long passOf(String user) {
        Turn turn = turns.get(user);
        if (turn == null) {
            return virtualTime;
        }
        return turn.missed() ? Math.max(turn.pass(), virtualTime) : turn.pass();
    }

    /** The reps of {@code pool} among {@code candidates}, in the order the rotation would hand them leads now. */
    List<PoolRep> order(List<PoolRep> pool, Set<String> candidates) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < pool.size(); i++) {
            index.put(pool.get(i).user(), i);
        }
        List<PoolRep> ordered = new ArrayList<>(pool.stream().filter(rep -> candidates.contains(rep.user())).toList());
        ordered.sort(Comparator.comparingLong((PoolRep rep) -> passOf(rep.user()))
                .thenComparing(rep -> index.get(rep.user())));
        return ordered;
    }

    /**
     * Gives the lead to the first of {@code eligible} in rotation order. Reps in {@code unavailable} are marked as
     * having missed the pick; eligible reps settle at their pass as seen now. Empty when nobody is eligible.
     */
    Optional<Pick> pick(List<PoolRep> pool, Set<String> eligible, Set<String> unavailable) {
        List<PoolRep> ordered = order(pool, eligible);
        if (ordered.isEmpty()) {
            return Optional.empty();
        }
        PoolRep chosen = ordered.get(0);
        long at = passOf(chosen.user());
        Map<String, Turn> next = new HashMap<>(turns);
        for (PoolRep rep : ordered) {
            next.put(rep.user(), new Turn(passOf(rep.user()), false));
        }
        next.put(chosen.user(), new Turn(at + stride(chosen), false));
        for (String user : unavailable) {
            Turn turn = turns.get(user);
            next.put(user, new Turn(turn == null ? virtualTime : turn.pass(), true));
        }
        return Optional.of(new Pick(chosen.user(), new Rotation(Math.max(virtualTime, at), next)));
    }

    /** Gives {@code rep} back the turn a lead took from them, when the lead was reassigned away. */
    Rotation giveBack(PoolRep rep) {
        Objects.requireNonNull(rep, "rep == null");
        Turn turn = turns.get(rep.user());
        if (turn == null) {
            return this;
        }
        Map<String, Turn> next = new HashMap<>(turns);
        next.put(rep.user(), new Turn(turn.pass() - stride(rep), turn.missed()));
        return new Rotation(virtualTime, next);
    }
}
