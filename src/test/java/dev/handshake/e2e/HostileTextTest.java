package dev.handshake.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handshake.testing.BlockAction;
import dev.handshake.testing.SlackCall;
import dev.handshake.testing.StateValue;
import dev.handshake.testing.TestDatabase;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A lead whose every field would format in Slack, handed off, rejected with a comment that would too, and shown on
 * the App Home and in {@code /sla stats}: everything the fake Slack received (posts, edits, modals, Home tabs,
 * acknowledgements) shows the text's words and none of its formatting, and every mrkdwn text object is verbatim.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.class)
class HostileTextTest {

    @Parameter
    TestDatabase database;

    private static final Duration WAIT = Duration.ofSeconds(10);
    /** The formatting sequences of the input, none of which may reach Slack (invisible characters removed). */
    private static final List<String> FORMATTING = List.of("*VIP*", "_urgent_", "~x~", "`y`", "*Acme*", "_CEO_",
            "~src~", "*note*", "_crit_", "`later`", "*who*");
    /** Zero-width characters force formatting in Slack rather than stop it, so they do not count as neutralising. */
    private static final Pattern INVISIBLE = Pattern.compile("[\\u200B-\\u200D\\u2060\\uFEFF\\u00AD]");

    private RunningApp app;

    @BeforeEach
    void start() throws Exception {
        app = RunningApp.start(database);
    }

    @AfterEach
    void stop() {
        app.close();
    }

    @Test
    void userTextNeverFormatsAnywhereItIsShown() throws Exception {
        ObjectNode body = Handoffs.canonical("hs-hostile");
        ObjectNode lead = (ObjectNode) body.get("lead");
        lead.put("name", "*VIP* _urgent_ ~x~ `y` https://evil.example/a");
        lead.put("company", "*Acme* www.evil.example");
        lead.put("title", "_CEO_");
        lead.put("source", "~src~");
        body.put("note", "> *note*\nsee evil.example/n");
        body.putArray("criteria_met").add("_crit_ met");
        assertThat(app.postHandoff(Handoffs.json(body)).statusCode()).isEqualTo(202);
        SlackCall message = app.slack().awaitPosts("#sales-leads", 1, WAIT).get(0);
        app.awaitNumber(1, WAIT, "SELECT count(*) FROM handoff_events WHERE kind = 'posted'");

        app.client().blockAction(BlockAction.click(message, "handoff_reject").withUser("U0123ABCD"));
        SlackCall modal = app.slack().awaitCall("views.open", WAIT);
        HttpResponse<String> submitted = app.client().viewSubmission(modal, Map.of(
                "reject_reason", Map.of("reason", StateValue.staticSelect("r1", "label")),
                "reject_comment", Map.of("comment", StateValue.plainText("`later` *who* https://evil.example/c"))),
                "U0123ABCD");
        assertThat(submitted.body()).doesNotContain("errors");
        app.slack().awaitCalls("chat.update", 1, WAIT);
        app.slack().awaitCalls("chat.postMessage", 3, WAIT); // the assignee's DM and marketing's notice
        app.client().event("{\"type\":\"app_home_opened\",\"user\":\"U0123ABCD\",\"channel\":\"D0HOME0001\","
                + "\"tab\":\"home\"}", "Ev0HOSTILE1", null);
        app.slack().awaitCalls("views.publish", 1, WAIT);
        HttpResponse<String> stats = app.client().slashCommand("/sla", "stats", "U0123ABCD", "C0GENERAL1");

        List<String> mrkdwn = new ArrayList<>();
        for (SlackCall call : app.slack().calls()) {
            for (String param : List.of("blocks", "view")) {
                if (call.param(param) != null) {
                    collect(call.json(param), call.method(), mrkdwn);
                }
            }
            if (call.param("text") != null) {
                mrkdwn.add(call.param("text"));
            }
        }
        collect(new com.fasterxml.jackson.databind.ObjectMapper().readTree(stats.body()), "/sla stats", mrkdwn);
        String all = String.join("\n", mrkdwn);
        assertThat(all).contains("VIP", "urgent", "Acme", "CEO", "src", "note", "crit", "later", "who");
        String visible = INVISIBLE.matcher(all).replaceAll("");
        for (String formatting : FORMATTING) {
            assertThat(visible).as("Slack received %s", formatting).doesNotContain(formatting);
        }
        // Slack quotes a line that starts with > (sent as &gt;); a character before it, even an invisible one, stops it.
        assertThat(all.lines().filter(line -> line.startsWith("&gt;") || line.startsWith(">"))).as("a quoted line")
                .isEmpty();
    }

    /** Adds every mrkdwn text under {@code node}; fails on one that is not verbatim. */
    private static void collect(JsonNode node, String where, List<String> out) {
        if (node.isObject() && "mrkdwn".equals(node.path("type").asText()) && node.has("text")) {
            assertThat(node.path("verbatim").asBoolean(false)).as("%s: verbatim %s", where, node).isTrue();
            out.add(node.path("text").asText());
        }
        node.forEach(child -> collect(child, where, out));
    }
}
