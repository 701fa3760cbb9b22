package dev.handshake.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handshake.config.Settings;
import dev.handshake.routing.RoutingAgreements;
import dev.handshake.testing.BlockAction;
import dev.handshake.testing.SlackCall;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Routing at intake end to end: leads without an assignee go to the stage's pool, through signed Slack requests
 * ({@code /sla away}, {@code /sla queue}, a {@code user_change} event, clicks) and the fake Slack; the negative
 * paths: nobody available, a rep deactivated while holding leads, a lead sent straight to an away rep.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.handshake.e2e.Setup#eachTransportAndDatabase")
class RoutingTest {

    @Parameter
    Setup setup;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    private static final String AVA = "U05SDRAVA01";
    private static final String BEN = "U05SDRBEN02";
    private static final String CHLOE = "U05SDRCHL03";
    private static final String MANAGER = "U0MANAGER01";
    private static final String SALES = "#sales-leads";

    @TempDir
    Path dir;

    private RunningApp app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    /** The app on a Tuesday, 10:00 in Chicago, with this routing for MQLs and the reps as Slack knows them. */
    private void start(String routing) throws Exception {
        Instant tuesdayMorning = LocalDateTime.parse("2026-12-08T10:00:00").atZone(CHICAGO).toInstant();
        app = RunningApp.start(setup, Map.of(Settings.AGREEMENT_FILE,
                RoutingAgreements.file(dir, routing).toString()), new MovableClock(tuesdayMorning), slack -> {
                    slack.addUser("ava@freightline.example", AVA, "Ava Park", "America/Chicago");
                    slack.addUser("ben@freightline.example", BEN, "Ben Ortiz", "America/Chicago");
                    slack.addUser("chloe@freightline.example", CHLOE, "Chloe Diaz", "America/Chicago");
                });
        // The app asks Slack about the pool's reps as it starts (users.info); their answers are what routing reads.
        int reps = (int) routing.lines().filter(line -> line.contains("U05SDR")).mapToLong(line ->
                line.split("U05SDR", -1).length - 1).sum();
        app.awaitNumber(reps, WAIT, "SELECT count(*) FROM rep_profiles");
    }

    /** The replies in the thread of the message {@code ts}, waiting for at least {@code count}. */
    private List<SlackCall> thread(String ts, int count) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<SlackCall> replies = List.of();
        while (System.nanoTime() < deadline) {
            replies = app.slack().calls("chat.postMessage").stream()
                    .filter(call -> ts.equals(call.param("thread_ts"))).toList();
            if (replies.size() >= count) {
                return replies;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("expected " + count + " replies in thread " + ts + ", got " + replies);
    }

    private long handOff(String id, String assignee) {
        ObjectNode body = Handoffs.unassigned(id);
        if (assignee != null) {
            body.put("assignee", assignee);
        }
        HttpResponse<String> response = app.postHandoff(Handoffs.json(body));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return app.number("SELECT id FROM handoffs WHERE external_id = ?", id);
    }

    private String assigneeOf(long id) {
        return app.query(String.class, "SELECT coalesce(assignee_user, 'nobody') FROM handoffs WHERE id = ?", id)
                .get(0);
    }

    private String ask(String text, String user) throws Exception {
        HttpResponse<String> response = app.client().slashCommand("/sla", text, user, "C0GENERAL1");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("text").asText();
    }

    /** The handoff's post in the sales channel, once posted. */
    private SlackCall postOf(long id) throws InterruptedException {
        app.awaitNumber(1, WAIT, "SELECT count(*) FROM handoffs WHERE id = ? AND message_ts IS NOT NULL", id);
        String ts = app.query(String.class, "SELECT message_ts FROM handoffs WHERE id = ?", id).get(0);
        return app.slack().posts(SALES).stream()
                .filter(call -> call.succeeded() && ts.equals(call.response().path("ts").asText()))
                .findFirst().orElseThrow();
    }

    private static String blocks(SlackCall call) {
        return call.json("blocks").toString();
    }

    @Test
    void leadsWithoutAnAssigneeGoToThePoolInTurnAndTheRepIsToldAtOnce() throws Exception {
        start("""
                pool: [U05SDRAVA01, U05SDRBEN02, U05SDRCHL03]
                """);
        long first = handOff("route-1", null);
        long second = handOff("route-2", null);
        long third = handOff("route-3", null);
        assertThat(List.of(assigneeOf(first), assigneeOf(second), assigneeOf(third))).containsExactly(AVA, BEN,
                CHLOE);

        // Each rep's message goes out in their own lane; the third one does not wait for the first two channel
        // posts (one a second), so it is sent before its own channel post, then edited to link to it.
        SlackCall dm = app.slack().awaitPosts(CHLOE, 1, WAIT).get(0);
        assertThat(dm.param("text")).startsWith("You have a new MQL to accept or reject: Dana Whitfield")
                .endsWith("It is being posted in #sales-leads.");
        assertThat(blocks(dm)).contains("Why you: next in rotation");
        SlackCall post = postOf(third);
        assertThat(dm.at()).isBefore(post.at());
        // The rep's direct message is their one ping: the channel message names them.
        assertThat(blocks(post)).contains("assigned to Chloe Diaz", "Routing: next in rotation")
                .doesNotContain("<@" + CHLOE + ">");
        String dmChannel = dm.response().path("channel").asText();
        String dmTs = dm.response().path("ts").asText();
        SlackCall linked = app.slack().awaitCalls("chat.update", 1, WAIT).stream()
                .filter(call -> dmChannel.equals(call.param("channel")) && dmTs.equals(call.param("ts")))
                .findFirst().orElseGet(() -> app.slack().awaitCalls("chat.update", 3, WAIT).stream()
                        .filter(call -> dmChannel.equals(call.param("channel"))).findFirst().orElseThrow());
        String permalink = "https://handshake-test.slack.com/archives/" + post.response().path("channel").asText()
                + "/p" + post.response().path("ts").asText().replace(".", "");
        assertThat(blocks(linked)).contains("<" + permalink + "|Open it in the sales channel>");
        assertThat(app.slack().calls("chat.getPermalink")).isNotEmpty();
    }

    @Test
    void whenNobodyIsAvailableTheLeadGoesToTheFallbackWhichIsAskedToActAndTheMessageSaysWhy() throws Exception {
        start("""
                pool: [U05SDRAVA01, U05SDRBEN02]
                fallback: S0SALESMGR1
                """);
        String reply = ask("away until 2026-12-11", AVA);
        assertThat(reply).isEqualTo("You're away through Fri, Dec 11 2026. New MQL leads skip you in the rotation; "
                + "when you're back you rejoin at the current turn, without catching up on the leads you missed. "
                + "A lead sent straight to you is reassigned to the next rep in rotation, with a note saying why. "
                + "You hold no undecided leads now. `/sla back` ends it early.");
        ask("away until 2026-12-09", BEN);

        long id = handOff("nobody-1", null);
        assertThat(assigneeOf(id)).isEqualTo("nobody");
        SlackCall post = postOf(id);
        assertThat(blocks(post)).contains("Routing: nobody in the pool can take it (ava: away until Fri, Dec 11; "
                + "ben: away until Wed, Dec 9); it goes to the fallback, the user group S0SALESMGR1");
        assertThat(post.param("text")).doesNotContain("<@", "<!subteam");

        // The fallback group is asked, in the lead's thread, with the buttons to act on it.
        SlackCall notice = thread(post.response().path("ts").asText(), 1).get(0);
        assertThat(notice.param("text")).startsWith("<!subteam^S0SALESMGR1> Nobody in the MQL pool can take Dana "
                + "Whitfield (Northwind Logistics) now. Please accept or reject it.");
        assertThat(blocks(notice)).contains("handoff_accept", "handoff_reject");
        assertThat(app.slack().posts(AVA)).isEmpty();
        assertThat(app.slack().posts(BEN)).isEmpty();

        app.client().blockAction(BlockAction.click(notice, "handoff_accept").withUser(MANAGER));
        assertThat(app.query(String.class, "SELECT decided_by FROM handoffs WHERE id = ?", id))
                .containsExactly(MANAGER);

        // /sla queue says the same.
        String queue = ask("queue", MANAGER);
        assertThat(queue).isEqualTo("MQL rotation: ; skipped: ava: away until Fri, Dec 11; ben: away until Wed, "
                + "Dec 9.");
    }

    @Test
    void aRepDeactivatedWhileHoldingLeadsHasThemMovedOnAndIsSkippedAfter() throws Exception {
        start("""
                pool: [U05SDRAVA01, U05SDRBEN02, U05SDRCHL03]
                """);
        long avas = handOff("held-1", null);
        long bens = handOff("held-2", null);
        assertThat(assigneeOf(avas)).isEqualTo(AVA);
        assertThat(assigneeOf(bens)).isEqualTo(BEN);
        SlackCall post = postOf(avas);

        // An admin deactivates Ava; Slack sends user_change with deleted: true.
        app.slack().deactivate(AVA);
        assertThat(app.client().event(app.slack().userChangeEvent(AVA), "Ev0DEACT0001", null).statusCode())
                .isEqualTo(200);
        app.awaitNumber(1, WAIT, "SELECT count(*) FROM handoffs WHERE id = ? AND assignee_user = ?", avas, CHLOE);
        assertThat(assigneeOf(bens)).isEqualTo(BEN);
        assertThat(app.query(String.class, "SELECT route_note FROM handoffs WHERE id = ?", avas)).containsExactly(
                "ava was deactivated in Slack; next in rotation");

        // The thread says so, Chloe is told, and the message shows who has it now and why.
        String ts = post.response().path("ts").asText();
        SlackCall moved = thread(ts, 1).get(0);
        assertThat(moved.param("text")).startsWith("Reassigned to Chloe Diaz. New deadline: ");
        assertThat(blocks(moved)).contains("Routing: ava was deactivated in Slack; next in rotation");
        assertThat(app.slack().awaitPosts(CHLOE, 1, WAIT).get(0).param("text"))
                .startsWith("A lead was reassigned to you: Dana Whitfield");
        SlackCall updated = app.slack().awaitCalls("chat.update", 1, WAIT).stream()
                .filter(call -> ts.equals(call.param("ts"))).findFirst().orElseThrow();
        assertThat(blocks(updated)).contains("assigned to Chloe Diaz",
                "Routing: ava was deactivated in Slack; next in rotation");

        // New leads skip her, and say why.
        long next = handOff("held-3", null);
        assertThat(assigneeOf(next)).isNotEqualTo(AVA);
        assertThat(app.query(String.class, "SELECT route_note FROM handoffs WHERE id = ?", next).get(0))
                .contains("ava: deactivated in Slack");
        // The same event again (Slack retries) changes nothing more.
        app.client().event(app.slack().userChangeEvent(AVA), "Ev0DEACT0001", 1);
        assertThat(app.number("SELECT count(*) FROM handoff_events WHERE kind = 'reassigned'")).isEqualTo(1);
    }

    @Test
    void aLeadSentStraightToAnAwayRepIsReassignedWithANote() throws Exception {
        start("""
                pool: [U05SDRAVA01, U05SDRBEN02]
                """);
        ask("away until 2026-12-09", BEN);
        long id = handOff("straight-1", BEN);
        assertThat(assigneeOf(id)).isEqualTo(AVA);
        SlackCall dm = app.slack().awaitPosts(AVA, 1, WAIT).get(0);
        assertThat(blocks(dm)).contains("Why you: sent to ben, who is away until Wed, Dec 9; next in rotation");
        assertThat(blocks(postOf(id))).contains("assigned to Ava Park",
                "Routing: sent to ben, who is away until Wed, Dec 9; next in rotation");
        assertThat(app.slack().posts(BEN)).isEmpty();
    }

    @Test
    void aLeadSentStraightToAnAwayRepStaysWithAWarningWhenTheAgreementKeepsIt() throws Exception {
        start("""
                pool: [U05SDRAVA01, U05SDRBEN02]
                reassign_if_unavailable: false
                """);
        handOff("kept-0", BEN);
        String reply = ask("away until 2026-12-09", BEN);
        assertThat(reply).isEqualTo("You're away through Wed, Dec 9 2026. New MQL leads skip you in the rotation; "
                + "when you're back you rejoin at the current turn, without catching up on the leads you missed. "
                + "A lead sent straight to you stays with you, and the user group S0SALESMGR1 is warned. "
                + "The undecided lead you hold stays with you: decide it before you go, or it is reassigned when its "
                + "deadline passes, as usual. `/sla back` ends it early.");

        long id = handOff("kept-1", BEN);
        assertThat(assigneeOf(id)).isEqualTo(BEN);
        SlackCall post = postOf(id);
        SlackCall warning = thread(post.response().path("ts").asText(), 1).get(0);
        assertThat(warning.param("text")).isEqualTo("<!subteam^S0SALESMGR1> Dana Whitfield (Northwind Logistics): "
                + "This lead was sent to ben, who is away until Wed, Dec 9. It stays with them because the agreement "
                + "keeps such leads with the rep named (reassign_if_unavailable: false).");
    }

    @Test
    void theQueueSaysWhoIsNextAndWhoIsSkipped() throws Exception {
        start("""
                pool:
                  - U05SDRAVA01
                  - {user: U05SDRBEN02, weight: 2}
                  - U05SDRCHL03
                fallback: S0SALESMGR1
                """);
        ask("away until 2026-12-10", CHLOE);
        HttpResponse<String> response = app.client().slashCommand("/sla", "queue share", MANAGER, "C0GENERAL1");
        JsonNode answer = JSON.readTree(response.body());
        assertThat(answer.path("response_type").asText()).isEqualTo("in_channel");
        String shown = answer.path("blocks").toString();
        assertThat(shown).contains("*MQL rotation* — the next leads go to, in order:\\n1. ben (weight 2)\\n2. ava",
                "Skipped now: chloe: away until Thu, Dec 10",
                "When nobody can take a lead: the user group S0SALESMGR1.");
        assertThat(shown).doesNotContain("<@", "<!");
        assertThat(ask("queue sql", MANAGER)).startsWith("`/sla queue sql`: no routed stage has that name. Routed: MQL.");
    }
}
