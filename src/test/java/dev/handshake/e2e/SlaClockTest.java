package dev.handshake.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handshake.testing.BlockAction;
import dev.handshake.testing.SlackCall;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The SLA clock end to end: the app runs on a clock the test moves forward (hours pass in an instant), against the
 * shipped agreement: 4 business hours to decide, a reminder at 75%, escalation to @sales-managers, reassignment
 * by round robin at most twice, and 8 business hours to first contact after an accept.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(value = Setup.class, names = {"HTTP_ON_SQLITE", "SOCKET_MODE_ON_SQLITE", "HTTP_ON_POSTGRESQL"})
class SlaClockTest {

    @Parameter
    Setup setup;

    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String POOL_1 = "U05SDRAVA01";
    private static final String POOL_2 = "U05SDRBEN02";

    private MovableClock clock;
    private RunningApp app;

    private static Instant chicago(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(CHICAGO).toInstant();
    }

    @BeforeEach
    void start() throws Exception {
        clock = new MovableClock(chicago("2026-11-30T10:00:00")); // a Monday, 10:00 in Chicago
        app = RunningApp.start(setup.database(), setup.transport(), Map.of(), clock);
    }

    @AfterEach
    void stop() {
        app.close();
    }

    private SlackCall handOff(String id) {
        assertThat(app.postHandoff(Handoffs.json(Handoffs.canonical(id))).statusCode()).isEqualTo(202);
        return app.slack().awaitPosts("#sales-leads", 1, WAIT).get(0);
    }

    /** The edits of the handoff's channel message (not of the rep's direct message), waiting for {@code count}. */
    private List<SlackCall> updates(SlackCall message, int count) {
        String ts = message.response().path("ts").asText();
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<SlackCall> found = List.of();
        while (System.nanoTime() < deadline) {
            found = app.slack().calls("chat.update").stream().filter(call -> ts.equals(call.param("ts"))).toList();
            if (found.size() >= count) {
                return found;
            }
            sleep(25);
        }
        throw new AssertionError("expected " + count + " edits of " + ts + ", got " + found);
    }

    private List<SlackCall> posts(Predicate<SlackCall> which, int count) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<SlackCall> found = app.slack().calls("chat.postMessage").stream().filter(which).toList();
        while (found.size() < count && System.nanoTime() < deadline) {
            sleep(25);
            found = app.slack().calls("chat.postMessage").stream().filter(which).toList();
        }
        assertThat(found).as("posts so far: %s", app.slack().calls("chat.postMessage")).hasSizeGreaterThanOrEqualTo(count);
        return found;
    }

    /** The edits of the message with this ts, once there are {@code count} of them. */
    private List<SlackCall> updatesOf(String ts, int count) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<SlackCall> found = app.slack().calls("chat.update").stream().filter(c -> ts.equals(c.param("ts"))).toList();
        while (found.size() < count && System.nanoTime() < deadline) {
            sleep(25);
            found = app.slack().calls("chat.update").stream().filter(c -> ts.equals(c.param("ts"))).toList();
        }
        assertThat(found).hasSizeGreaterThanOrEqualTo(count);
        return found;
    }

    private static Predicate<SlackCall> inThread(SlackCall message) {
        String ts = message.response().path("ts").asText();
        return call -> ts.equals(call.param("thread_ts"));
    }

    private static Predicate<SlackCall> dmTo(String user) {
        return call -> user.equals(call.param("channel"));
    }

    private static String text(SlackCall call) {
        return call.param("text") + " " + call.param("blocks");
    }

    private List<String> events() {
        return app.query(String.class, "SELECT kind FROM handoff_events ORDER BY id");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    @HttpOnly("no Slack request reaches the app: the same over both transports")
    void remindsThenEscalatesThenReassignsToTheRightPeopleInOrder() throws Exception {
        SlackCall message = handOff("hs-clock-1");
        assertThat(app.query(Long.class, "SELECT due_at FROM handoffs").get(0)).isBetween(
                chicago("2026-11-30T14:00:00").toEpochMilli(), chicago("2026-11-30T14:00:10").toEpochMilli());

        clock.advanceTo(chicago("2026-11-30T13:05:00")); // 75% of the 4-hour window has passed
        // One ping for the assignee: the direct message (with the buttons); the thread names them.
        SlackCall reminder = posts(inThread(message), 1).get(0);
        assertThat(text(reminder)).contains("Reminder", "User U0123ABCD was reminded directly")
                .doesNotContain("<@U0123ABCD>");
        SlackCall remindDm = posts(dmTo("U0123ABCD").and(c -> text(c).contains("due in")), 1).get(0);
        assertThat(text(remindDm)).contains("handoff_accept", "handoff_reject");

        clock.advanceTo(chicago("2026-11-30T14:01:00")); // the deadline passed undecided
        List<SlackCall> thread = posts(inThread(message), 3);
        assertThat(text(thread.get(1))).contains("<!subteam^S0SALESMGR1>", "<@U0123ABCD>");
        assertThat(text(thread.get(1))).contains("handoff_reassign", "handoff_take");
        // By the stage's routing: the context line says why (the deadline missed, next in rotation).
        assertThat(text(thread.get(2))).contains("Reassigned to User " + POOL_1 + ".", "Routing: ")
                .doesNotContain("<@" + POOL_1 + ">");
        posts(dmTo(POOL_1), 1);
        assertThat(app.query(String.class, "SELECT assignee_user FROM handoffs")).containsExactly(POOL_1);
        // A fresh deadline: 3 h 29 min left today, 31 min on Tuesday.
        assertThat(app.query(Long.class, "SELECT due_at FROM handoffs").get(0))
                .isBetween(chicago("2026-12-01T09:31:00").toEpochMilli(), chicago("2026-12-01T09:32:00").toEpochMilli());
        app.awaitNumber(1, WAIT, "SELECT count(*) FROM handoff_events WHERE kind = 'reassigned'");
        assertThat(events()).containsSubsequence("received", "posted", "reminded", "overdue", "escalated", "reassigned");

        // The message was brought up to date: still open, with its new owner.
        SlackCall update = updatesOf(message.response().path("ts").asText(), 1).get(0);
        assertThat(text(update)).contains(POOL_1);

        clock.advanceTo(chicago("2026-12-01T09:40:00")); // the second owner misses it too
        posts(dmTo(POOL_2), 1);
        clock.advanceTo(chicago("2026-12-01T16:00:00")); // and the third: at most two reassignments
        app.awaitNumber(3, WAIT, "SELECT count(*) FROM handoff_events WHERE kind = 'escalated'");
        sleep(1500);
        assertThat(app.number("SELECT count(*) FROM handoff_events WHERE kind = 'reassigned'")).isEqualTo(2);
        assertThat(app.query(String.class, "SELECT user_id FROM assignments ORDER BY round"))
                .containsExactly("U0123ABCD", POOL_1, POOL_2);
        assertThat(app.number("SELECT count(*) FROM handoffs WHERE overdue_at IS NOT NULL")).isEqualTo(1);
        // After the last reassignment nobody waits on it: it is unclaimed, back with marketing with its next steps.
        assertThat(app.query(String.class, "SELECT state FROM handoffs")).containsExactly("unclaimed");
        SlackCall unclaimed = posts(call -> "#marketing-handoffs".equals(call.param("channel")), 1).get(0);
        assertThat(text(unclaimed)).contains("Nobody in sales claimed", "handoff_recycle", "handoff_reassign");
    }

    @Test
    @HttpOnly("its /sla away runs over Socket Mode in AwayCommandTest")
    void roundRobinSkipsRepsWhoAreAway() throws Exception {
        var away = app.client().slashCommand("/sla", "away until 2026-12-04", POOL_1, "C0GENERAL1");
        assertThat(away.body()).contains("away through");
        SlackCall message = handOff("hs-clock-away");
        clock.advanceTo(chicago("2026-11-30T14:01:00"));
        posts(dmTo(POOL_2), 1);
        assertThat(app.query(String.class, "SELECT assignee_user FROM handoffs")).containsExactly(POOL_2);
        assertThat(app.slack().calls("chat.postMessage").stream().filter(dmTo(POOL_1)).toList()).isEmpty();
        assertThat(text(posts(inThread(message), 2).get(1))).contains("Reassigned to User " + POOL_2);
    }

    @Test
    @HttpOnly("Accept runs over Socket Mode in HandoffDecisionTest; the race is with a timer")
    void aClickRacingTheEscalationEndsInOneConsistentOutcome() throws Exception {
        SlackCall message = handOff("hs-clock-race");
        clock.advanceTo(chicago("2026-11-30T13:59:59"));
        Thread click = new Thread(() -> app.client().blockAction(
                BlockAction.click(message, "handoff_accept").withUser("U0RACER001")));
        clock.advance(Duration.ofSeconds(1));
        click.start();
        click.join();
        sleep(2500);
        String status = app.query(String.class, "SELECT status FROM handoffs").get(0);
        List<String> events = events();
        if (status.equals("accepted")) {
            // Whatever the clock did before the accept, nothing may happen to the handoff after it.
            int accepted = events.indexOf("accepted");
            assertThat(events.subList(accepted + 1, events.size())).doesNotContain("reassigned", "escalated", "overdue");
        }
        assertThat(app.number("SELECT count(*) FROM timers WHERE state = 'pending' AND kind IN ('remind', 'escalate')"))
                .isEqualTo(status.equals("accepted") ? 0 : 2);
        assertThat(app.number("SELECT count(*) FROM handoff_events WHERE kind = 'escalated'")).isLessThanOrEqualTo(1);
    }

    @Test
    @HttpOnly("Accept runs over Socket Mode in HandoffDecisionTest; the rest is timers")
    void aDecisionStopsTheClock() throws Exception {
        SlackCall message = handOff("hs-clock-2");
        app.client().blockAction(BlockAction.click(message, "handoff_accept").withUser("U0REP00001"));
        clock.advanceTo(chicago("2026-11-30T15:00:00"));
        sleep(2500);
        assertThat(app.slack().calls("chat.postMessage").stream().filter(inThread(message)).toList()).isEmpty();
        assertThat(app.query(String.class, "SELECT kind || ':' || state FROM timers WHERE kind IN ('remind', 'escalate') ORDER BY kind"))
                .containsExactly("escalate:cancelled", "remind:cancelled");
    }

    @Test
    @HttpOnly("no Slack request reaches the app: the same over both transports")
    void stepsDueWhileTheAppWasDownFireOnceAfterItStarts() throws Exception {
        SlackCall message = handOff("hs-clock-restart");
        app.stopApp();
        clock.advanceTo(chicago("2026-11-30T14:30:00")); // past both the reminder and the deadline
        app.startApp();
        List<SlackCall> thread = posts(inThread(message), 2);
        assertThat(text(thread.get(0))).contains("<!subteam^S0SALESMGR1>");
        assertThat(text(thread.get(1))).contains("Reassigned to");
        app.restart();
        sleep(2500);
        assertThat(app.slack().calls("chat.postMessage").stream().filter(inThread(message)).toList()).hasSize(2);
        assertThat(app.number("SELECT count(*) FROM handoff_events WHERE kind = 'reminded'")).isZero();
        assertThat(app.number("SELECT count(*) FROM handoff_events WHERE kind = 'escalated'")).isEqualTo(1);
        assertThat(app.query(String.class, "SELECT state FROM timers WHERE kind = 'remind' AND round = 0"))
                .containsExactly("skipped");
    }

    @Test
    void firstContactIsRemindedAndEscalatedUntilMarked() throws Exception {
        SlackCall message = handOff("hs-contact");
        app.client().blockAction(BlockAction.click(message, "handoff_accept").withUser("U0REP00002"));
        SlackCall accepted = updatesOf(message.response().path("ts").asText(), 1).get(0);
        assertThat(text(accepted)).contains("handoff_contacted", "First contact due");

        // 8 business hours from Monday 10:00 (days of 09:00–17:30) is Tuesday 09:30; the reminder is due at 75%,
        // Monday 16:00.
        clock.advanceTo(chicago("2026-12-01T09:00:00"));
        posts(inThread(message).and(c -> text(c).contains("first contact")), 1);
        posts(dmTo("U0REP00002"), 1);

        clock.advanceTo(chicago("2026-12-01T09:31:00"));
        SlackCall escalation = posts(inThread(message).and(c -> text(c).contains("<!subteam^S0SALESMGR1>")), 1).get(0);
        assertThat(text(escalation)).contains("<@U0REP00002>");

        // Pressing it late still records the contact, once, and only by the rep who accepted.
        String ts = accepted.param("ts");
        app.awaitNumber(1, WAIT, "SELECT count(*) FROM handoffs WHERE contact_overdue_at IS NOT NULL");
        SlackCall latest = updatesOf(ts, 2).get(1);
        app.client().blockAction(BlockAction.click(latest, "handoff_contacted").withUser("U0SOMEONE1"));
        assertThat(app.slack().awaitResponseUrlPosts(1, WAIT).get(0).json().path("text").asText())
                .contains("<@U0REP00002>");
        app.client().blockAction(BlockAction.click(latest, "handoff_contacted").withUser("U0REP00002"));
        assertThat(app.query(String.class, "SELECT contacted_by FROM handoffs")).containsExactly("U0REP00002");
        long deadline = System.nanoTime() + WAIT.toNanos();
        SlackCall contacted = updatesOf(ts, 3).get(updatesOf(ts, 3).size() - 1);
        while (!text(contacted).contains("Contacted by") && System.nanoTime() < deadline) {
            sleep(25);
            List<SlackCall> all = updatesOf(ts, 3);
            contacted = all.get(all.size() - 1);
        }
        assertThat(text(contacted)).contains("Contacted by").doesNotContain("handoff_contacted");
        assertThat(events()).containsSubsequence("accepted", "contact_reminded", "contact_escalated", "contacted");
    }

    @Test
    void markingContactedInTimeStopsTheContactClock() throws Exception {
        SlackCall message = handOff("hs-contact-in-time");
        app.client().blockAction(BlockAction.click(message, "handoff_accept").withUser("U0REP00003"));
        SlackCall accepted = updatesOf(message.response().path("ts").asText(), 1).get(0);
        app.client().blockAction(BlockAction.click(accepted, "handoff_contacted").withUser("U0REP00003"));
        clock.advanceTo(chicago("2026-12-02T12:00:00"));
        sleep(2500);
        assertThat(app.slack().calls("chat.postMessage").stream().filter(inThread(message)).toList()).isEmpty();
        assertThat(app.query(String.class, "SELECT state FROM timers WHERE kind LIKE 'contact_%' ORDER BY kind"))
                .containsExactly("cancelled", "cancelled");
    }
}
