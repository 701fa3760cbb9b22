package dev.handshake.routing;

import dev.handshake.agreement.PoolRep;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One pool's weighted round robin, as weighted fair queueing (WF²Q): each rep has a start that grows by
 * {@link #SCALE} / weight with every lead they take; the pool's virtual time grows by {@link #SCALE} / (the weights
 * of the reps who could take it) with every lead. A lead goes to the rep with the earliest finish (start + their
 * stride) among the available reps whose start the virtual time has reached; ties go to whoever had a lead least
 * recently, then to the pool's order. With the same reps available, each rep's count stays within one lead of its
 * weighted share at every point. Two rules keep it fair over time: a rep skipped while unavailable (away, outside
 * their hours, at their cap, deactivated) rejoins at the virtual time, so they are not handed the backlog on their
 * return; and a lead reassigned away from a rep gives that rep's turn back (by hand, the rep it goes to is charged
 * it). Immutable.
 */
record Rotation(long virtualTime, long picks, Map<String, Turn> turns) {

    /** What one lead costs a rep of weight 1, in virtual time. */
    static final long SCALE = 1_000_000_000L;

    /**
     * Where a rep stands: their start, whether they missed a pick while unavailable since their last turn, and the
     * pool's pick number when they last got a lead (0: never).
     */
    record Turn(long start, boolean missed, long lastPick) {}

    /** A pick: who gets the lead, and the rotation after it. */
    record Pick(String user, Rotation after) {}

    Rotation {
        turns = Map.copyOf(turns);
    }

    /** A pool nobody has taken a lead from yet. */
    static Rotation fresh() {
        return new Rotation(0, 0, Map.of());
    }

    static long stride(PoolRep rep) {
        return SCALE / rep.weight();
    }

    /**
     * A rep's start as the next pick sees it: a rep new to the pool, or back after missing picks, starts at the
     * virtual time (never below it); anyone else keeps their own, turns given back included.
     */
    long startOf(String user) {
        Turn turn = turns.get(user);
        if (turn == null) {
            return virtualTime;
        }
        return turn.missed() ? Math.max(turn.start(), virtualTime) : turn.start();
    }

    /**
     * Gives the lead to the rep of {@code eligible} the rotation owes it to. Reps in {@code unavailable} are marked
     * as having missed the pick; eligible reps settle at their start as seen now. Empty when nobody is eligible.
     */
    Optional<Pick> pick(List<PoolRep> pool, Set<String> eligible, Set<String> unavailable) {
        List<PoolRep> available = pool.stream().filter(rep -> eligible.contains(rep.user())).toList();
        if (available.isEmpty()) {
            return Optional.empty();
        }
        long now = Math.max(virtualTime, available.stream().mapToLong(rep -> startOf(rep.user())).min().orElseThrow());
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < pool.size(); i++) {
            index.put(pool.get(i).user(), i);
        }
        PoolRep chosen = available.stream()
                .filter(rep -> startOf(rep.user()) <= now)
                .min(Comparator.comparingLong((PoolRep rep) -> startOf(rep.user()) + stride(rep))
                        .thenComparingLong(rep -> lastPick(rep.user()))
                        .thenComparing(rep -> index.get(rep.user())))
                .orElseThrow();
        long pick = picks + 1;
        Map<String, Turn> next = new HashMap<>(turns);
        for (PoolRep rep : available) {
            next.put(rep.user(), new Turn(startOf(rep.user()), false, lastPick(rep.user())));
        }
        next.put(chosen.user(), new Turn(startOf(chosen.user()) + stride(chosen), false, pick));
        for (String user : unavailable) {
            Turn turn = turns.get(user);
            next.put(user, turn == null ? new Turn(virtualTime, true, 0) : new Turn(turn.start(), true,
                    turn.lastPick()));
        }
        long weights = available.stream().mapToLong(PoolRep::weight).sum();
        return Optional.of(new Pick(chosen.user(), new Rotation(now + SCALE / weights, pick, next)));
    }

    /**
     * The reps of {@code pool} among {@code candidates} in the order the rotation would give them leads from now,
     * if they stayed available: each listed once, at their first lead.
     */
    List<PoolRep> order(List<PoolRep> pool, Set<String> candidates) {
        Set<String> seen = new LinkedHashSet<>();
        long wanted = pool.stream().filter(rep -> candidates.contains(rep.user())).count();
        Rotation rotation = this;
        int maxSteps = (int) Math.min(10_000, wanted * 200);
        for (int step = 0; step < maxSteps && seen.size() < wanted; step++) {
            Optional<Pick> pick = rotation.pick(pool, candidates, Set.of());
            if (pick.isEmpty()) {
                break;
            }
            seen.add(pick.get().user());
            rotation = pick.get().after();
        }
        List<PoolRep> ordered = new ArrayList<>();
        for (String user : seen) {
            pool.stream().filter(rep -> rep.user().equals(user)).findFirst().ifPresent(ordered::add);
        }
        return ordered;
    }

    /** Gives {@code rep} back the turn a lead took from them, when the lead was reassigned away. */
    Rotation giveBack(PoolRep rep) {
        Objects.requireNonNull(rep, "rep == null");
        Turn turn = turns.get(rep.user());
        if (turn == null) {
            return this;
        }
        Map<String, Turn> next = new HashMap<>(turns);
        next.put(rep.user(), new Turn(turn.start() - stride(rep), turn.missed(), turn.lastPick()));
        return new Rotation(virtualTime, picks, next);
    }

    /**
     * Charges {@code rep} the turn of a lead handed to them by hand, as a pick would have: their start moves on by
     * their stride from where the next pick would see it, and they count as the latest to get a lead.
     */
    Rotation charge(PoolRep rep) {
        Objects.requireNonNull(rep, "rep == null");
        Map<String, Turn> next = new HashMap<>(turns);
        next.put(rep.user(), new Turn(startOf(rep.user()) + stride(rep), false, picks));
        return new Rotation(virtualTime, picks, next);
    }

    private long lastPick(String user) {
        Turn turn = turns.get(user);
        return turn == null ? 0 : turn.lastPick();
    }
}
