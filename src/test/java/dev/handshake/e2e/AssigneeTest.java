package dev.handshake.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handshake.config.Settings;
import dev.handshake.testing.BlockAction;
import dev.handshake.testing.SlackCall;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** Who a handoff is for: assignees by id or email, the assignee-only rule, and the App Home. */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.handshake.e2e.Setup#eachTransportAndDatabase")
class AssigneeTest {

    @Parameter
    Setup setup;

    private static final Duration WAIT = Duration.ofSeconds(8);
    private RunningApp app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    @HttpOnly("no Slack request reaches the app: the same over both transports")
    void anAssigneeGivenByEmailIsLookedUpMentionedAndMessaged() throws Exception {
        app = RunningApp.start(setup);
        app.slack().addUser("rep@freightline.example", "U0EMAIL001");
        ObjectNode body = Handoffs.canonical("hs-email");
        body.put("assignee", "rep@freightline.example");
        assertThat(app.postHandoff(Handoffs.json(body)).statusCode()).isEqualTo(202);
        SlackCall post = app.slack().awaitPosts("#sales-leads", 1, WAIT).get(0);
        app.slack().awaitPosts("U0EMAIL001", 1, WAIT);
        assertThat(app.slack().calls("users.lookupByEmail")).hasSize(1);
        // The direct message is the rep's one ping: the channel message names them without mentioning them.
        assertThat(post.json("blocks").toString()).contains("assigned to Rep").doesNotContain("<@U0EMAIL001>");
        SlackCall direct = app.slack().posts("U0EMAIL001").get(0);
        assertThat(direct.json("blocks").findValues("action_id")).extracting(node -> node.asText())
                .containsExactly("handoff_accept", "handoff_reject");
        assertThat(app.query(String.class, "SELECT assignee_user FROM handoffs")).containsExactly("U0EMAIL001");

        // Slack's answer is kept: the next lead for the same email is assigned when it arrives, without asking again.
        ObjectNode second = Handoffs.canonical("hs-email-2");
        second.put("assignee", "REP@freightline.example");
        assertThat(app.postHandoff(Handoffs.json(second)).statusCode()).isEqualTo(202);
        assertThat(app.query(String.class, "SELECT assignee_user FROM handoffs WHERE external_id = 'hs-email-2'"))
                .containsExactly("U0EMAIL001");
        app.slack().awaitPosts("U0EMAIL001", 2, WAIT);
        assertThat(app.slack().calls("users.lookupByEmail")).hasSize(1);
    }

    @Test
    @HttpOnly("no Slack request reaches the app: the same over both transports")
    void anUnknownEmailIsRoutedByTheRotationRatherThanLost() throws Exception {
        app = RunningApp.start(setup);
        ObjectNode body = Handoffs.canonical("hs-nobody");
        body.put("assignee", "nobody@freightline.example");
        assertThat(app.postHandoff(Handoffs.json(body)).statusCode()).isEqualTo(202);
        SlackCall post = app.slack().awaitPosts("#sales-leads", 1, WAIT).get(0);
        assertThat(post.succeeded()).isTrue();
        // The first rep of the agreement's pool, told at once; the message says why it is theirs.
        SlackCall dm = app.slack().awaitPosts("U05SDRAVA01", 1, WAIT).get(0);
        assertThat(dm.json("blocks").toString()).contains("Why you: sent to nobody@freightline.example, whom Slack "
                + "does not know;", "next in rotation");
        app.slack().assertPostCount("#sales-leads", 1, Duration.ofSeconds(1));
        assertThat(app.query(String.class, "SELECT coalesce(assignee_user, 'none') FROM handoffs"))
                .containsExactly("U05SDRAVA01");
    }

    @Test
    void whenOnlyTheAssigneeDecidesOthersAreToldWhy(@TempDir Path dir) throws Exception {
        Path agreement = dir.resolve("sla.yml");
        Files.writeString(agreement, Files.readString(Path.of("sla.yml")).replace("who_decides: anyone", "who_decides: assignee"));
        app = RunningApp.start(setup, Map.of(Settings.AGREEMENT_FILE, agreement.toString()), Clock.systemUTC());
        assertThat(app.postHandoff(Handoffs.json(Handoffs.canonical("hs-mine"))).statusCode()).isEqualTo(202);
        SlackCall message = app.slack().awaitPosts("#sales-leads", 1, WAIT).get(0);

        app.client().blockAction(BlockAction.click(message, "handoff_accept").withUser("U0OTHER001"));
        assertThat(app.slack().awaitResponseUrlPosts(1, WAIT).get(0).json().path("text").asText())
                .startsWith("Only <@U0123ABCD> can accept or reject");
        assertThat(app.query(String.class, "SELECT status FROM handoffs")).containsExactly("pending");

        app.client().blockAction(BlockAction.click(message, "handoff_accept").withUser("U0123ABCD"));
        assertThat(app.query(String.class, "SELECT decided_by FROM handoffs")).containsExactly("U0123ABCD");
    }

    @Test
    void theAppHomeShowsTheViewersOpenHandoffsWithButtons() throws Exception {
        app = RunningApp.start(setup);
        assertThat(app.postHandoff(Handoffs.json(Handoffs.canonical("hs-home"))).statusCode()).isEqualTo(202);
        app.slack().awaitCall("chat.postMessage", WAIT);
        var ack = app.client().event("{\"type\":\"app_home_opened\",\"user\":\"U0123ABCD\",\"channel\":\"D0123\","
                + "\"tab\":\"home\",\"event_ts\":\"1764300000.000100\"}", null);
        assertThat(ack.statusCode()).isEqualTo(200);
        SlackCall publish = app.slack().awaitCall("views.publish", WAIT);
        assertThat(publish.param("user_id")).isEqualTo("U0123ABCD");
        String view = publish.json("view").toString();
        assertThat(view).contains("Dana Whitfield", "handoff_accept", "handoff_reject", "\"type\":\"home\"",
                "Your numbers", "The team", "Next SLA review", "Decided 0");

        // Accepting from the Home tab records the decision and republishes the tab without the handoff.
        String id = app.query(String.class, "SELECT id FROM handoffs").get(0);
        assertThat(app.client().homeAction("handoff_accept", id, "U0123ABCD").statusCode()).isEqualTo(200);
        assertThat(app.query(String.class, "SELECT decided_by FROM handoffs")).containsExactly("U0123ABCD");
        // It leaves the open handoffs for the first contact the rep now owes, with its button.
        SlackCall refreshed = app.slack().awaitCalls("views.publish", 2, WAIT).get(1);
        assertThat(refreshed.json("view").toString()).contains("Nothing waiting", "Decided 1 · accepted 1",
                "Accepted, waiting for your first contact", "Dana Whitfield", "handoff_contacted")
                .doesNotContain("handoff_accept");

        // A second click there cannot answer in place, so the user is told in a direct message.
        app.client().homeAction("handoff_accept", id, "U0123ABCD");
        SlackCall told = app.slack().awaitCalls("chat.postMessage", 3, WAIT).stream()
                .filter(c -> "U0123ABCD".equals(c.param("channel")) && c.param("text").startsWith("Already accepted"))
                .findFirst().orElseThrow();
        assertThat(told.param("text")).contains("<@U0123ABCD>");
    }

    @Test
    void aBurstOfDecisionsRepublishesTheHomeTabAFewTimesEndingWithTheFinalState() throws Exception {
        app = RunningApp.start(setup);
        app.slack().setLatency(Duration.ofMillis(300)); // each publish holds its refresh for a while, as Slack does
        int handoffs = 20;
        for (int i = 0; i < handoffs; i++) {
            assertThat(app.postHandoff(Handoffs.json(Handoffs.canonical("hs-burst-" + i))).statusCode()).isEqualTo(202);
        }
        for (String id : app.query(String.class, "SELECT id FROM handoffs ORDER BY id")) {
            assertThat(app.client().homeAction("handoff_accept", id, "U0123ABCD").statusCode()).isEqualTo(200);
        }
        assertThat(app.query(Integer.class, "SELECT count(*) FROM handoffs WHERE status = 'accepted'"))
                .containsExactly(handoffs);

        // The last publish shows every decision; there were far fewer publishes than clicks, at most one a second.
        app.slack().awaitCall("views.publish", WAIT);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!lastHome().contains("Decided " + handoffs + " · accepted " + handoffs) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(lastHome()).contains("Decided " + handoffs + " · accepted " + handoffs, "Nothing waiting");
        app.slack().assertCallCount("views.publish", app.slack().calls("views.publish").size(), Duration.ofSeconds(1));
        List<SlackCall> publishes = app.slack().calls("views.publish");
        assertThat(publishes).hasSizeLessThan(handoffs / 2);
        for (int i = 1; i < publishes.size(); i++) {
            // One at a time, and paced at one a second per user: each renders the quarter's numbers.
            assertThat(publishes.get(i).at()).isAfterOrEqualTo(publishes.get(i - 1).at().plusMillis(950));
        }
    }

    private String lastHome() {
        List<SlackCall> publishes = app.slack().calls("views.publish");
        return publishes.isEmpty() ? "" : publishes.get(publishes.size() - 1).json("view").toString();
    }
}
