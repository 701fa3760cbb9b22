package dev.handshake.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handshake.testing.BlockAction;
import dev.handshake.testing.ResponseUrlPost;
import dev.handshake.testing.SessionEndedAtCommit;
import dev.handshake.testing.SlackCall;
import dev.handshake.testing.SlackClient;
import dev.handshake.testing.StateValue;
import dev.handshake.testing.TestDatabase;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Accept, Reject and marketing's answers, clicked against the real app over signed HTTP and over Socket Mode, and
 * over HTTP on PostgreSQL.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(value = Setup.class, names = {"HTTP_ON_SQLITE", "SOCKET_MODE_ON_SQLITE", "HTTP_ON_POSTGRESQL"})
class HandoffDecisionTest {

    @Parameter
    Setup setup;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(8);
    private static final String SALES = "#sales-leads";
    private RunningApp app;

    @BeforeEach
    void start() throws Exception {
        app = RunningApp.start(setup.database(), setup.transport(), Map.of(), Clock.systemUTC());
        // Marketing, as the agreement's default says: the members of the marketing channel.
        app.slack().addChannelMembers("#marketing-handoffs", "U0MKT00001", "U0MKT00002", "U0MKT00003");
    }

    @AfterEach
    void stop() {
        app.close();
    }

    /** Hands off a lead and returns the sales-channel message the app posted for it. */
    private SlackCall handOff(String externalId) {
        int before = app.slack().posts(SALES).size();
        HttpResponse<String> response = app.postHandoff(Handoffs.json(Handoffs.unassigned(externalId)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return app.slack().awaitPosts(SALES, before + 1, WAIT).get(before);
    }

    /** The {@code count}th edit of a sales-channel message (not of a rep's direct message about it). */
    private SlackCall lastUpdate(int count) {
        String channel = app.slack().channelFor(SALES);
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<SlackCall> updates = List.of();
        while (System.nanoTime() < deadline) {
            updates = app.slack().calls("chat.update").stream().filter(u -> channel.equals(u.param("channel"))).toList();
            if (updates.size() >= count) {
                return updates.get(count - 1);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("expected " + count + " edits in " + SALES + ", got " + updates);
    }

    private List<String> events(long handoffId) {
        return app.query(String.class, "SELECT kind FROM handoff_events WHERE handoff_id = ? ORDER BY id", handoffId);
    }

    private static List<String> actionIds(JsonNode blocks) {
        List<String> ids = new ArrayList<>();
        blocks.findValues("action_id").forEach(a -> ids.add(a.asText()));
        return ids;
    }

    @Test
    void acceptCommitsThenUpdatesTheMessageWithoutButtons() throws Exception {
        SlackCall message = handOff("hs-accept");
        HttpResponse<String> ack = app.client().blockAction(
                BlockAction.click(message, "handoff_accept").withUser("U0REP00001"));
        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(app.query(String.class, "SELECT status || ' ' || decided_by FROM handoffs"))
                .containsExactly("accepted U0REP00001");

        SlackCall update = lastUpdate(1);
        assertThat(update.param("channel")).isEqualTo(message.response().path("channel").asText());
        assertThat(update.param("ts")).isEqualTo(message.response().path("ts").asText());
        // Accept and Reject are gone; what remains is the first-contact commitment's button.
        assertThat(actionIds(update.json("blocks"))).containsExactly("handoff_contacted");
        assertThat(update.json("blocks").toString()).contains("Accepted by", "<@U0REP00001>", "within");
        app.awaitNumber(4, WAIT, "SELECT count(*) FROM handoff_events");
        // Routed to the first rep of the agreement's pool when received.
        assertThat(events(1)).containsExactlyInAnyOrder("received", "routed", "posted", "accepted");
    }

    @Test
    void anAcceptWhoseCommitWasCutOffIsToldItIsUnconfirmedAndAnotherClickDecides() throws Exception {
        assumeTrue(setup.database() == TestDatabase.POSTGRESQL, "a session ended during its commit is PostgreSQL's");
        SlackCall message = handOff("hs-cut-off");
        app.awaitNumber(3, WAIT, "SELECT count(*) FROM handoff_events");
        try (var ended = SessionEndedAtCommit.onInsertInto(app.jdbcUrl(), "handoff_events")) {
            HttpResponse<String> ack = app.client().blockAction(
                    BlockAction.click(message, "handoff_accept").withUser("U0REP00001"));

            assertThat(ack.statusCode()).isEqualTo(200);
            ResponseUrlPost told = app.slack().awaitResponseUrlPosts(1, WAIT).get(0);
            assertThat(told.json().path("response_type").asText()).isEqualTo("ephemeral");
            assertThat(told.json().path("text").asText()).contains("did not confirm", "may or may not have been saved")
                    .doesNotContain("try again");
        }
        assertThat(app.query(String.class, "SELECT status FROM handoffs")).as("the server never committed it")
                .containsExactly("pending");

        HttpResponse<String> again = app.client().blockAction(
                BlockAction.click(message, "handoff_accept").withUser("U0REP00001"));

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(app.query(String.class, "SELECT status || ' ' || decided_by FROM handoffs"))
                .containsExactly("accepted U0REP00001");
    }

    @Test
    void fiftyConcurrentAcceptsMakeExactlyOneDecision() throws Exception {
        SlackCall message = handOff("hs-race-50");
        ExecutorService pool = Executors.newFixedThreadPool(50);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> clicks = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String user = String.format("U0REP%05d", i);
            SlackClient client = app.client();
            clicks.add(pool.submit(() -> {
                go.await();
                return client.blockAction(BlockAction.click(message, "handoff_accept").withUser(user));
            }));
        }
        go.countDown();
        for (Future<HttpResponse<String>> click : clicks) {
            assertThat(click.get().statusCode()).isEqualTo(200);
        }
        pool.shutdown();
        assertThat(app.number("SELECT count(*) FROM handoff_events WHERE kind = 'accepted'")).isEqualTo(1);
        String winner = app.query(String.class, "SELECT decided_by FROM handoffs").get(0);
        var replies = app.slack().awaitResponseUrlPosts(49, WAIT);
        assertThat(replies).hasSize(49);
        for (var reply : replies) {
            JsonNode body = reply.json();
            assertThat(body.path("response_type").asText()).isEqualTo("ephemeral");
            assertThat(body.path("text").asText()).startsWith("Already accepted by <@" + winner + ">");
        }
        lastUpdate(1);
        app.slack().assertCallCount("chat.update", SALES, 1, Duration.ofMillis(1500));
    }

    @Test
    void acceptAndRejectAtTheSameMomentEndInOneConsistentOutcome() throws Exception {
        SlackCall message = handOff("hs-race-2");
        // Reject is decided on the modal's submission, so race an Accept click against a reject submission.
        app.client().blockAction(BlockAction.click(message, "handoff_reject").withUser("U0REJECT01").withTriggerId("trig-1"));
        SlackCall modal = app.slack().awaitCall("views.open", WAIT);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        Callable<HttpResponse<String>> accept = () -> {
            go.await();
            return app.client().blockAction(BlockAction.click(message, "handoff_accept").withUser("U0ACCEPT01"));
        };
        Callable<HttpResponse<String>> reject = () -> {
            go.await();
            return app.client().viewSubmission(modal, Map.of(
                    "reject_reason", Map.of("reason", StateValue.staticSelect("r0", "reason")),
                    "reject_comment", Map.of("comment", StateValue.plainText("no"))), "U0REJECT01");
        };
        Future<HttpResponse<String>> a = pool.submit(accept);
        Future<HttpResponse<String>> r = pool.submit(reject);
        go.countDown();
        assertThat(a.get().statusCode()).isEqualTo(200);
        assertThat(r.get().statusCode()).isEqualTo(200);
        pool.shutdown();

        String status = app.query(String.class, "SELECT status FROM handoffs").get(0);
        assertThat(status).isIn("accepted", "rejected");
        assertThat(app.number("SELECT count(*) FROM handoff_events WHERE kind IN ('accepted', 'rejected')")).isEqualTo(1);
        String shown = lastUpdate(1).json("blocks").toString();
        assertThat(shown).contains(status.equals("accepted") ? "Accepted by" : "Rejected by");
        assertThat(shown).doesNotContain(status.equals("accepted") ? "Rejected by" : "Accepted by");
        if (status.equals("accepted")) {
            // The losing submission keeps the modal open with an error rather than pretending it worked.
            assertThat(r.get().body()).contains("errors", "already accepted");
        }
    }

    @Test
    void rejectOpensTheModalAndItsSubmissionTellsMarketing() throws Exception {
        SlackCall message = handOff("hs-reject");
        HttpResponse<String> click = app.client().blockAction(
                BlockAction.click(message, "handoff_reject").withUser("U0REP00002").withTriggerId("trigger-42"));
        assertThat(click.statusCode()).isEqualTo(200);
        SlackCall open = app.slack().awaitCall("views.open", WAIT);
        assertThat(open.param("trigger_id")).isEqualTo("trigger-42");
        JsonNode view = open.json("view");
        assertThat(view.path("callback_id").asText()).isEqualTo("handoff_reject_modal");
        List<String> options = new ArrayList<>();
        view.findValues("options").forEach(list -> list.forEach(o -> options.add(o.path("text").path("text").asText())));
        assertThat(options).contains("Does not meet: Fit score 60 or more");
        assertThat(app.query(String.class, "SELECT status FROM handoffs")).containsExactly("pending");

        HttpResponse<String> submitted = app.client().viewSubmission(open, Map.of(
                "reject_reason", Map.of("reason", StateValue.staticSelect("r1", "label")),
                "reject_comment", Map.of("comment", StateValue.plainText("Ships 20 loads a week, <!here>"))),
                "U0REP00002");
        assertThat(submitted.statusCode()).isEqualTo(200);
        assertThat(submitted.body()).doesNotContain("errors");
        List<String> row = app.query(String.class,
                "SELECT status || '|' || decided_by || '|' || reject_reason || '|' || reject_comment FROM handoffs");
        assertThat(row.get(0)).startsWith("rejected|U0REP00002|").endsWith("|Ships 20 loads a week, <!here>");

        String salesView = lastUpdate(1).json("blocks").toString();
        assertThat(salesView).contains("Rejected by", "&lt;!here&gt;").doesNotContain("<!here>");
        SlackCall marketing = app.slack().awaitPosts("#marketing-handoffs", 1, WAIT).get(0);
        assertThat(actionIds(marketing.json("blocks"))).containsExactly("handoff_recycle", "handoff_contest");

        // Marketing recycles it; a second answer is refused politely. The fake records the post before the app has
        // Slack's answer; a person can only click once the message is there, so wait for the app to record it.
        app.awaitNumber(1, WAIT, "SELECT count(*) FROM handoff_events WHERE kind = 'marketing_notified'");
        app.client().blockAction(BlockAction.click(marketing, "handoff_recycle").withUser("U0MKT00001"));
        app.awaitNumber(1, WAIT, "SELECT count(*) FROM handoffs WHERE marketing_outcome = 'recycled'");
        app.client().blockAction(BlockAction.click(marketing, "handoff_contest").withUser("U0MKT00002"));
        var reply = app.slack().awaitResponseUrlPosts(1, WAIT).get(0);
        assertThat(reply.json().path("text").asText()).startsWith("Already recycled to nurture by <@U0MKT00001>");
        app.awaitNumber(6, WAIT, "SELECT count(*) FROM handoff_events");
        // "posted" and "marketing_notified" are recorded once Slack answers, which may come after a quick click;
        // the decisions themselves are in order.
        assertThat(events(1)).containsExactlyInAnyOrder("received", "routed", "posted", "rejected",
                "marketing_notified", "recycled");
        assertThat(events(1)).filteredOn(e -> !e.equals("posted") && !e.equals("marketing_notified"))
                .containsExactly("received", "routed", "rejected", "recycled");
        SlackCall marketingUpdate = app.slack().awaitCalls("chat.update", "#marketing-handoffs", 1, WAIT).get(0);
        assertThat(marketingUpdate.param("ts")).isEqualTo(marketing.response().path("ts").asText());
        assertThat(actionIds(marketingUpdate.json("blocks"))).isEmpty();
    }

    @Test
    void contestAsksTheEscalationTargetInTheHandoffsThread() throws Exception {
        SlackCall message = handOff("hs-contest");
        app.client().blockAction(BlockAction.click(message, "handoff_reject").withUser("U0REP00003"));
        SlackCall open = app.slack().awaitCall("views.open", WAIT);
        app.client().viewSubmission(open, Map.of("reject_reason", Map.of("reason", StateValue.staticSelect("c0", "x"))),
                "U0REP00003");
        SlackCall marketing = app.slack().awaitPosts("#marketing-handoffs", 1, WAIT).get(0);
        app.client().blockAction(BlockAction.click(marketing, "handoff_contest").withUser("U0MKT00003"));
        SlackCall thread = app.slack().awaitCalls("chat.postMessage", message.response().path("channel").asText(), 1,
                WAIT).get(0);
        assertThat(thread.param("thread_ts")).isEqualTo(message.response().path("ts").asText());
        // The escalation target is asked, with the two answers; the marketer who pressed Contest is only named.
        assertThat(thread.param("text") + thread.param("blocks")).contains("<!subteam^S0SALESMGR1>",
                "User U0MKT00003 contests", "handoff_uphold", "handoff_reopen").doesNotContain("<@U0MKT00003>");
        assertThat(app.query(String.class, "SELECT marketing_outcome FROM handoffs")).containsExactly("contested");
    }

    @Test
    void submittingWithoutAValidReasonKeepsTheModalOpen() throws Exception {
        SlackCall message = handOff("hs-noreason");
        app.client().blockAction(BlockAction.click(message, "handoff_reject"));
        SlackCall open = app.slack().awaitCall("views.open", WAIT);
        HttpResponse<String> forged = app.client().viewSubmission(open,
                Map.of("reject_reason", Map.of("reason", StateValue.staticSelect("r999", "x"))), "U0REP00004");
        JsonNode body = JSON.readTree(forged.body());
        assertThat(body.path("response_action").asText()).isEqualTo("errors");
        assertThat(body.path("errors").path("reject_reason").asText()).isNotBlank();
        HttpResponse<String> tooLong = app.client().viewSubmission(open, Map.of(
                "reject_reason", Map.of("reason", StateValue.staticSelect("r0", "x")),
                "reject_comment", Map.of("comment", StateValue.plainText("y".repeat(501)))), "U0REP00004");
        assertThat(JSON.readTree(tooLong.body()).path("errors").path("reject_comment").asText()).contains("500");
        assertThat(app.query(String.class, "SELECT status FROM handoffs")).containsExactly("pending");
    }

    @Test
    void unknownHandoffIdsGetAPoliteAnswer() {
        HttpResponse<String> click = app.client().blockAction(BlockAction.button("handoff_accept").withValue("999999"));
        assertThat(click.statusCode()).isEqualTo(200);
        assertThat(app.slack().awaitResponseUrlPosts(1, WAIT).get(0).json().path("text").asText())
                .contains("no longer in Handshake");
        HttpResponse<String> junk = app.client().blockAction(BlockAction.button("handoff_accept").withValue("1 OR 1=1"));
        assertThat(junk.statusCode()).isEqualTo(200);
    }

    @Test
    void theAcceptAckStaysFastWhileSlackIsSlow() {
        SlackCall message = handOff("hs-slow");
        app.slack().setLatency(Duration.ofSeconds(2));
        long worst = 0;
        for (int i = 0; i < 3; i++) {
            long started = System.nanoTime();
            HttpResponse<String> ack = app.client().blockAction(
                    BlockAction.click(message, "handoff_accept").withUser("U0FAST000" + i));
            worst = Math.max(worst, (System.nanoTime() - started) / 1_000_000);
            assertThat(ack.statusCode()).isEqualTo(200);
        }
        assertThat(worst).as("slowest Accept ack in ms").isLessThan(300);
        assertThat(app.query(String.class, "SELECT decided_by FROM handoffs")).containsExactly("U0FAST0000");
    }
}
