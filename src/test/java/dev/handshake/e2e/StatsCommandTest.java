package dev.handshake.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handshake.testing.BlockAction;
import dev.handshake.testing.SlackCall;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code /sla stats} through real signed HTTP into the real app: facts go in through {@code POST /stage-events},
 * {@code POST /handoffs} and Accept clicks, and the card shows the numbers they make.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(value = Setup.class, names = {"HTTP_ON_SQLITE", "SOCKET_MODE_ON_SQLITE", "HTTP_ON_POSTGRESQL"})
class StatsCommandTest {

    @Parameter
    Setup setup;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(5);
    /** Tuesday 2026-11-03, 09:00 in Chicago: the agreement's office opens. */
    private static final Instant OPENING = Instant.parse("2026-11-03T15:00:00Z");

    private MovableClock clock;
    private RunningApp app;

    @BeforeEach
    void start() throws Exception {
        clock = new MovableClock(OPENING);
        app = RunningApp.start(setup.database(), setup.transport(), Map.of(), clock);
    }

    @AfterEach
    void stop() {
        app.close();
    }

    private SlackCall handOff(String externalId, String email) {
        ObjectNode body = Handoffs.unassigned(externalId);
        ((ObjectNode) body.get("lead")).put("email", email);
        int before = app.slack().posts("#sales-leads").size();
        HttpResponse<String> response = app.postHandoff(Handoffs.json(body));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return app.slack().awaitPosts("#sales-leads", before + 1, WAIT).get(before);
    }

    private void accept(SlackCall message, String user) {
        HttpResponse<String> ack = app.client().blockAction(BlockAction.click(message, "handoff_accept").withUser(user));
        assertThat(ack.statusCode()).isEqualTo(200);
    }

    private JsonNode ask(String text) throws Exception {
        HttpResponse<String> response = app.client().slashCommand("/sla", text, "U0ASKER001", "C0GENERAL1");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(response.body());
        assertWithinBlockKitLimits(answer.path("blocks"));
        return answer;
    }

    /** Every text of a card: header, section texts, each field, context elements. */
    private static List<String> texts(JsonNode blocks) {
        List<String> texts = new java.util.ArrayList<>();
        for (JsonNode block : blocks) {
            if (block.has("text")) {
                texts.add(block.path("text").path("text").asText());
            }
            block.path("fields").forEach(f -> texts.add(f.path("text").asText()));
            block.path("elements").forEach(e -> texts.add(e.path("text").asText()));
        }
        return texts;
    }

    private static void assertWithinBlockKitLimits(JsonNode blocks) {
        assertThat(blocks.size()).isBetween(1, 50);
        for (JsonNode block : blocks) {
            String type = block.path("type").asText();
            if (type.equals("header")) {
                assertThat(block.path("text").path("text").asText().length()).isLessThanOrEqualTo(150);
            }
            if (type.equals("section")) {
                assertThat(block.path("text").path("text").asText().length()).isLessThanOrEqualTo(3000);
                assertThat(block.path("fields").size()).isLessThanOrEqualTo(10);
                block.path("fields").forEach(f -> assertThat(f.path("text").asText().length()).isLessThanOrEqualTo(2000));
            }
        }
    }

    @Test
    void theCardShowsTheNumbersOfThisQuarter() throws Exception {
        StringBuilder events = new StringBuilder("[");
        for (int i = 1; i <= 4; i++) {
            events.append("{\"lead_id\":\"L").append(i).append("\",\"stage\":\"lead\",\"at\":\"2026-11-02T15:00:00Z\"},");
        }
        events.append("{\"lead_id\":\"dana@northwind.example\",\"stage\":\"mql\",\"at\":\"2026-11-02T16:00:00Z\"}]");
        HttpResponse<String> stored = app.post("/stage-events", events.toString(), "application/json",
                "Bearer " + RunningApp.HANDOFF_TOKEN);
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);

        SlackCall dana = handOff("hs-stats-1", "dana@northwind.example");
        SlackCall sam = handOff("hs-stats-2", "sam@acme.example");
        clock.advance(Duration.ofHours(1));
        accept(dana, "U0REP00001");
        clock.advance(Duration.ofHours(2));
        accept(sam, "U0REP00002");
        // The clock runs at real speed between the moves, so allow the seconds the requests took.
        List<Long> times = app.query(Long.class, "SELECT decision_business_ms FROM handoffs ORDER BY id");
        assertThat(times).hasSize(2);
        assertThat(times.get(0)).isBetween(Duration.ofHours(1).toMillis(), Duration.ofHours(1).toMillis() + 20_000);
        assertThat(times.get(1)).isBetween(Duration.ofHours(3).toMillis(), Duration.ofHours(3).toMillis() + 20_000);

        // Before the first deadlines (13:00) nothing can be judged against them yet.
        assertThat(texts(ask("stats").path("blocks"))).contains("*Decided within SLA*\n— (0 of 0)");
        clock.advance(Duration.ofHours(2));

        JsonNode answer = ask("stats");

        assertThat(answer.path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(answer.path("blocks").get(0).path("text").path("text").asText()).isEqualTo("SLA stats · 2026-Q4");
        // New leads: L1..L4 and the two handed off (Dana first seen as an MQL on the 2nd): 6; 2 of them reached MQL.
        assertThat(texts(answer.path("blocks"))).contains(
                "*New leads*\n6", "*Lead → MQL conversion*\n33% (2 of 6)", "*MQLs*\n2",
                "*Handoffs*\n2 (0 still undecided)", "*Accepted*\n2", "*Rejected*\n0",
                "*Acceptance rate*\n100% (2 of 2)", "*Decided within SLA*\n100% (2 of 2)",
                "*Median time to decision*\n2 h", "*90th percentile*\n3 h",
                "*Missed the first deadline:* 0   *Reassignments:* 0   *Contacted:* 0",
                "*Rejection reasons*\nNo rejections.");
        String card = answer.path("blocks").toString();
        // Q4 so far: October 1st 00:00 CDT to November 3rd 14:00 CST is 807 of the quarter's 2,209 hours.
        assertThat(card).contains("<@U0REP00001>", "Operations leader", "webinar",
                "MQLs handed to sales: 2 of 600 MQLs this quarter (0%), 37% of the quarter gone: behind pace",
                "MQL acceptance rate: so far 100% (2 of 2) this quarter, target 45% or more: on target",
                "Rejections answered by marketing: no rejections to answer.");
        assertThat(card).doesNotContain("NaN", "Infinity", "null");
        assertThat(answer.path("text").asText()).isEqualTo("SLA stats for 2026-Q4: 2 handoffs, 2 accepted, 0 rejected.");
    }

    @Test
    void shareShowsTheCardInTheChannel() throws Exception {
        JsonNode answer = ask("stats 30d share");

        assertThat(answer.path("response_type").asText()).isEqualTo("in_channel");
        assertThat(answer.path("blocks").get(0).path("text").path("text").asText())
                .isEqualTo("SLA stats · Last 30 days");
    }

    @Test
    void anEmptyPeriodShowsDashesNeverNaN() throws Exception {
        JsonNode answer = ask("stats 2026-01-01..2026-03-31");

        List<String> texts = texts(answer.path("blocks"));
        assertThat(texts).contains("*Handoffs*\n0 (0 still undecided)", "*Acceptance rate*\n— (0 of 0)",
                "*Lead → MQL conversion*\n— (0 of 0)", "*Median time to decision*\n—", "*90th percentile*\n—",
                "*By persona*\nNo handoffs.");
        assertThat(answer.toString()).doesNotContain("NaN", "Infinity");
    }

    @Test
    void chartArrivesByDirectMessageAsAPngOfTheExpectedSize() throws Exception {
        SlackCall dana = handOff("hs-chart-1", "dana@northwind.example");
        clock.advance(Duration.ofHours(1));
        accept(dana, "U0REP00001");

        JsonNode answer = ask("stats this quarter chart");

        assertThat(answer.path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(answer.path("text").asText()).isEqualTo("Drawing the chart of 2026-Q4 (Oct 1, 2026 – Dec 31, 2026); "
                + "I'll send it to you in a direct message from Handshake in a moment.");
        SlackCall complete = app.slack().awaitCall("files.completeUploadExternal", WAIT);
        String dm = app.slack().awaitCall("conversations.open", WAIT).response().path("channel").path("id").asText();
        assertThat(complete.param("channel_id")).isEqualTo(dm);
        assertThat(app.slack().calls("conversations.open").get(0).param("users")).isEqualTo("U0ASKER001");
        assertThat(app.slack().calls("files.getUploadURLExternal").get(0).param("filename"))
                .isEqualTo("handshake-chart-2026-10-01-to-2026-12-31.png");
        java.awt.image.BufferedImage png = javax.imageio.ImageIO.read(
                new java.io.ByteArrayInputStream(app.slack().awaitUploads(1, WAIT).get(0).bytes()));
        assertThat(png).isNotNull();
        assertThat(png.getWidth()).isEqualTo(1200);
        assertThat(png.getHeight()).isEqualTo(1000);
    }

    @Test
    void junkGetsAClearAnswerAndUserTextIsEscaped() throws Exception {
        JsonNode answer = ask("stats <!channel> & soon");

        assertThat(answer.path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(answer.path("text").asText()).startsWith("`/sla stats &lt;!channel&gt; &amp; soon`: "
                + "I can't read that as a period. Try `/sla stats`");
        assertThat(answer.path("text").asText()).doesNotContain("<!channel>");
    }
}
