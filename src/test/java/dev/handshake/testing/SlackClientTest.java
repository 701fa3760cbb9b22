package dev.handshake.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Checks the bytes and headers {@link SlackClient} puts on the wire, as a capturing server receives them. */
class SlackClientTest {

    private static final String SECRET = "test-signing-secret-0123456789";
    // "Grüße & <b> 100% + ümlaut – 日本"
    static final String AWKWARD_TEXT = "Gr\u00fc\u00dfe & <b> 100% + \u00fcmlaut \u2013 \u65e5\u672c";


    private final Instant now = Instant.ofEpochSecond(1_764_300_000L);
    private HttpServer server;
    private final BlockingQueue<Captured> captured = new LinkedBlockingQueue<>();
    private SlackClient client;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders()
                    .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
            captured.add(new Captured(exchange.getRequestURI().getPath(), body, headers));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        client = new SlackClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"), SECRET,
                Clock.fixed(now, ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void slashCommandIsAFormInSlacksFieldOrderSignedOverTheExactBytes() throws Exception {
        client.slashCommand(SlashCommand.of("/sla", AWKWARD_TEXT)
                .withUser("U0DANA0001", "dana")
                .withChannel("C0SALES001", "sales")
                .withTriggerId("1.2.abc")
                .withResponseUrl("http://127.0.0.1:9/hooks/x"));

        Captured request = captured.poll(5, TimeUnit.SECONDS);
        assertThat(request.path()).isEqualTo("/slack/events");
        assertThat(request.text()).isEqualTo("token=" + SlackClient.VERIFICATION_TOKEN
                + "&team_id=T0TEST0001&team_domain=handshake-test&channel_id=C0SALES001&channel_name=sales"
                + "&user_id=U0DANA0001&user_name=dana&command=%2Fsla"
                + "&text=Gr%C3%BC%C3%9Fe+%26+%3Cb%3E+100%25+%2B+%C3%BCmlaut+%E2%80%93+%E6%97%A5%E6%9C%AC"
                + "&api_app_id=A0APP00001&is_enterprise_install=false"
                + "&response_url=http%3A%2F%2F127.0.0.1%3A9%2Fhooks%2Fx&trigger_id=1.2.abc");
        assertThat(request.headers()).containsEntry("content-type", "application/x-www-form-urlencoded")
                .containsEntry("x-slack-request-timestamp", "1764300000")
                .containsEntry("x-slack-signature", new SlackSigner(SECRET).sign(1_764_300_000L, request.text()));
    }

    @Test
    void interactionIsOnePayloadFieldOfCompactJson() throws Exception {
        client.blockAction(BlockAction.button("lead_accept").withValue(AWKWARD_TEXT));

        Captured request = captured.poll(5, TimeUnit.SECONDS);
        assertThat(request.text()).startsWith("payload=").doesNotContain("&");
        String json = FormCodec.decode(request.text()).get("payload");
        assertThat(json).doesNotContain("\n").doesNotContain("\r");
        assertThat(Json.parse(json).path("actions").get(0).path("value").asText()).isEqualTo(AWKWARD_TEXT);
        assertThat(Json.parse(json).path("actions").get(0).path("action_ts").asText())
                .isEqualTo("1764300000.000000");
        assertThat(request.headers().get("x-slack-signature"))
                .isEqualTo(new SlackSigner(SECRET).sign(1_764_300_000L, request.text()));
    }

    @Test
    void eventIsCompactJsonEvenWhenTheFixtureIsATextBlockAndCarriesRetryHeaders() throws Exception {
        client.event("""
                {
                  "type": "app_mention",
                  "text": "hi"
                }
                """, "Ev0FIXED001", 2);

        Captured request = captured.poll(5, TimeUnit.SECONDS);
        assertThat(request.text()).doesNotContain("\n").doesNotContain("\r")
                .contains("\"event\":{\"type\":\"app_mention\",\"text\":\"hi\"}")
                .contains("\"event_id\":\"Ev0FIXED001\"")
                .contains("\"event_time\":1764300000");
        assertThat(request.headers()).containsEntry("content-type", "application/json")
                .containsEntry("x-slack-retry-num", "2")
                .containsEntry("x-slack-retry-reason", "http_timeout");
        assertThat(request.bytes()).isEqualTo(request.text().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void rawSendsTheBodyAndSignatureItIsGiven() throws Exception {
        client.raw("a=b\n", "text/plain", Map.of("X-Extra", "1"), 42L, "v0=forged");

        Captured request = captured.poll(5, TimeUnit.SECONDS);
        assertThat(request.text()).isEqualTo("a=b\n");
        assertThat(request.headers()).containsEntry("x-slack-signature", "v0=forged")
                .containsEntry("x-slack-request-timestamp", "42")
                .containsEntry("x-extra", "1");
    }

    private record Captured(String path, byte[] bytes, Map<String, String> headers) {
        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

}
