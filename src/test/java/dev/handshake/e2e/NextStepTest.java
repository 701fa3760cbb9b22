package dev.handshake.e2e;

import static dev.handshake.e2e.SlackCalls.actionIds;
import static dev.handshake.e2e.SlackCalls.inThread;
import static dev.handshake.e2e.SlackCalls.sleep;
import static dev.handshake.e2e.SlackCalls.to;
import static dev.handshake.e2e.SlackCalls.ts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.handshake.testing.BlockAction;
import dev.handshake.testing.SlackCall;
import dev.handshake.testing.StateValue;
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
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every notice carries its next step, end to end through signed Slack requests and the fake Slack: the assignee's
 * direct message (Accept, Reject, a link to the lead), the escalation (Reassign…, Take it, for the managers only),
 * the contest (Uphold rejection, Reopen); the buttons of a notice close once they no longer apply; whoever decides for
 * the assignee is named and the assignee told once; a button pressed twice or by the wrong person changes nothing
 * and says why, privately.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.handshake.e2e.Setup#eachTransportAndDatabase")
class NextStepTest {

    @Parameter
    Setup setup;

    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String REP = "U0123ABCD";
    private static final String OTHER_REP = "U0OTHER001";
    private static final String MANAGER = "U0MGR00001";
    private static final String MARKETER = "U0MKT00001";
    private static final String STRANGER = "U0STRANGE1";
    private static final String CHLOE = "U05SDRCHL03";

    private MovableClock clock;
    private RunningApp app;

    private static Instant chicago(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(CHICAGO).toInstant();
    }

    @BeforeEach
    void start() throws Exception {
        clock = new MovableClock(chicago("2026-11-30T10:00:00")); // a Monday, 10:00 in Chicago
        app = RunningApp.start(setup, Map.of(), clock);
        app.slack().addUser("rita@freightline.example", REP, "Rita Rep", "America/Denver");
        app.slack().addUser("chloe@freightline.example", CHLOE, "Chloe Chen", "America/Chicago");
        app.slack().addUser("morgan@freightline.example", MANAGER, "Morgan Manager", "America/Chicago");
        app.slack().addUserGroup("S0SALESMGR1", "sales-managers", MANAGER);
        app.slack().addChannelMembers("#marketing-handoffs", MARKETER);
    }

    @AfterEach
    void stop() {
        app.close();
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
        return call.param("text") + " " + call.json("blocks");
    }

    private String nextReply(int seen) {
        return app.slack().awaitResponseUrlPosts(seen + 1, WAIT).get(seen).json().path("text").asText();
    }

    private String state() {
        return app.query(String.class, "SELECT state FROM handoffs").get(0);
    }

    @Test
    void theAssigneesMessageCarriesAcceptRejectAndALinkAndAClickThereUpdatesTheChannel() throws Exception {
        SlackCall message = handOff("hs-next-dm");
        SlackCall dm = posts(to(REP), 1).get(0);

        // The rep is pinged once, by the direct message; the channel message names them.
        assertThat(text(message)).contains("assigned to Rita Rep").doesNotContain("<@" + REP + ">");
        assertThat(actionIds(dm)).containsExactly("handoff_accept", "handoff_reject");
        // Sent at once, before the channel message existed; the link is added by an edit once it does.
        String link = "https://handshake-test.slack.com/archives/" + message.response().path("channel").asText() + "/p"
                + ts(message).replace(".", "");
        SlackCall linked = edit(ts(dm), call -> text(call).contains(link));
        assertThat(text(linked)).contains("<" + link + "|Open it in the sales channel>");
        assertThat(actionIds(linked)).containsExactly("handoff_accept", "handoff_reject");

        app.client().blockAction(BlockAction.click(dm, "handoff_accept").withUser(REP));
        assertThat(app.query(String.class, "SELECT state || ' ' || decided_by FROM handoffs"))
                .containsExactly("accepted " + REP);
        SlackCall channel = edit(ts(message), call -> text(call).contains("accepted by"));
        assertThat(actionIds(channel)).containsExactly("handoff_contacted");
        // The direct message's buttons give way to what became of the lead.
        // (The edit that added the link, with the buttons, may be the latest until the closing one arrives.)
        SlackCall closed = edit(ts(dm), call -> actionIds(call).isEmpty());
        assertThat(text(closed)).contains("accepted by <@" + REP + ">");

        // Pressed twice: nothing changes, and the rep is told why, privately.
        int replies = app.slack().responseUrlPosts().size();
        app.client().blockAction(BlockAction.click(dm, "handoff_accept").withUser(REP));
        assertThat(nextReply(replies)).startsWith("Already accepted by <@" + REP + ">");
        assertThat(app.number("SELECT count(*) FROM handoff_events WHERE kind = 'accepted'")).isEqualTo(1);
    }

    @Test
    @HttpOnly("Accept runs over Socket Mode in the test above; this is about what the messages say")
    void whoeverDecidesForTheAssigneeIsNamedAndTheAssigneeIsToldOnce() throws Exception {
        SlackCall message = handOff("hs-next-other");
        posts(to(REP), 1);
        app.client().blockAction(BlockAction.click(message, "handoff_accept").withUser(OTHER_REP));

        SlackCall channel = edit(ts(message), call -> text(call).contains("accepted by"));
        assertThat(channel.json("blocks").get(0).toString()).contains("accepted by <@" + OTHER_REP + ">");
        assertThat(text(channel)).contains("Assigned to <@" + REP + ">; <@" + OTHER_REP + "> decided.");
        SlackCall told = posts(to(REP).and(call -> text(call).contains("which was assigned to you")), 1).get(0);
        assertThat(text(told)).contains("<@" + OTHER_REP + "> accepted");
        sleep(1000); // time for a second notice, if the app owed one
        assertThat(app.slack().calls("chat.postMessage").stream().filter(to(REP))
                .filter(call -> text(call).contains("which was assigned to you")).count()).isEqualTo(1);
    }

    @Test
    void theEscalationOffersReassignAndTakeItToTheManagersOnly() throws Exception {
        SlackCall message = handOff("hs-next-escalate");
        clock.advanceTo(chicago("2026-11-30T14:01:00")); // the deadline passed undecided
        SlackCall escalation = posts(inThread(message).and(call -> text(call).contains("<!subteam^S0SALESMGR1>")), 1)
                .get(0);
        assertThat(actionIds(escalation)).containsExactly("handoff_reassign", "handoff_take");
        // Round robin already handed it to the first rep of the pool; the menu offers the others, by name.
        app.awaitNumber(1, WAIT, "SELECT count(*) FROM handoff_events WHERE kind = 'reassigned'");
        String id = app.query(String.class, "SELECT id FROM handoffs").get(0);
        assertThat(text(escalation)).contains("Chloe Chen", id + ":" + CHLOE, id + ":other");

        // Someone who is not a manager: told why, privately; nothing changes.
        int replies = app.slack().responseUrlPosts().size();
        app.client().blockAction(BlockAction.click(escalation, "handoff_take").withUser(STRANGER));
        assertThat(nextReply(replies)).startsWith("Only members of the sales-managers group can take it");
        assertThat(state()).isEqualTo("pending");

        // The manager reassigns it to Chloe: a fresh deadline, a direct message with the buttons, the thread told.
        app.client().blockAction(BlockAction.choose(escalation, "handoff_reassign", id + ":" + CHLOE)
                .withUser(MANAGER));
        app.awaitNumber(1, WAIT, "SELECT count(*) FROM handoffs WHERE assignee_user = ?", CHLOE);
        SlackCall toChloe = posts(to(CHLOE), 1).get(0);
        assertThat(actionIds(toChloe)).containsExactly("handoff_accept", "handoff_reject");
        assertThat(text(posts(inThread(message).and(call -> text(call).contains("Reassigned to Chloe")), 1).get(0)))
                .contains("Reassigned to Chloe Chen by Morgan Manager").doesNotContain("<@" + CHLOE + ">");

        // Then takes it: accepted by the manager, the header says so, Chloe is told once, the notices close.
        app.client().blockAction(BlockAction.click(escalation, "handoff_take").withUser(MANAGER));
        app.awaitNumber(1, WAIT, "SELECT count(*) FROM handoffs WHERE state = 'accepted' AND decided_by = ?", MANAGER);
        SlackCall channel = edit(ts(message), call -> text(call).contains("took it"));
        assertThat(text(channel)).contains("accepted by <@" + MANAGER + ">", "Assigned to <@" + CHLOE + ">");
        posts(to(CHLOE).and(call -> text(call).contains("took")), 1);
        assertThat(actionIds(edit(ts(escalation), call -> true))).isEmpty();
        assertThat(actionIds(edit(ts(toChloe), call -> true))).isEmpty();

        // Pressed again: already done, said privately.
        replies = app.slack().responseUrlPosts().size();
        app.client().blockAction(BlockAction.click(escalation, "handoff_take").withUser(MANAGER));
        assertThat(nextReply(replies)).startsWith("Already accepted by <@" + MANAGER + ">");
    }

    @Test
    void aContestGoesToTheManagerWhoUpholdsItAndMarketingCanStillRecycle() throws Exception {
        SlackCall message = handOff("hs-next-uphold");
        SlackCall marketing = reject(message);
        app.client().blockAction(BlockAction.click(marketing, "handoff_contest").withUser(MARKETER));
        SlackCall contest = posts(inThread(message).and(call -> text(call).contains("contests")), 1).get(0);
        assertThat(actionIds(contest)).containsExactly("handoff_uphold", "handoff_reopen");

        int replies = app.slack().responseUrlPosts().size();
        app.client().blockAction(BlockAction.click(contest, "handoff_uphold").withUser(MARKETER));
        assertThat(nextReply(replies)).startsWith("Only members of the sales-managers group can uphold the rejection");
        assertThat(state()).isEqualTo("contested");

        app.client().blockAction(BlockAction.click(contest, "handoff_uphold").withUser(MANAGER));
        app.awaitNumber(1, WAIT, "SELECT count(*) FROM handoffs WHERE state = 'upheld'");
        // Marketing is told in its thread, pinged once, with Recycle; its message offers Recycle again.
        String marketingTs = ts(marketing);
        SlackCall told = posts(call -> marketingTs.equals(call.param("thread_ts")), 1).get(0);
        assertThat(text(told)).contains("<@" + MARKETER + "> Morgan Manager upheld the rejection");
        assertThat(actionIds(told)).containsExactly("handoff_recycle");
        assertThat(actionIds(edit(marketingTs, call -> text(call).contains("upheld")))).containsExactly("handoff_recycle");
        assertThat(actionIds(edit(ts(contest), call -> true))).isEmpty();

        replies = app.slack().responseUrlPosts().size();
        app.client().blockAction(BlockAction.click(contest, "handoff_uphold").withUser(MANAGER));
        assertThat(nextReply(replies)).startsWith("Already upheld by <@" + MANAGER + ">");

        app.client().blockAction(BlockAction.click(told, "handoff_recycle").withUser(MARKETER));
        app.awaitNumber(1, WAIT, "SELECT count(*) FROM handoffs WHERE state = 'recycled'");
    }

    @Test
    @HttpOnly("Uphold runs over Socket Mode in the test above; Reopen is the same listener")
    void reopeningAContestGivesTheLeadBackToSalesWithAFreshDeadline() throws Exception {
        SlackCall message = handOff("hs-next-reopen");
        SlackCall marketing = reject(message);
        app.client().blockAction(BlockAction.click(marketing, "handoff_contest").withUser(MARKETER));
        SlackCall contest = posts(inThread(message).and(call -> text(call).contains("contests")), 1).get(0);
        long firstDue = app.number("SELECT due_at FROM handoffs");
        clock.advance(Duration.ofMinutes(30));

        app.client().blockAction(BlockAction.click(contest, "handoff_reopen").withUser(MANAGER));
        app.awaitNumber(1, WAIT, "SELECT count(*) FROM handoffs WHERE state = 'pending' AND status = 'pending'");
        assertThat(app.number("SELECT due_at FROM handoffs")).isGreaterThan(firstDue);
        assertThat(app.query(String.class, "SELECT coalesce(decided_by, '') || coalesce(marketing_outcome, '') "
                + "FROM handoffs")).containsExactly("");
        // The assignee is told by direct message with the buttons; the thread names them; the message is open again.
        SlackCall dm = posts(to(REP).and(call -> text(call).contains("reopened")), 1).get(0);
        assertThat(actionIds(dm)).containsExactly("handoff_accept", "handoff_reject");
        assertThat(text(posts(inThread(message).and(call -> text(call).contains("reopened it")), 1).get(0)))
                .contains("Morgan Manager reopened it", "Rita Rep decides again").doesNotContain("<@" + REP + ">");
        SlackCall open = edit(ts(message), call -> text(call).contains("Reopened by"));
        assertThat(actionIds(open)).containsExactly("handoff_accept", "handoff_reject");

        app.client().blockAction(BlockAction.click(dm, "handoff_accept").withUser(REP));
        assertThat(state()).isEqualTo("accepted");
        assertThat(app.query(String.class, "SELECT kind FROM handoff_events WHERE kind IN "
                + "('rejected', 'contested', 'reopened', 'accepted') ORDER BY id"))
                .containsExactly("rejected", "contested", "reopened", "accepted");
    }

    /** The rep rejects the lead through the form; returns marketing's message once it is posted. */
    private SlackCall reject(SlackCall message) throws InterruptedException {
        app.client().blockAction(BlockAction.click(message, "handoff_reject").withUser(REP));
        SlackCall form = app.slack().awaitCall("views.open", WAIT);
        app.client().viewSubmission(form, Map.of("reject_reason", Map.of("reason",
                StateValue.staticSelect("r0", "Not a fit"))), REP);
        app.awaitNumber(1, WAIT, "SELECT count(*) FROM handoff_events WHERE kind = 'marketing_notified'");
        return posts(call -> "#marketing-handoffs".equals(call.param("channel")), 1).get(0);
    }

}
