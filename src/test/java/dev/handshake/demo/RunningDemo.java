package dev.handshake.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The demo started in this JVM on a free port with its data in a temporary directory, and clients for what talks to
 * it: the page's endpoints, the app's intake, and the Slack SDK pointed at the stand-in (as the app's client is).
 */
final class RunningDemo implements AutoCloseable {

    static final String AVA = "U05SDRAVA01";
    static final String BEN = "U05SDRBEN02";
    static final String DANA = "U04DWHITFLD";
    static final String MARCUS = "U04MBELL0SL";
    static final String SALES = "C06SALESLEA";
    static final String MARKETING = "C06MARKETIN";
    static final String REVOPS = "C06REVOPS00";

    final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Path dir;
    private final Demo demo;

    private RunningDemo(Path dir, Demo demo) {
        this.dir = dir;
        this.demo = demo;
    }

    /** A demo without the sample story: an empty workspace, ready at once. */
    static RunningDemo empty() throws Exception {
        return start(false, Clock.systemUTC());
    }

    static RunningDemo start(boolean story, Clock realClock) throws Exception {
        return start(Files.createTempDirectory("handshake-demo-test"), false, story, realClock);
    }

    /** A demo on the data in {@code dir} (if any), as {@code demo} or {@code demo --fresh} starts it there. */
    static RunningDemo start(Path dir, boolean fresh, boolean story, Clock realClock) throws Exception {
        return new RunningDemo(dir, Demo.start(new Demo.Options(dir.resolve("data"), 0, fresh, story, realClock)));
    }

    Path directory() {
        return dir;
    }

    Demo demo() {
        return demo;
    }

    Path data() {
        return dir.resolve("data");
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + demo.port());
    }

    /** The Slack SDK's client for the stand-in, with the app's bot token. */
    MethodsClient slack() {
        return slack(demo.botToken());
    }

    MethodsClient slack(String token) {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(base() + "/demo/slack/api/");
        config.setStatsEnabled(false);
        return Slack.getInstance(config).methods(token);
    }

    /** What the page shows {@code user} now. */
    JsonNode state(String user) {
        return json(get("/demo/api/state?user=" + user));
    }

    List<JsonNode> messages(String user, String conversation) {
        List<JsonNode> out = new ArrayList<>();
        state(user).path("messages").path(conversation).forEach(out::add);
        return out;
    }

    /** Waits for a message of {@code conversation} that passes {@code test}, as {@code user} sees it. */
    JsonNode awaitMessage(String user, String conversation, Predicate<JsonNode> test) throws InterruptedException {
        return await("a message in " + conversation, () -> messages(user, conversation).stream().filter(test)
                .reduce((first, second) -> second));
    }

    <T> T await(String what, java.util.function.Supplier<Optional<T>> probe) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<T> found = probe.get();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("waited 15 s in vain for " + what);
    }

    HttpResponse<String> handoff(String body) {
        return send(HttpRequest.newBuilder(base().resolve("/handoffs"))
                .header("Authorization", "Bearer " + demo.handoffToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
    }

    /** A POST to one of the page's endpoints ({@code /demo/api/<path>}). */
    HttpResponse<String> page(String path, String body) {
        return post("/demo/api/" + path, body, "application/json");
    }

    HttpResponse<String> post(String path, String body, String contentType) {
        return send(HttpRequest.newBuilder(base().resolve(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(base().resolve(path)).GET().build());
    }

    JsonNode json(HttpResponse<String> response) {
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        demo.close();
    }
}
