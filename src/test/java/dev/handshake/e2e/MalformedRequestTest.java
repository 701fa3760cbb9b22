package dev.handshake.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Requests the fuzzer ({@code HostileInputIT}) found answered 500 or not at all: each now gets a 4xx with a JSON
 * message. Slack requests here are signed correctly, so they reach the parsing.
 */
class MalformedRequestTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static RunningApp app;

    @BeforeAll
    static void startApp() throws Exception {
        app = RunningApp.start();
    }

    @AfterAll
    static void stopApp() {
        if (app != null) {
            app.close();
        }
    }

    private static HttpResponse<String> signed(byte[] body, String contentType) throws Exception {
        long timestamp = Instant.now().getEpochSecond();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(RunningApp.SIGNING_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.US_ASCII));
        String signature = "v0=" + HexFormat.of().formatHex(mac.doFinal(body));
        return app.send(HttpRequest.newBuilder(app.baseUri().resolve("/slack/events"))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", contentType)
                .header("X-Slack-Request-Timestamp", Long.toString(timestamp))
                .header("X-Slack-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    private static HttpResponse<String> interaction(String payloadJson) throws Exception {
        return signed(("payload=" + URLEncoder.encode(payloadJson, StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.US_ASCII), "application/x-www-form-urlencoded");
    }

    private static String error(HttpResponse<String> response) throws Exception {
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode body = JSON.readTree(response.body());
        return body.path("error").asText();
    }

    @Test
    void aPayloadOfTheWrongShapeIsA400() throws Exception {
        HttpResponse<String> response = interaction("{\"type\":\"block_actions\",\"user\":{\"id\":\"U0ASKER001\"},"
                + "\"actions\":[\"not an object\"]}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(error(response)).isEqualTo("malformed Slack request");
    }

    @Test
    void aPayloadThatIsNotJsonIsA400() throws Exception {
        HttpResponse<String> response = interaction("{\"type\":\"block_act");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).doesNotContain("Exception", "\tat ");
    }

    @Test
    void aBodyThatIsNotUtf8IsA400() throws Exception {
        byte[] body = {'c', 'o', 'm', 'm', 'a', 'n', 'd', '=', '/', 's', 'l', 'a', '&', 't', 'e', 'x', 't', '=',
            (byte) 0xC3, 0x28};

        HttpResponse<String> response = signed(body, "application/x-www-form-urlencoded");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(error(response)).contains("UTF-8");
    }

    @Test
    void aSlashCommandNamingNoUserIsA400() throws Exception {
        HttpResponse<String> response = signed("command=%2Fsla&text=back&channel_id=C0CHAN0001"
                .getBytes(StandardCharsets.US_ASCII), "application/x-www-form-urlencoded");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(error(response)).contains("no user");
    }

    @Test
    void aSubmittedModalWithoutValuesIsToldWhatIsMissing() throws Exception {
        String handoff = JSON.readTree(app.postHandoff(
                "{\"id\":\"no-values\",\"stage\":\"mql\",\"lead\":{\"name\":\"Dana\"}}").body())
                .path("handoff_id").asText();

        HttpResponse<String> response = interaction("{\"type\":\"view_submission\",\"team\":{\"id\":\"T0TEST0001\","
                + "\"domain\":\"handshake-test\"},\"user\":{\"id\":\"U0ASKER001\",\"name\":\"asker\"},"
                + "\"api_app_id\":\"A0APP00001\",\"token\":\"t\",\"trigger_id\":\"1.2.3\",\"view\":{\"id\":\"V1\","
                + "\"team_id\":\"T0TEST0001\",\"type\":\"modal\",\"blocks\":[],\"callback_id\":\"handoff_reject_modal\","
                + "\"private_metadata\":\"" + handoff + "\",\"state\":{},\"hash\":\"1.a\",\"app_id\":\"A0APP00001\"},"
                + "\"response_urls\":[],\"is_enterprise_install\":false}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("response_action").asText()).isEqualTo("errors");
    }

    @Test
    void anUnsignedBodyIsRefusedBeforeAnythingReadsIt() throws Exception {
        HttpResponse<String> response = app.post("/slack/events", "payload=%7B", "application/x-www-form-urlencoded",
                null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(error(response)).isEqualTo("invalid request signature");
    }

    @Test
    void anIllegalCharsetNameIsA415NotA500() throws Exception {
        HttpResponse<String> response = app.post("/handoffs", "{}", "text/html; charset=<!here>",
                "Bearer " + RunningApp.HANDOFF_TOKEN);

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(error(response)).contains("application/json");
    }

    @Test
    void halfASurrogatePairIsRefusedWithWhereItIs() throws Exception {
        HttpResponse<String> response = app.postHandoff(
                "{\"id\":\"lone-1\",\"stage\":\"mql\",\"lead\":{\"name\":\"Dana \\ud800\"}}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(error(response)).contains("$.lead.name", "surrogate");
        assertThat(app.number("SELECT count(*) FROM handoffs WHERE external_id = 'lone-1'")).isZero();
    }

    @Test
    void aBodyOverTheServerLimitGetsAJsonAnswer() throws Exception {
        HttpResponse<String> response = app.post("/stage-events", "x".repeat(1024 * 1024 + 1), "application/json",
                "Bearer " + RunningApp.HANDOFF_TOKEN);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(error(response)).isEqualTo("request body too large");
    }

    @Test
    void aBodyOverTheIntakeLimitIsAnsweredWhileStillBeingSent() throws Exception {
        HttpResponse<String> response = app.post("/handoffs", "x".repeat(512 * 1024), "application/json",
                "Bearer " + RunningApp.HANDOFF_TOKEN);

        assertThat(response.statusCode()).isEqualTo(413);
        // Half a megabyte outgrows the socket buffers: refused unread, the upload would meet a reset, not this.
        assertThat(error(response)).contains("65536");
    }
}
