package dev.handshake.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handshake.testing.SlackCall;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code /sla export}: the period's handoffs and events as a CSV, sent by direct message through the upload flow. */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.handshake.e2e.Setup#eachTransportAndDatabase")
class ExportTest {

    @Parameter
    Setup setup;

    private static final Duration WAIT = Duration.ofSeconds(10);
    private RunningApp app;

    @BeforeEach
    void start() throws Exception {
        app = RunningApp.start(setup);
    }

    @AfterEach
    void stop() {
        app.close();
    }

    @Test
    void theCsvArrivesByDirectMessageWithHostileTextNeutralised() throws Exception {
        ObjectNode body = Handoffs.unassigned("hs-export-1");
        ((ObjectNode) body.get("lead")).put("company", "=HYPERLINK(\"http://evil.example\",\"Acme, \"\"Inc\"\"\")");
        ((ObjectNode) body.get("lead")).put("name", "Line\nBreak");
        assertThat(app.postHandoff(Handoffs.json(body)).statusCode()).isEqualTo(202);
        app.slack().awaitCall("chat.postMessage", WAIT);
        app.awaitNumber(1, WAIT, "SELECT count(*) FROM handoff_events WHERE kind = 'posted'");

        app.slack().addUserGroup("S0SALESMGR1", "sales-managers", "U0EXPORT01");
        var ack = new ObjectMapper().readTree(
                app.client().slashCommand("/sla", "export", "U0EXPORT01", "C0GENERAL1").body());
        assertThat(ack.path("response_type").asText()).isEqualTo("ephemeral");
        // Who may export is asked of Slack after the acknowledgement; the answer follows, privately.
        assertThat(ack.toString()).contains("Checking that you may export");
        assertThat(app.slack().awaitResponseUrlPosts(1, WAIT).get(0).json().path("text").asText())
                .startsWith("Preparing the CSV");

        SlackCall complete = app.slack().awaitCall("files.completeUploadExternal", WAIT);
        assertThat(complete.param("channel_id")).isEqualTo(app.slack().awaitCall("conversations.open", WAIT)
                .response().path("channel").path("id").asText());
        assertThat(app.slack().calls("files.getUploadURLExternal").get(0).param("filename"))
                .startsWith("handshake-handoffs-").endsWith(".csv");
        String csv = new String(app.slack().awaitUploads(1, WAIT).get(0).bytes(), StandardCharsets.UTF_8);
        String[] lines = csv.split("\r\n");
        assertThat(lines[0]).startsWith("handoff_id,external_id,stage,lead_name");
        assertThat(csv).contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"Acme, \"\"\"\"Inc\"\"\"\"\"\")\"");
        assertThat(csv).contains("\"Line\nBreak\"");
        assertThat(csv).contains(",received,system,").contains(",posted,system,");
    }

    @Test
    void onlyTheManagersMayExportAndOthersAreToldWhyPrivately() throws Exception {
        app.slack().addUserGroup("S0SALESMGR1", "sales-managers", "U0MANAGER1");
        app.client().slashCommand("/sla", "export", "U0MANAGER1", "C0GENERAL1");
        app.slack().awaitCall("files.completeUploadExternal", WAIT);

        // The group's members are known now, so both answers come in the acknowledgement itself.
        var refused = new ObjectMapper().readTree(
                app.client().slashCommand("/sla", "export", "U0REP00001", "C0GENERAL1").body());
        assertThat(refused.path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(refused.path("text").asText()).startsWith("Only members of the sales-managers group can export "
                + "handoffs: the CSV holds leads' personal data");
        var allowed = new ObjectMapper().readTree(
                app.client().slashCommand("/sla", "export last quarter", "U0MANAGER1", "C0GENERAL1").body());
        assertThat(allowed.path("text").asText()).startsWith("Preparing the CSV");
        app.slack().awaitCalls("files.completeUploadExternal", 2, WAIT);
        app.slack().assertCallCount("files.completeUploadExternal", 2, Duration.ofSeconds(1));
    }

    @Test
    void aPeriodItCannotReadIsExplained() throws Exception {
        var ack = new ObjectMapper().readTree(
                app.client().slashCommand("/sla", "export <!channel> someday", "U0EXPORT01", "C0GENERAL1").body());
        assertThat(ack.toString()).contains("&lt;!channel&gt;").doesNotContain("<!channel>");
        app.slack().assertNoCall("files.getUploadURLExternal", Duration.ofSeconds(1));
    }
}
