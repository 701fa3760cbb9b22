package dev.handshake.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handshake.testing.FakeSlack;
import dev.handshake.testing.SlackCall;
import dev.handshake.testing.SlackClient;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Slack signs the UTF-8 bytes of a request, so non-ASCII requests must verify whatever the JVM's default charset.
 * Runs only in the {@code latin1-default-charset} surefire execution, in a JVM started with
 * {@code -Dfile.encoding=ISO-8859-1}.
 */
class NonUtf8CharsetTest {

    private static final String TEXT = "qualifi\u00e9 \u7ebf\u7d22 \ud83d\udd25";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static RunningApp app;

    @BeforeAll
    static void startApp() throws Exception {
        // Checked before anything else, so this test cannot pass by running under UTF-8.
        assertThat(Charset.defaultCharset()).isEqualTo(StandardCharsets.ISO_8859_1);
        app = RunningApp.start();
    }

    @AfterAll
    static void stopApp() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void theJvmDefaultCharsetIsLatin1() {
        assertThat(Charset.defaultCharset()).isEqualTo(StandardCharsets.ISO_8859_1);
        assertThat(System.getProperty("file.encoding")).isEqualTo("ISO-8859-1");
    }

    @Test
    void aNonAsciiSlashCommandVerifiesAndIsAnswered() throws Exception {
        HttpResponse<String> response = app.client().slashCommand("/sla", TEXT, "U0ASKER001", "C0GENERAL1");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(response.body());
        assertThat(answer.toString()).contains("qualifi\u00e9 \u7ebf\u7d22");
    }

    @Test
    void aNonAsciiEventVerifiesAndIsHandled() throws Exception {
        SlackClient client = app.client();
        ObjectNode event = JSON.createObjectNode()
                .put("type", "app_home_opened")
                .put("user", "U0HOMEUSR1")
                .put("channel", "D0HOMECHN1")
                .put("tab", "home")
                .put("event_ts", client.now() + ".000100");
        event.putObject("view")
                .put("id", "V0HOMEVIEW1")
                .put("team_id", FakeSlack.TEAM_ID)
                .put("type", "home")
                .put("private_metadata", TEXT)
                .put("callback_id", "")
                .put("hash", "1764300000.abcd")
                .putArray("blocks");

        HttpResponse<String> response = client.event(JSON.writeValueAsString(event), null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        SlackCall publish = app.slack().awaitCall("views.publish", Duration.ofSeconds(10));
        assertThat(publish.param("user_id")).isEqualTo("U0HOMEUSR1");
    }
}
