package dev.handshake.handoff;

import static dev.handshake.handoff.HandoffWorld.POOL_1;
import static dev.handshake.handoff.HandoffWorld.REP;
import static dev.handshake.handoff.HandoffWorld.chicago;
import static org.assertj.core.api.Assertions.assertThat;

import dev.handshake.outbox.Drain;
import dev.handshake.testing.InMemorySlack;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Handoffs}, the decisions' rules, on a real SQLite file with Slack in memory: who may decide, the
 * compare-and-set when two changes race (one slipped in between the check and the commit), and first contact.
 */
class HandoffsTest {

    private static final String OTHER = "U0OTHER001";
    private static final String MARKETER = HandoffWorld.MARKETER;

    @TempDir
    Path dir;

    private HandoffWorld world;

    @AfterEach
    void close() {
        world.close();
    }

    private Handoffs handoffs() {
        return world.handoffs;
    }

    @Test
    void anyoneInTheChannelMayDecideWhenTheAgreementSaysSo() {
        world = HandoffWorld.open(dir, "anyone");
        Handoff h = world.posted("hs-1", REP);

        Outcome outcome = handoffs().accept(h.id(), OTHER);

        assertThat(outcome).isInstanceOf(Outcome.Done.class);
        assertThat(world.find(h.id()).decision().by()).isEqualTo(OTHER);
        assertThat(world.find(h.id()).decision().at()).isEqualTo(world.clock.instant());
    }

    @Test
    void onlyTheAssigneeDecidesWhenTheAgreementSaysSo() {
        world = HandoffWorld.open(dir, "assignee");
        Handoff h = world.posted("hs-1", REP);

        assertThat(handoffs().accept(h.id(), OTHER)).isInstanceOf(Outcome.NotAllowed.class);
        assertThat(handoffs().reject(h.id(), OTHER, "Timing — no project this year", null))
                .isInstanceOf(Outcome.NotAllowed.class);
        assertThat(handoffs().checkDecidable(h.id(), OTHER)).isInstanceOf(Outcome.NotAllowed.class);
        assertThat(world.find(h.id()).status()).isEqualTo(HandoffStatus.PENDING);
        assertThat(world.events(h.id())).containsExactly("received", "posted");

        assertThat(handoffs().checkDecidable(h.id(), REP)).isInstanceOf(Outcome.Done.class);
        assertThat(handoffs().accept(h.id(), REP)).isInstanceOf(Outcome.Done.class);
    }

    @Test
    void aLeadAssignedToNobodyMayBeDecidedByAnyoneEvenWhenTheAssigneeDecides() {
        world = HandoffWorld.open(dir, "assignee");
        // Every rep of the pool away: the lead goes to the fallback, the sales managers' group, and nobody holds it.
        world.away.addAll(List.of(HandoffWorld.POOL_1, HandoffWorld.POOL_2, HandoffWorld.POOL_3, "U05SDRDEV04"));
        Handoff h = world.posted("hs-1", null);
        assertThat(h.assignee()).isNull();

        assertThat(handoffs().accept(h.id(), OTHER)).isInstanceOf(Outcome.Done.class);
    }

    @Test
    void aLeadWithoutAnAssigneeIsRoutedAtIntakeAndThenOnlyItsRepDecidesWhenTheAssigneeDecides() {
        world = HandoffWorld.open(dir, "assignee");
        Handoff h = world.posted("hs-1", null);
        assertThat(h.assignee()).isIn(HandoffWorld.POOL_1, HandoffWorld.POOL_2, HandoffWorld.POOL_3, "U05SDRDEV04");

        assertThat(handoffs().accept(h.id(), OTHER)).isInstanceOf(Outcome.NotAllowed.class);
        assertThat(handoffs().accept(h.id(), h.assignee())).isInstanceOf(Outcome.Done.class);
    }

    @Test
    void aDecisionOwesTheAppHomesItChangesInItsOwnTransactionAndALosingClickOwesNone() {
        world = HandoffWorld.open(dir);
        Handoff h = world.posted("hs-1", REP);

        handoffs().accept(h.id(), OTHER);
        handoffs().accept(h.id(), "U0THIRD001");
        handoffs().markContacted(h.id(), OTHER);

        assertThat(world.homesOwed()).containsExactly(OTHER, REP, OTHER, REP);
        world.deliver();
        assertThat(world.slack.calls("views.publish")).extracting(InMemorySlack.Call::channel)
                .containsExactlyInAnyOrder(OTHER, REP);
    }

    @Test
    void onceThePostsItemIsDeletedAfterItsRetentionTheHandoffStillSaysHowItsPostEnded() {
        world = HandoffWorld.open(dir);
        Handoff posted = world.posted("hs-posted", REP);
        world.slack.failNext("chat.postMessage", 1, InMemorySlack.permanent("channel_not_found"));
        Handoff failed = world.posted("hs-failed", REP);
        world.clock.advance(java.time.Duration.ofDays(31));
        // The two channel posts (one done, one failed) and the rep's direct message for each, both done.
        assertThat(Drain.prune(world.outbox, world.clock.instant())).isEqualTo(4);

        assertThat(world.receiveAgain("hs-posted")).isEqualTo("posted");
        assertThat(world.receiveAgain("hs-failed")).isEqualTo("failed");
        handoffs().accept(failed.id(), REP);
        handoffs().accept(posted.id(), REP);
        world.deliver();
        assertThat(world.owed(failed.id())).as("no message to edit: given up at once, not retried for 72 hours")
                .containsExactly("update_handoff failed", "close_notices done");
        assertThat(world.owed(posted.id())).containsExactly("update_handoff done", "close_notices done");
    }

    @Test
    void aSecondDecisionChangesNothingAndSaysWhoDecidedFirst() {
        world = HandoffWorld.open(dir);
        Handoff h = world.posted("hs-1", REP);
        handoffs().accept(h.id(), REP);

        Outcome second = handoffs().reject(h.id(), OTHER, "Timing — no project this year", null);

        assertThat(second).isInstanceOfSatisfying(Outcome.AlreadyDone.class, done -> {
            assertThat(done.handoff().status()).isEqualTo(HandoffStatus.ACCEPTED);
            assertThat(done.handoff().decision().by()).isEqualTo(REP);
        });
        assertThat(world.events(h.id())).containsExactly("received", "posted", "accepted");
        // The edit, and the closing of the rep's direct message's buttons, once.
        assertThat(world.owed(h.id())).containsExactly("post_handoff done", "dm_assignee done",
                "update_handoff pending", "close_notices pending");
    }

    @Test
    void aDecisionCommittedBetweenTheCheckAndTheCompareAndSetWinsAndTheLaterOneIsToldSo() {
        world = HandoffWorld.open(dir);
        Handoff h = world.posted("hs-1", REP);

        // OTHER's reject commits after REP's click was checked (still pending) but before REP's commit.
        world.writes.beforeNext(() -> handoffs().reject(h.id(), OTHER, "Timing — no project this year", null));
        Outcome late = handoffs().accept(h.id(), REP);

        assertThat(late).isInstanceOfSatisfying(Outcome.AlreadyDone.class,
                done -> assertThat(done.handoff().decision().by()).isEqualTo(OTHER));
        Handoff stored = world.find(h.id());
        assertThat(stored.status()).isEqualTo(HandoffStatus.REJECTED);
        assertThat(stored.sla().contactDueAt()).as("no first-contact clock for a rejected lead").isNull();
        assertThat(world.events(h.id())).containsExactly("received", "posted", "rejected");
        assertThat(world.owed(h.id())).containsExactly("post_handoff done", "dm_assignee done",
                "update_handoff pending", "close_notices pending", "notify_marketing pending",
                "told_assignee pending");
        // OTHER decided REP's lead: REP is told once who did.
    }

    @Test
    void aReassignmentCommittedBetweenTheCheckAndTheCompareAndSetStopsThePreviousAssignee() {
        world = HandoffWorld.open(dir, "assignee");
        Handoff h = world.posted("hs-1", REP);
        world.advanceTo(chicago("2026-11-30T14:01:00")); // the deadline passed: the clock reassigns

        world.writes.beforeNext(() -> assertThat(world.slaClock.tick()).isEqualTo(1));
        Outcome late = handoffs().accept(h.id(), REP);

        assertThat(late).isInstanceOf(Outcome.NotAllowed.class);
        Handoff stored = world.find(h.id());
        assertThat(stored.status()).isEqualTo(HandoffStatus.PENDING);
        assertThat(stored.assignee()).isEqualTo(POOL_1);
        assertThat(handoffs().accept(h.id(), POOL_1)).isInstanceOf(Outcome.Done.class);
    }

    @Test
    void concurrentDecisionsOfManyRepsHaveExactlyOneWinner() throws Exception {
        world = HandoffWorld.open(dir);
        Handoff h = world.posted("hs-1", REP);
        int reps = 8;
        ExecutorService pool = Executors.newFixedThreadPool(reps);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Outcome>> clicks = new ArrayList<>();
        try {
            for (int i = 0; i < reps; i++) {
                String rep = "U0REP0000" + i;
                clicks.add(pool.submit(() -> {
                    go.await();
                    return rep.endsWith("1") ? handoffs().reject(h.id(), rep, "Timing — no project this year", null)
                            : handoffs().accept(h.id(), rep);
                }));
            }
            go.countDown();
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> click : clicks) {
                outcomes.add(click.get());
            }

            assertThat(outcomes).filteredOn(Outcome.Done.class::isInstance).hasSize(1);
            assertThat(outcomes).filteredOn(Outcome.AlreadyDone.class::isInstance).hasSize(reps - 1);
            Handoff stored = world.find(h.id());
            String winner = ((Outcome.Done) outcomes.stream().filter(Outcome.Done.class::isInstance).findFirst()
                    .orElseThrow()).handoff().decision().by();
            assertThat(stored.decision().by()).isEqualTo(winner);
            assertThat(world.events(h.id()).stream().filter(e -> e.equals("accepted") || e.equals("rejected")))
                    .hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void acceptingStartsTheFirstContactClockWhichOnlyTheAcceptingRepStops() {
        world = HandoffWorld.open(dir);
        Handoff h = world.posted("hs-1", REP);
        handoffs().accept(h.id(), REP);
        // 8 business hours from Monday 10:00: 7.5 on Monday, then 30 minutes on Tuesday.
        assertThat(world.find(h.id()).sla().contactDueAt()).isEqualTo(chicago("2026-12-01T09:30:00"));
        assertThat(world.timers(h.id())).containsEntry("contact_remind#0", "pending")
                .containsEntry("contact_escalate#0", "pending");

        assertThat(handoffs().markContacted(h.id(), OTHER)).isInstanceOfSatisfying(Outcome.Refused.class,
                refused -> assertThat(refused.step()).isEqualTo(Step.MARK_CONTACTED));
        world.clock.advance(java.time.Duration.ofMinutes(90));
        assertThat(handoffs().markContacted(h.id(), REP)).isInstanceOf(Outcome.Done.class);

        Handoff stored = world.find(h.id());
        assertThat(stored.sla().contactedAt()).isEqualTo(chicago("2026-11-30T11:30:00"));
        assertThat(stored.sla().contactedBy()).isEqualTo(REP);
        assertThat(world.timers(h.id())).containsEntry("contact_remind#0", "cancelled")
                .containsEntry("contact_escalate#0", "cancelled");
        assertThat(handoffs().markContacted(h.id(), REP)).isInstanceOfSatisfying(Outcome.AlreadyDone.class,
                done -> assertThat(done.handoff().sla().contactedAt()).isEqualTo(chicago("2026-11-30T11:30:00")));
        assertThat(world.events(h.id()).stream().filter("contacted"::equals)).hasSize(1);
    }

    @Test
    void twoMarksOfFirstContactRacingAreRecordedOnce() {
        world = HandoffWorld.open(dir);
        Handoff h = world.posted("hs-1", REP);
        handoffs().accept(h.id(), REP);

        world.writes.beforeNext(() -> handoffs().markContacted(h.id(), REP));
        assertThat(handoffs().markContacted(h.id(), REP)).isInstanceOf(Outcome.AlreadyDone.class);

        assertThat(world.events(h.id()).stream().filter("contacted"::equals)).hasSize(1);
    }

    @Test
    void firstContactCannotBeMarkedOnALeadNotAccepted() {
        world = HandoffWorld.open(dir);
        Handoff pending = world.posted("hs-1", REP);
        Handoff rejected = world.posted("hs-2", REP);
        handoffs().reject(rejected.id(), REP, "Timing — no project this year", null);

        // The step does not apply where these leads are: they say where.
        assertThat(handoffs().markContacted(pending.id(), REP)).isInstanceOfSatisfying(Outcome.AlreadyDone.class,
                done -> assertThat(done.handoff().status()).isEqualTo(HandoffStatus.PENDING));
        assertThat(handoffs().markContacted(rejected.id(), REP)).isInstanceOfSatisfying(Outcome.AlreadyDone.class,
                done -> assertThat(done.handoff().status()).isEqualTo(HandoffStatus.REJECTED));
        assertThat(handoffs().markContacted(424242, REP)).isInstanceOf(Outcome.Unknown.class);
        assertThat(world.find(pending.id()).sla().contactedAt()).isNull();
    }

    @Test
    void marketingAnswersARejectionOnceAndOnlyARejection() {
        world = HandoffWorld.open(dir);
        Handoff pending = world.posted("hs-1", REP);
        Handoff h = world.posted("hs-2", REP);
        handoffs().reject(h.id(), REP, "Timing — no project this year", "Call back in Q3");

        assertThat(handoffs().answerRejection(pending.id(), MARKETER, MarketingOutcome.Kind.RECYCLED))
                .isInstanceOfSatisfying(Outcome.AlreadyDone.class,
                        done -> assertThat(done.handoff().marketingOutcome()).isNull());
        assertThat(handoffs().answerRejection(h.id(), MARKETER, MarketingOutcome.Kind.CONTESTED))
                .isInstanceOf(Outcome.Done.class);
        assertThat(handoffs().answerRejection(h.id(), HandoffWorld.MARKETER_2, MarketingOutcome.Kind.RECYCLED))
                .isInstanceOfSatisfying(Outcome.AlreadyDone.class, done -> {
                    assertThat(done.handoff().marketingOutcome().kind()).isEqualTo(MarketingOutcome.Kind.CONTESTED);
                    assertThat(done.handoff().marketingOutcome().by()).isEqualTo(MARKETER);
                });
        assertThat(handoffs().answerRejection(424242, MARKETER, MarketingOutcome.Kind.RECYCLED))
                .isInstanceOf(Outcome.Unknown.class);
        assertThat(world.owed(h.id())).containsSubsequence("notify_marketing pending", "update_marketing pending",
                "update_handoff pending", "contest pending");
        assertThat(world.owed(pending.id())).containsExactly("post_handoff done", "dm_assignee done");
    }
}
