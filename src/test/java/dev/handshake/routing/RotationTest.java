package dev.handshake.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handshake.agreement.PoolRep;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The weighted rotation on its own: shares by weight, the order of equal reps, returning reps, turns given back. */
class RotationTest {

    private static final PoolRep AVA = new PoolRep("U0AVA00001");
    private static final PoolRep BEN = new PoolRep("U0BEN00002");
    private static final PoolRep CHLOE = new PoolRep("U0CHL00003");
    private static final PoolRep DEV = new PoolRep("U0DEV00004");
    private static final List<PoolRep> EQUAL = List.of(AVA, BEN, CHLOE, DEV);

    /** Picks {@code leads} leads with everyone in {@code eligible} available; returns each rep's count. */
    private static Map<String, Integer> run(Rotation[] rotation, List<PoolRep> pool, Set<String> eligible,
            int leads) {
        Map<String, Integer> counts = new HashMap<>();
        Set<String> unavailable = pool.stream().map(PoolRep::user).filter(u -> !eligible.contains(u))
                .collect(Collectors.toSet());
        for (int i = 0; i < leads; i++) {
            Rotation.Pick pick = rotation[0].pick(pool, eligible, unavailable).orElseThrow();
            counts.merge(pick.user(), 1, Integer::sum);
            rotation[0] = pick.after();
        }
        return counts;
    }

    private static Set<String> users(List<PoolRep> pool) {
        return pool.stream().map(PoolRep::user).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    @Test
    void equalRepsTakeTurnsInThePoolsOrder() {
        Rotation rotation = Rotation.fresh();
        List<String> picked = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Rotation.Pick pick = rotation.pick(EQUAL, users(EQUAL), Set.of()).orElseThrow();
            picked.add(pick.user());
            rotation = pick.after();
        }
        assertThat(picked).containsExactly(AVA.user(), BEN.user(), CHLOE.user(), DEV.user(),
                AVA.user(), BEN.user(), CHLOE.user(), DEV.user());
    }

    /** Tolerance: after any number of leads, each rep's count is within one lead of leads × weight / total weight. */
    @Test
    void countsFollowTheWeightsWithinOneLeadAfterEveryLead() {
        List<PoolRep> pool = List.of(new PoolRep("U0W1000001", 1, null), new PoolRep("U0W2000002", 2, null),
                new PoolRep("U0W3000003", 3, null), new PoolRep("U0W4000004", 4, null),
                new PoolRep("U0W7000007", 7, null));
        int total = pool.stream().mapToInt(PoolRep::weight).sum();
        Rotation rotation = Rotation.fresh();
        Map<String, Integer> counts = new HashMap<>();
        for (int lead = 1; lead <= 10_000; lead++) {
            Rotation.Pick pick = rotation.pick(pool, users(pool), Set.of()).orElseThrow();
            counts.merge(pick.user(), 1, Integer::sum);
            rotation = pick.after();
            for (PoolRep rep : pool) {
                double share = (double) lead * rep.weight() / total;
                assertThat(Math.abs(counts.getOrDefault(rep.user(), 0) - share)).as("%s after %d leads", rep, lead)
                        .isLessThanOrEqualTo(1.0);
            }
        }
        // 10,000 leads over weights 1+2+3+4+7 = 17: shares 588.2, 1176.5, 1764.7, 2352.9 and 4117.6.
        assertThat(counts.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(10_000);
        assertThat(counts.get("U0W1000001")).isBetween(588, 589);
        assertThat(counts.get("U0W7000007")).isBetween(4117, 4118);
    }

    @Test
    void aRepBackFromAwayGetsTheirShareFromNowOnNotTheBacklog() {
        Rotation[] rotation = {Rotation.fresh()};
        Set<String> withoutDev = users(List.of(AVA, BEN, CHLOE));
        Map<String, Integer> whileAway = run(rotation, EQUAL, withoutDev, 300);
        assertThat(whileAway).containsOnlyKeys(AVA.user(), BEN.user(), CHLOE.user())
                .containsValues(100, 100, 100);

        // Back: one lead in every four, as the others, rather than the next hundred.
        Map<String, Integer> after = run(rotation, EQUAL, users(EQUAL), 8);
        assertThat(after).containsEntry(DEV.user(), 2).containsEntry(AVA.user(), 2).containsEntry(BEN.user(), 2)
                .containsEntry(CHLOE.user(), 2);
    }

    @Test
    void aNewRepInThePoolStartsAtTheCurrentTurn() {
        Rotation[] rotation = {Rotation.fresh()};
        run(rotation, List.of(AVA, BEN), users(List.of(AVA, BEN)), 50);
        Map<String, Integer> after = run(rotation, List.of(AVA, BEN, CHLOE), users(List.of(AVA, BEN, CHLOE)), 9);
        assertThat(after).containsEntry(CHLOE.user(), 3);
    }

    @Test
    void aLeadReassignedAwayGivesTheRepTheirTurnBack() {
        Rotation[] rotation = {Rotation.fresh()};
        assertThat(run(rotation, EQUAL, users(EQUAL), 8)).containsValues(2, 2, 2, 2);
        Rotation before = rotation[0];
        // One of Dev's two leads is taken from him (he missed its deadline): he gets the next lead, ahead of his turn.
        assertThat(sequence(before.giveBack(DEV), 4)).containsExactly(DEV.user(), AVA.user(), BEN.user(),
                CHLOE.user());
        // Without the turn back, he would have waited for the whole round.
        assertThat(sequence(before, 4)).containsExactly(AVA.user(), BEN.user(), CHLOE.user(), DEV.user());
    }

    @Test
    void aLeadHandedOverByHandTakesItsTurnToTheRepWhoGetsIt() {
        Rotation[] rotation = {Rotation.fresh()};
        assertThat(run(rotation, EQUAL, users(EQUAL), 8)).containsValues(2, 2, 2, 2);
        // A manager hands one of Dev's two leads to Ava: Dev gets his turn back, Ava has had one more than her turn.
        Rotation after = rotation[0].giveBack(DEV).charge(AVA);
        assertThat(sequence(after, 5)).containsExactly(DEV.user(), BEN.user(), CHLOE.user(), DEV.user(),
                AVA.user());
        // After the first four every rep holds three, Ava's by hand counted; the fifth opens the next round.
    }

    private static List<String> sequence(Rotation rotation, int leads) {
        List<String> picked = new ArrayList<>();
        for (int i = 0; i < leads; i++) {
            Rotation.Pick pick = rotation.pick(EQUAL, users(EQUAL), Set.of()).orElseThrow();
            picked.add(pick.user());
            rotation = pick.after();
        }
        return picked;
    }

    @Test
    void nobodyEligibleIsNoPick() {
        assertThat(Rotation.fresh().pick(EQUAL, Set.of(), users(EQUAL))).isEmpty();
    }

    /**
     * Random availability over many leads: whoever is available when a lead arrives, the lead goes to the one of them
     * the rotation owes most, so among reps available the same share of the time the counts stay close.
     */
    @Test
    void underRandomAvailabilityRepsAvailableAlikeGetAlike() {
        Random random = new Random(42);
        Rotation rotation = Rotation.fresh();
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 20_000; i++) {
            Set<String> eligible = new LinkedHashSet<>();
            Set<String> unavailable = new LinkedHashSet<>();
            for (PoolRep rep : EQUAL) {
                (random.nextInt(5) == 0 ? unavailable : eligible).add(rep.user());
            }
            var pick = rotation.pick(EQUAL, eligible, unavailable);
            if (pick.isPresent()) {
                counts.merge(pick.get().user(), 1, Integer::sum);
                rotation = pick.get().after();
            }
        }
        int min = counts.values().stream().mapToInt(Integer::intValue).min().orElseThrow();
        int max = counts.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
        // Each rep is available 80% of the time; the counts stay within 2% of each other.
        assertThat(max - min).as("spread between reps, of %s", counts).isLessThanOrEqualTo(min / 50);
    }
}
