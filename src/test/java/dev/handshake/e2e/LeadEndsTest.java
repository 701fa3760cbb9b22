package dev.handshake.e2e;

import static dev.handshake.e2e.SlackCalls.actionIds;
import static dev.handshake.e2e.SlackCalls.sleep;
import static dev.handshake.e2e.SlackCalls.to;
import static dev.handshake.e2e.SlackCalls.ts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.handshake.config.Settings;
import dev.handshake.testing.BlockAction;
import dev.handshake.testing.SlackCall;
import dev.handshake.testing.StateValue;
import dev.handshake.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every lead ends somewhere, end to end: after the last reassignment a lead is unclaimed and goes back to marketing
 * with Recycle to nurture and Reassign…, the manager told; a rejection starts marketing's clock, which reminds in the
 * marketing channel and then tells the marketing owner. Over HTTP only: the clock drives these, and the buttons' listeners
 * run over Socket Mode in {@link NextStepTest}.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.class)
class LeadEndsTest {

    @Parameter
    TestDatabase database;

    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String REP = "U0123ABCD";
    private static final String MANAGER = "U0MGR00001";
    private static final String MARKETER = "U0MKT00001";
    private static final String NEW_REP = "U0NEWREP01";
    private static final String GONE_REP = "U0GONEREP1";
    private static final String MARKETING_OWNER = "U04DWHITFLD";

    @TempDir
    Path dir;

    private MovableClock clock;
    private RunningApp app;

    private static Instant chicago(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(CHICAGO).toInstant();
    }

    /** Starts the app on the shipped agreement, changed by {@code edits} (pairs of text and replacement). */
    private void start(String... edits) throws Exception {
        String agreement = Files.readString(Path.of("sla.yml"));
        for (int i = 0; i < edits.length; i += 2) {
            assertThat(agreement).contains(edits[i]);
            agreement = agreement.replace(edits[i], edits[i + 1]);
        }
        Path file = dir.resolve("sla.yml");
        Files.writeString(file, agreement);
        clock = new MovableClock(chicago("2026-11-30T10:00:00")); // a Monday, 10:00 in Chicago
        app = RunningApp.start(database, Transport.HTTP, Map.of(Settings.AGREEMENT_FILE, file.toString()), clock);
        app.slack().addUser("morgan@freightline.example", MANAGER, "Morgan Manager", "America/Chicago");
        app.slack().addUser("nia@freightline.example", NEW_REP, "Nia New", "America/Chicago");
        app.slack().addUser("gus@freightline.example", GONE_REP, "Gus Gone", "America/Chicago");
        app.slack().deactivate(GONE_REP);
        app.slack().addUserGroup("S0SALESMGR1", "sales-managers", MANAGER);
        app.slack().addChannelMembers("#marketing-handoffs", MARKETER);
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    private List<SlackCall> posts(Predicate<SlackCall> which, int count) {
        return SlackCalls.posts(app.slack(), which, count, WAIT);
    }

    private SlackCall edit(String ts, Predicate<SlackCall> which) {
        return SlackCalls.edit(app.slack(), ts, which, WAIT);
    }

    private SlackCall handOff(String id) {
        assertThat(app.postHandoff(Handoffs.json(Handoffs.canonical(id))).statusCode()).isEqualTo(202);
        return posts(call -> "#sales-leads".equals(call.param("channel")) && call.param("thread_ts") == null, 1)
                .get(0);
    }

    private static String text(SlackCall call) {
        return call.param("text") + " " + (call.param("blocks") == null ? "" : call.json("blocks"));
    }

    private String nextReply(int seen) {
        return app.slack().awaitResponseUrlPosts(seen + 1, WAIT).get(seen).json().path("text").asText();
    }

    /** Hands off a lead and lets its deadline pass with no reassignment left; returns marketing's message. */
    private SlackCall unclaimed(SlackCall message) throws InterruptedException {
        clock.advanceTo(chicago("2026-11-30T14:01:00"));
        app.awaitNumber(1, WAIT, "SELECT count(*) FROM handoffs WHERE state = 'unclaimed'");
        return posts(to("#marketing-handoffs"), 1).get(0);
    }

    @Test
    void afterTheLastReassignmentTheLeadIsUnclaimedBackWithMarketingAndTheManagerIsTold() throws Exception {
        start("enabled: true", "enabled: false");
        SlackCall message = handOff("hs-ends-unclaimed");
        SlackCall marketing = unclaimed(message);

        assertThat(text(marketing)).contains("Nobody in sales claimed Dana Whitfield");
        assertThat(actionIds(marketing)).containsExactly("handoff_recycle", "handoff_reassign");
        String ts = ts(message);
        SlackCall manager = posts(call -> ts.equals(call.param("thread_ts")), 1).get(0);
        assertThat(text(manager)).contains("<!subteam^S0SALESMGR1> Unclaimed", "back with marketing");
        assertThat(actionIds(manager)).containsExactly("handoff_reassign", "handoff_take");
        SlackCall channel = edit(ts, call -> text(call).contains("unclaimed"));
        assertThat(actionIds(channel)).containsExactly("handoff_accept");

        // Only marketing recycles: anyone else is told why, privately, and nothing changes.
        int replies = app.slack().responseUrlPosts().size();
        app.client().blockAction(BlockAction.click(marketing, "handoff_recycle").withUser(REP));
        assertThat(nextReply(replies)).startsWith("Only members of #marketing-handoffs can recycle it to nurture");
        assertThat(app.query(String.class, "SELECT state FROM handoffs")).containsExactly("unclaimed");

        app.client().blockAction(BlockAction.click(marketing, "handoff_recycle").withUser(MARKETER));
        app.awaitNumber(1, WAIT, "SELECT count(*) FROM handoffs WHERE state = 'recycled' AND status = 'pending'");
        assertThat(actionIds(edit(ts(marketing), call -> text(call).contains("Recycled")))).isEmpty();
        assertThat(actionIds(edit(ts(manager), call -> true))).isEmpty();
        assertThat(app.query(String.class, "SELECT kind FROM handoff_events WHERE kind IN "
                + "('overdue', 'escalated', 'unclaimed', 'recycled') ORDER BY id"))
                .containsExactly("overdue", "escalated", "unclaimed", "recycled");
    }

    @Test
    void marketingReassignsAnUnclaimedLeadToSomeoneOutsideThePool() throws Exception {
        start("max_times: 2", "max_times: 1", "pool: [U05SDRAVA01, U05SDRBEN02, U05SDRCHL03, U05SDRDEV04]",
                "pool: [U05SDRAVA01]");
        SlackCall message = handOff("hs-ends-reassign");
        clock.advanceTo(chicago("2026-11-30T14:01:00")); // the first deadline: to the only other rep of the pool
        app.awaitNumber(1, WAIT, "SELECT count(*) FROM handoff_events WHERE kind = 'reassigned'");
        clock.advanceTo(chicago("2026-12-01T10:00:00")); // the second: no reassignment left
        app.awaitNumber(1, WAIT, "SELECT count(*) FROM handoffs WHERE state = 'unclaimed'");
        SlackCall marketing = posts(to("#marketing-handoffs"), 1).get(0);

        // The pool has nobody left who has not held it, so Reassign… opens the picker of anyone in the workspace.
        app.client().blockAction(BlockAction.click(marketing, "handoff_reassign_other").withUser(MARKETER)
                .withTriggerId("trigger-reassign"));
        SlackCall modal = app.slack().awaitCall("views.open", WAIT);
        assertThat(modal.param("trigger_id")).isEqualTo("trigger-reassign");
        assertThat(modal.json("view").path("callback_id").asText()).isEqualTo("handoff_reassign_modal");

        // A rep who left the company cannot get it; the marketer is told privately, by direct message.
        app.client().viewSubmission(modal, Map.of("reassign_rep", Map.of("rep", StateValue.usersSelect(GONE_REP))),
                MARKETER);
        assertThat(text(posts(to(MARKETER), 1).get(0))).contains("<@" + GONE_REP + "> is deactivated");
        assertThat(app.query(String.class, "SELECT state FROM handoffs")).containsExactly("unclaimed");

        app.client().viewSubmission(modal, Map.of("reassign_rep", Map.of("rep", StateValue.usersSelect(NEW_REP))),
                MARKETER);
        app.awaitNumber(1, WAIT, "SELECT count(*) FROM handoffs WHERE state = 'pending' AND assignee_user = ?", NEW_REP);
        SlackCall dm = posts(to(NEW_REP), 1).get(0);
        assertThat(actionIds(dm)).containsExactly("handoff_accept", "handoff_reject");
        assertThat(text(edit(ts(marketing), call -> text(call).contains("back with sales"))))
                .contains("Reassigned by <@" + MARKETER + "> to <@" + NEW_REP + ">");
        assertThat(app.number("SELECT due_at FROM handoffs")).isGreaterThan(chicago("2026-12-01T10:00:00").toEpochMilli());
        app.client().blockAction(BlockAction.click(dm, "handoff_accept").withUser(NEW_REP));
        assertThat(app.query(String.class, "SELECT state FROM handoffs")).containsExactly("accepted");
    }

    @Test
    void marketingIsRemindedThenItsOwnerToldUntilItAnswersARejection() throws Exception {
        start();
        SlackCall message = handOff("hs-ends-followup");
        app.client().blockAction(BlockAction.click(message, "handoff_reject").withUser(REP));
        SlackCall form = app.slack().awaitCall("views.open", WAIT);
        app.client().viewSubmission(form, Map.of("reject_reason", Map.of("reason",
                StateValue.staticSelect("r0", "Not a fit"))), REP);
        app.awaitNumber(1, WAIT, "SELECT count(*) FROM handoff_events WHERE kind = 'marketing_notified'");
        SlackCall marketing = posts(to("#marketing-handoffs"), 1).get(0);
        // 16 business hours from Monday 10:00 (days of 09:00–17:30): the end of Tuesday, which the calendar counts as
        // Wednesday's opening; the reminder at 75%, Tuesday 13:30.
        assertThat(text(marketing)).contains("Marketing answers by", "2026-12-02 09:00");

        clock.advanceTo(chicago("2026-12-01T13:31:00"));
        String marketingTs = ts(marketing);
        SlackCall reminder = posts(call -> marketingTs.equals(call.param("thread_ts")), 1).get(0);
        assertThat(text(reminder)).contains("still waits for marketing", "to recycle it to nurture or contest it");
        assertThat(actionIds(reminder)).containsExactly("handoff_recycle", "handoff_contest");

        clock.advanceTo(chicago("2026-12-02T09:01:00"));
        SlackCall owner = posts(to(MARKETING_OWNER), 1).get(0);
        assertThat(text(owner)).contains("Nobody in marketing answered the rejection", "within the agreed 16 business "
                + "hours", "Open marketing's message");
        assertThat(actionIds(owner)).containsExactly("handoff_recycle", "handoff_contest");
        assertThat(app.query(String.class, "SELECT kind FROM handoff_events WHERE kind LIKE 'followup_%' ORDER BY id"))
                .containsExactly("followup_reminded", "followup_escalated");

        // The owner answers from the direct message; every notice of the clock closes.
        app.client().blockAction(BlockAction.click(owner, "handoff_recycle").withUser(MARKETER));
        app.awaitNumber(1, WAIT, "SELECT count(*) FROM handoffs WHERE state = 'recycled'");
        assertThat(actionIds(edit(ts(owner), call -> true))).isEmpty();
        assertThat(actionIds(edit(ts(reminder), call -> true))).isEmpty();
    }

    @Test
    void anAnswerInTimeStopsMarketingsClock() throws Exception {
        start();
        SlackCall message = handOff("hs-ends-in-time");
        app.client().blockAction(BlockAction.click(message, "handoff_reject").withUser(REP));
        SlackCall form = app.slack().awaitCall("views.open", WAIT);
        app.client().viewSubmission(form, Map.of("reject_reason", Map.of("reason",
                StateValue.staticSelect("r0", "Not a fit"))), REP);
        app.awaitNumber(1, WAIT, "SELECT count(*) FROM handoff_events WHERE kind = 'marketing_notified'");
        SlackCall marketing = posts(to("#marketing-handoffs"), 1).get(0);
        app.client().blockAction(BlockAction.click(marketing, "handoff_contest").withUser(MARKETER));
        app.awaitNumber(1, WAIT, "SELECT count(*) FROM handoffs WHERE state = 'contested'");

        clock.advanceTo(chicago("2026-12-03T12:00:00"));
        sleep(2500);
        assertThat(app.query(String.class, "SELECT state FROM marketing_timers ORDER BY kind"))
                .containsExactly("cancelled", "cancelled");
        assertThat(app.slack().calls("chat.postMessage").stream().filter(to(MARKETING_OWNER)).toList()).isEmpty();
    }
}
