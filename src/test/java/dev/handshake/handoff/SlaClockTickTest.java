package dev.handshake.handoff;

import static dev.handshake.handoff.HandoffWorld.POOL_1;
import static dev.handshake.handoff.HandoffWorld.POOL_2;
import static dev.handshake.handoff.HandoffWorld.POOL_3;
import static dev.handshake.handoff.HandoffWorld.REP;
import static dev.handshake.handoff.HandoffWorld.chicago;
import static org.assertj.core.api.Assertions.assertThat;

import dev.handshake.testing.InMemorySlack;
import dev.handshake.testing.InMemorySlack.Call;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SlaClock} one tick at a time against the shipped agreement (4 business hours to decide, a reminder at 75%,
 * escalation to @sales-managers, reassignment by round robin at most twice, 8 business hours to first contact), with
 * Slack in memory answering or failing as told, and the outbox sent on the test's thread.
 */
class SlaClockTickTest {

    @TempDir
    Path dir;

    private HandoffWorld world;

    @BeforeEach
    void open() {
        world = HandoffWorld.open(dir);
    }

    @AfterEach
    void close() {
        world.close();
    }

    private int tickAt(String chicagoTime) {
        world.advanceTo(chicago(chicagoTime));
        return world.slaClock.tick();
    }

    /** What was posted after the first {@code skip} posts. */
    private List<Call> postsAfter(int skip) {
        List<Call> posts = world.slack.calls("chat.postMessage");
        return posts.subList(skip, posts.size());
    }

    @Test
    void remindsAtThreeQuartersThenEscalatesAndReassignsByRoundRobin() {
        Handoff h = world.posted("hs-1", REP);
        int before = world.slack.calls("chat.postMessage").size();

        assertThat(tickAt("2026-11-30T12:59:00")).as("before 75% of the window").isZero();
        assertThat(tickAt("2026-11-30T13:00:00")).isEqualTo(1);
        world.deliver();
        List<Call> reminders = postsAfter(before);
        assertThat(reminders).extracting(Call::channel).containsExactly(h.channelId(), REP);
        assertThat(reminders.get(0).threadTs()).isEqualTo(h.messageTs());
        // One ping per person per step: the rep's is the direct message, so the thread names them without one.
        assertThat(reminders.get(0).text()).contains("User " + REP, "Reminder").doesNotContain("<@" + REP + ">");
        assertThat(reminders.get(1).text()).contains("due in");

        assertThat(tickAt("2026-11-30T14:00:00")).isEqualTo(1);
        world.deliver();
        List<Call> escalation = postsAfter(before + 2);
        assertThat(escalation).extracting(Call::channel)
                .containsExactlyInAnyOrder(h.channelId(), h.channelId(), POOL_1);
        List<Call> thread = escalation.stream().filter(call -> h.messageTs().equals(call.threadTs())).toList();
        assertThat(thread.get(0).text()).contains("<!subteam^S0SALESMGR1>", "<@" + REP + ">", "Overdue");
        // Named, not pinged: the new rep gets a direct message of their own.
        assertThat(thread.get(1).text()).contains("User " + POOL_1).doesNotContain("<@" + POOL_1 + ">");
        // The channel message is edited once; the previous rep's direct messages (the lead, the reminder) have their
        // buttons closed, saying who has the lead now.
        assertThat(world.slack.calls("chat.update")).filteredOn(update -> update.channel().equals(h.channelId()))
                .hasSize(1);
        assertThat(world.slack.calls("chat.update")).filteredOn(update -> update.channel().equals(REP))
                .hasSize(2).allSatisfy(update -> assertThat(update.text()).contains("now with"));

        Handoff reassigned = world.find(h.id());
        assertThat(reassigned.assignee()).isEqualTo(POOL_1);
        assertThat(reassigned.sla().reassignments()).isEqualTo(1);
        // A fresh 4 hours from 14:00: 3.5 left on Monday, 30 minutes on Tuesday.
        assertThat(reassigned.dueAt()).isEqualTo(chicago("2026-12-01T09:30:00"));
        assertThat(reassigned.sla().overdueAt()).as("a new owner gets a clean slate").isNull();
        assertThat(world.events(h.id())).containsExactly("received", "posted", "reminded", "overdue", "escalated",
                "reassigned");
    }

    @Test
    void roundRobinSkipsRepsWhoAreAwayOrAlreadyHeldTheLeadAndStopsAfterTwoReassignments() {
        world.away.add(POOL_1);
        Handoff h = world.posted("hs-1", REP);

        tickAt("2026-11-30T14:00:00");
        assertThat(world.find(h.id()).assignee()).isEqualTo(POOL_2);
        world.away.clear();
        tickAt("2026-12-01T09:30:00"); // POOL_2's deadline
        assertThat(world.find(h.id()).assignee()).as("next in the rotation after POOL_2").isEqualTo(POOL_3);
        tickAt("2026-12-01T13:30:00"); // POOL_3's deadline: escalated, but not reassigned a third time

        Handoff last = world.find(h.id());
        assertThat(last.assignee()).isEqualTo(POOL_3);
        assertThat(last.sla().reassignments()).isEqualTo(2);
        assertThat(last.sla().overdueAt()).isEqualTo(chicago("2026-12-01T13:30:00"));
        assertThat(world.events(h.id()).stream().filter("escalated"::equals)).hasSize(3);
        assertThat(world.events(h.id()).stream().filter("reassigned"::equals)).hasSize(2);
        List<String> held = world.jdbi.withHandle(handle -> handle.createQuery(
                "SELECT user_id FROM assignments WHERE handoff_id = :id ORDER BY round").bind("id", h.id())
                .mapTo(String.class).list());
        assertThat(held).containsExactly(REP, POOL_2, POOL_3);
    }

    @Test
    void aDecisionStopsTheClock() {
        Handoff h = world.posted("hs-1", REP);
        world.handoffs.accept(h.id(), REP);

        assertThat(tickAt("2026-11-30T13:00:00")).isZero();
        assertThat(tickAt("2026-11-30T14:00:00")).isZero();

        assertThat(world.timers(h.id())).containsEntry("remind#0", "cancelled")
                .containsEntry("escalate#0", "cancelled");
        assertThat(world.events(h.id())).containsExactly("received", "posted", "accepted");
    }

    @Test
    void stepsDueWhileTheAppWasDownFireOnceAndTheMissedReminderIsSkipped() {
        Handoff h = world.posted("hs-1", REP);

        assertThat(tickAt("2026-12-01T12:00:00")).isEqualTo(1);
        assertThat(world.slaClock.tick()).as("a second tick at the same moment").isZero();

        assertThat(world.timers(h.id())).containsEntry("remind#0", "skipped").containsEntry("escalate#0", "fired");
        assertThat(world.events(h.id())).doesNotContain("reminded").containsOnlyOnce("escalated");
    }

    @Test
    void aClickCommittedWhileTheClockFiresEndsInOneConsistentOutcome() {
        Handoff h = world.posted("hs-1", REP);
        world.advanceTo(chicago("2026-11-30T14:00:00"));

        // The clock read both timers as due; the accept commits before it settles the first.
        world.writes.beforeNext(() -> world.handoffs.accept(h.id(), REP));
        assertThat(world.slaClock.tick()).isZero();

        Handoff stored = world.find(h.id());
        assertThat(stored.status()).isEqualTo(HandoffStatus.ACCEPTED);
        assertThat(stored.assignee()).isEqualTo(REP);
        assertThat(stored.sla().overdueAt()).isNull();
        assertThat(world.timers(h.id())).containsEntry("remind#0", "cancelled")
                .containsEntry("escalate#0", "cancelled");
        assertThat(world.events(h.id())).containsExactly("received", "posted", "accepted");
    }

    @Test
    void firstContactIsRemindedThenEscalatedUntilTheRepMarksIt() {
        Handoff h = world.posted("hs-1", REP);
        world.handoffs.accept(h.id(), REP);
        world.deliver();
        int before = world.slack.calls("chat.postMessage").size();

        assertThat(tickAt("2026-11-30T16:00:00")).as("75% of 8 business hours").isEqualTo(1);
        world.deliver();
        assertThat(postsAfter(before)).extracting(Call::channel).containsExactly(h.channelId(), REP);
        assertThat(postsAfter(before).get(1).text()).contains("first contact", "Mark contacted");

        assertThat(tickAt("2026-12-01T09:30:00")).isEqualTo(1);
        world.deliver();
        assertThat(postsAfter(before + 2)).extracting(Call::channel).containsExactly(h.channelId());
        assertThat(postsAfter(before + 2).get(0).text()).contains("First contact", "overdue");
        assertThat(world.find(h.id()).sla().contactOverdueAt()).isEqualTo(chicago("2026-12-01T09:30:00"));

        assertThat(world.handoffs.markContacted(h.id(), REP)).as("late, but still recorded")
                .isInstanceOf(Outcome.Done.class);
        assertThat(world.events(h.id())).containsSubsequence("accepted", "contact_reminded", "contact_escalated",
                "contacted");
    }

    @Test
    void markingFirstContactInTimeStopsTheContactClock() {
        Handoff h = world.posted("hs-1", REP);
        world.handoffs.accept(h.id(), REP);
        world.clock.advance(Duration.ofHours(1));
        world.handoffs.markContacted(h.id(), REP);

        assertThat(tickAt("2026-12-02T12:00:00")).isZero();
        assertThat(world.find(h.id()).sla().contactOverdueAt()).isNull();
        assertThat(world.events(h.id())).doesNotContain("contact_reminded", "contact_escalated");
    }

    @Test
    void slackRefusingAReminderLosesNothingAndTheClockGoesOn() {
        Handoff h = world.posted("hs-1", REP);
        tickAt("2026-11-30T13:00:00");
        world.slack.failNext("chat.postMessage", 1, InMemorySlack.rateLimited(30))
                .failNext("chat.postMessage", 1, InMemorySlack.permanent("user_not_found"));

        world.deliver(); // the thread reminder waits 30 s; the DM to the rep is refused for good
        assertThat(world.owed(h.id())).containsSubsequence("remind_thread pending", "remind_dm failed");
        assertThat(world.events(h.id())).containsSubsequence("reminded", "failed");

        world.clock.advance(Duration.ofSeconds(30));
        world.deliver();
        assertThat(world.owed(h.id())).containsSubsequence("remind_thread done", "remind_dm failed");
        assertThat(tickAt("2026-11-30T14:00:00")).as("the escalation still fires").isEqualTo(1);
        world.deliver();
        assertThat(world.owed(h.id())).contains("escalate done", "reassign_thread done", "reassign_dm done");
    }
}
