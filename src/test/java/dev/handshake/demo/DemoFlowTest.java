package dev.handshake.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo end to end without a browser: what the page's endpoints do, through the real app (its intake, its
 * listeners behind signed requests, its deliveries and timers) and the stand-in for Slack.
 */
class DemoFlowTest {

    private static RunningDemo demo;

    @BeforeAll
    static void start() throws Exception {
        demo = RunningDemo.empty();
    }

    @AfterAll
    static void stop() {
        demo.close();
    }

    @Test
    void keepsItsDataApartFromTheAppsOwn() {
        assertThat(Files.exists(demo.data().resolve("demo.db"))).isTrue();
        assertThat(Files.exists(demo.data().resolve("handshake.db"))).isFalse();
    }

    @Test
    void aHandedOffLeadIsAcceptedByAClickAndTheMessageChanges() throws Exception {
        JsonNode posted = handOff("flow-accept", "Nora Quinn", RunningDemo.AVA);
        String ts = posted.path("ts").asText();
        assertThat(actionIds(posted)).contains("handoff_accept", "handoff_reject");
        assertThat(click(RunningDemo.AVA, RunningDemo.SALES, posted, "handoff_accept").statusCode()).isEqualTo(200);
        demo.awaitMessage(RunningDemo.AVA, RunningDemo.SALES, m -> m.path("ts").asText().equals(ts)
                && m.path("text").asText().contains("accepted by <@" + RunningDemo.AVA + ">"));

        JsonNode accepted = demo.awaitMessage(RunningDemo.BEN, RunningDemo.SALES,
                m -> m.path("ts").asText().equals(ts));
        assertThat(click(RunningDemo.BEN, RunningDemo.SALES, accepted, "handoff_contacted").statusCode())
                .isEqualTo(200);
        demo.await("Ben's private answer", () -> ephemeral(RunningDemo.BEN, "Only <@" + RunningDemo.AVA + ">"));
        assertThat(ephemeral(RunningDemo.AVA, "Only <@")).isEmpty();
    }

    @Test
    void aRejectionGoesThroughTheModalAndReachesMarketing() throws Exception {
        JsonNode posted = handOff("flow-reject", "Omar Haddad", null);
        click(RunningDemo.AVA, RunningDemo.SALES, posted, "handoff_reject");
        JsonNode modal = demo.await("the reject modal", () -> {
            JsonNode modals = demo.state(RunningDemo.AVA).path("modals");
            return modals.isEmpty() ? Optional.empty() : Optional.of(modals.get(modals.size() - 1));
        });
        assertThat(modal.path("callback_id").asText()).isEqualTo("handoff_reject_modal");
        String viewId = modal.path("id").asText();

        HttpResponse<String> empty = demo.page("submit", "{\"user\":\"" + RunningDemo.AVA + "\",\"viewId\":\""
                + viewId + "\",\"values\":{}}");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(demo.state(RunningDemo.AVA).path("modals").get(0).path("errors").path("reject_reason").asText())
                .isEqualTo("Please complete this required field.");

        HttpResponse<String> submitted = demo.page("submit", "{\"user\":\"" + RunningDemo.AVA + "\",\"viewId\":\""
                + viewId + "\",\"values\":{\"reject_reason\":{\"reason\":\"r2\"},"
                + "\"reject_comment\":{\"comment\":\"No budget <until> Q3 & beyond\"}}}");
        assertThat(submitted.statusCode()).isEqualTo(200);
        assertThat(demo.state(RunningDemo.AVA).path("modals")).isEmpty();
        demo.awaitMessage(RunningDemo.AVA, RunningDemo.SALES, m -> m.path("ts").equals(posted.path("ts"))
                && m.path("text").asText().contains("rejected by"));
        JsonNode notice = demo.awaitMessage(RunningDemo.DANA, RunningDemo.MARKETING,
                m -> m.path("text").asText().contains("Omar Haddad"));
        assertThat(notice.path("blocks").toString()).contains("No budget &lt;until&gt; Q3 &amp; beyond");
        assertThat(actionIds(notice)).contains("handoff_recycle", "handoff_contest");
    }

    @Test
    void slashCommandsAnswerOnlyTheAskerUnlessShared() throws Exception {
        type(RunningDemo.DANA, RunningDemo.MARKETING, "/sla mql");
        demo.await("the MQL card", () -> ephemeral(RunningDemo.DANA, "Fit score 60 or more"));
        assertThat(ephemeral(RunningDemo.MARCUS, "Fit score 60 or more")).isEmpty();

        type(RunningDemo.DANA, RunningDemo.REVOPS, "/sla goals share");
        demo.awaitMessage(RunningDemo.MARCUS, RunningDemo.REVOPS, m -> m.path("user").asText()
                .equals(DemoCast.BOT_USER_ID) && m.path("blocks").toString().contains("Revenue"));
        demo.awaitMessage(RunningDemo.MARCUS, RunningDemo.REVOPS, m -> m.path("text").asText()
                .equals("/sla goals share") && m.path("user").asText().equals(RunningDemo.DANA));

        type(RunningDemo.DANA, RunningDemo.MARKETING, "/slaa mql");
        JsonNode slackbot = demo.await("Slackbot's answer", () -> ephemeral(RunningDemo.DANA, "not a valid command"));
        assertThat(slackbot.path("sender").asText()).isEqualTo("slackbot");
    }

    @Test
    void anExportArrivesAsAFileInTheDirectMessage() throws Exception {
        type(RunningDemo.MARCUS, RunningDemo.REVOPS, "/sla export");
        demo.await("the answer", () -> ephemeral(RunningDemo.MARCUS, "Preparing the CSV"));
        JsonNode file = demo.awaitMessage(RunningDemo.MARCUS, "D04MBELL0SL", m -> m.path("files").size() == 1)
                .path("files").get(0);
        assertThat(file.path("name").asText()).startsWith("handshake-handoffs-").endsWith(".csv");
        HttpResponse<String> csv = demo.get(file.path("url").asText());
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.body().lines().findFirst().orElse("")).contains("handoff");
    }

    @Test
    void openingTheHomeTabPublishesIt() throws Exception {
        assertThat(demo.page("home", "{\"user\":\"" + RunningDemo.MARCUS + "\"}").statusCode()).isEqualTo(200);
        JsonNode home = demo.await("Marcus's Home tab", () -> Optional.of(demo.state(RunningDemo.MARCUS).path("home"))
                .filter(JsonNode::isObject));
        assertThat(home.path("type").asText()).isEqualTo("home");
        assertThat(home.path("blocks").toString()).contains("Your open handoffs");
    }

    @Test
    void theClockMovesForwardByBusinessTimeAndTheQuarterlyReviewComes() throws Exception {
        Instant before = Instant.ofEpochMilli(demo.state(RunningDemo.AVA).path("clock").path("now").asLong());
        assertThat(demo.page("clock", "{\"step\":\"hour\"}").statusCode()).isEqualTo(200);
        Instant after = Instant.ofEpochMilli(demo.state(RunningDemo.AVA).path("clock").path("now").asLong());
        assertThat(Duration.between(before, after)).isGreaterThanOrEqualTo(Duration.ofHours(1));

        assertThat(demo.page("clock", "{\"step\":\"quarter\"}").statusCode()).isEqualTo(200);
        JsonNode review = demo.awaitMessage(RunningDemo.MARCUS, RunningDemo.REVOPS,
                m -> m.path("text").asText().toLowerCase(java.util.Locale.ROOT).contains("review"));
        assertThat(review.path("blocks").toString()).contains("reviewed");
    }

    @Test
    void badInputGetsAClearAnswer() {
        HttpResponse<String> stranger = demo.page("type", "{\"user\":\"U0NOBODY01\",\"conversation\":\"C06SALESLEA\","
                + "\"text\":\"hi\"}");
        assertThat(stranger.statusCode()).isEqualTo(400);
        assertThat(demo.json(stranger).path("error").asText()).contains("member");
        assertThat(demo.page("type", "{not json").statusCode()).isEqualTo(400);
        HttpResponse<String> step = demo.page("clock", "{\"step\":\"century\"}");
        assertThat(step.statusCode()).isEqualTo(400);
        assertThat(demo.json(step).path("error").asText()).contains("hour, day or quarter");
        HttpResponse<String> elsewhere = demo.page("type", "{\"user\":\"" + RunningDemo.AVA
                + "\",\"conversation\":\"D05SDRBEN02\",\"text\":\"hi\"}");
        assertThat(elsewhere.statusCode()).isEqualTo(400);
        assertThat(demo.get("/demo/api/nothing").statusCode()).isEqualTo(404);
        assertThat(demo.get("/demo/api/state?user=U0NOBODY01").statusCode()).isEqualTo(400);
    }

    @Test
    void servesThePageWithAStrictContentSecurityPolicy() {
        HttpResponse<String> page = demo.get("/demo");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("/demo/assets/demo.js");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElse(""))
                .contains("script-src 'self'").doesNotContain("unsafe-inline");
        assertThat(demo.get("/demo/assets/demo.js").statusCode()).isEqualTo(200);
        assertThat(demo.get("/demo/assets/sla.yml").statusCode()).isEqualTo(404);
        assertThat(demo.get("/demo/assets/nothing.js").statusCode()).isEqualTo(404);
        assertThat(demo.get("/demo/assets/..%2F..%2Fsla.yml").statusCode()).isBetween(400, 404);
    }

    private JsonNode handOff(String id, String name, String assignee) throws Exception {
        HttpResponse<String> answer = demo.handoff("{\"id\":\"" + id + "\",\"stage\":\"mql\",\"lead\":{\"name\":\""
                + name + "\",\"company\":\"Acme Freight\"}" + (assignee == null ? "" : ",\"assignee\":\"" + assignee
                + "\"") + "}");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        return demo.awaitMessage(RunningDemo.AVA, RunningDemo.SALES, m -> m.path("text").asText().contains(name)
                && m.path("threadTs").isMissingNode());
    }

    private HttpResponse<String> click(String user, String conversation, JsonNode message, String actionId) {
        String blockId = null;
        for (JsonNode block : message.path("blocks")) {
            for (JsonNode element : block.path("elements")) {
                if (element.path("action_id").asText().equals(actionId)) {
                    blockId = block.path("block_id").asText();
                }
            }
        }
        assertThat(blockId).as("a %s button on %s", actionId, message).isNotNull();
        return demo.page("click", "{\"user\":\"" + user + "\",\"where\":\"message\",\"conversation\":\""
                + conversation + "\",\"ts\":\"" + message.path("ts").asText() + "\",\"blockId\":\"" + blockId
                + "\",\"actionId\":\"" + actionId + "\"}");
    }

    private void type(String user, String conversation, String text) {
        HttpResponse<String> answer = demo.page("type", "{\"user\":\"" + user + "\",\"conversation\":\""
                + conversation + "\",\"text\":\"" + text + "\"}");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    private Optional<JsonNode> ephemeral(String user, String containing) {
        for (JsonNode e : demo.state(user).path("ephemerals")) {
            if (e.toString().contains(containing)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    private static java.util.List<String> actionIds(JsonNode message) {
        java.util.List<String> ids = new java.util.ArrayList<>();
        message.path("blocks").forEach(b -> b.path("elements").forEach(e -> ids.add(e.path("action_id").asText())));
        return ids;
    }
}
