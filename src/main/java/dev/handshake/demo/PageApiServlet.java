package dev.handshake.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handshake.http.BoundedBody;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code /demo/api/*}: what the demo's page asks of the workspace. {@code GET workspace} (who and what is there),
 * {@code GET state?user=…&since=…} (a long poll: answers when anything changed, or after 20 s), and the member's
 * acts: {@code POST type}, {@code click}, {@code submit}, {@code close}, {@code dismiss}, {@code home}, plus
 * {@code POST clock} and {@code GET sample-lead}. Bad input is a 400 naming the problem; acts wait until the sample
 * story is set up.
 */
final class PageApiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final Duration LONG_POLL = Duration.ofSeconds(20);
    private static final int MAX_BODY_BYTES = 256 * 1024;

    private final transient Workspace workspace;
    private final transient Interactions interactions;
    private final transient Clicks clicks;
    private final transient StateView states;
    private final transient DemoClock clock;
    private final transient ClockSteps steps;
    private final transient SampleLeads samples;
    private final transient ObjectNode config;
    private final transient Runnable clockMoved;
    private final transient ObjectMapper json;

    PageApiServlet(Workspace workspace, Interactions interactions, Clicks clicks, StateView states, DemoClock clock,
            ClockSteps steps, SampleLeads samples, ObjectNode config, Runnable clockMoved, ObjectMapper json) {
        this.workspace = Objects.requireNonNull(workspace, "workspace == null");
        this.interactions = Objects.requireNonNull(interactions, "interactions == null");
        this.clicks = Objects.requireNonNull(clicks, "clicks == null");
        this.states = Objects.requireNonNull(states, "states == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
        this.steps = Objects.requireNonNull(steps, "steps == null");
        this.samples = Objects.requireNonNull(samples, "samples == null");
        this.config = Objects.requireNonNull(config, "config == null");
        this.clockMoved = Objects.requireNonNull(clockMoved, "clockMoved == null");
        this.json = Objects.requireNonNull(json, "json == null");
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        switch (path(request)) {
            case "/workspace" -> send(response, 200, config);
            case "/state" -> state(request, response);
            case "/sample-lead" -> send(response, 200,
                    samples.next("demo-" + Long.toString(Instant.now().toEpochMilli(), 36)));
            default -> problem(response, 404, "no such demo endpoint");
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<byte[]> raw = BoundedBody.read(request.getInputStream(), MAX_BODY_BYTES);
        if (raw.isEmpty()) {
            problem(response, 413, "request body too large");
            return;
        }
        JsonNode body;
        try {
            body = json.readTree(raw.get());
        } catch (IOException e) {
            problem(response, 400, "the body is not JSON");
            return;
        }
        if (body == null || !body.isObject()) {
            problem(response, 400, "the body must be a JSON object");
            return;
        }
        if (!workspace.ready()) {
            problem(response, 409, "the demo is still setting up its sample story; try again in a few seconds");
            return;
        }
        String user = text(body, "user");
        if (!path(request).equals("/clock") && (user == null || workspace.cast().person(user).isEmpty())) {
            problem(response, 400, "\"user\" must be a member of the demo's workspace");
            return;
        }
        Function<JsonNode, Outcome> act = switch (path(request)) {
            case "/type" -> b -> interactions.type(user, text(b, "conversation"), text(b, "text"),
                    text(b, "threadTs"));
            case "/click" -> b -> click(user, b);
            case "/submit" -> b -> interactions.submit(user, text(b, "viewId"), b.get("values"));
            case "/close" -> b -> interactions.close(user, text(b, "viewId"));
            case "/dismiss" -> b -> workspace.messages().dismiss(user, text(b, "ephemeral"))
                    ? Outcome.ok() : Outcome.refused("That message is gone.");
            case "/home" -> b -> interactions.openHome(user);
            case "/clock" -> this::moveClock;
            default -> null;
        };
        if (act == null) {
            problem(response, 404, "no such demo endpoint");
            return;
        }
        Outcome outcome = act.apply(body);
        if (outcome.done()) {
            send(response, 200, json.createObjectNode().put("ok", true)
                    .put("version", workspace.changes().version()));
        } else {
            problem(response, 400, outcome.problem());
        }
    }

    private Outcome click(String user, JsonNode body) {
        String blockId = text(body, "blockId");
        String actionId = text(body, "actionId");
        String option = text(body, "option");
        return switch (String.valueOf(text(body, "where"))) {
            case "message" -> clicks.onMessage(user, text(body, "conversation"), text(body, "ts"), blockId, actionId,
                    option);
            case "ephemeral" -> clicks.onEphemeral(user, text(body, "ephemeral"), blockId, actionId, option);
            case "home" -> clicks.onHome(user, blockId, actionId, option);
            default -> Outcome.refused("\"where\" must be message, ephemeral or home");
        };
    }

    private Outcome moveClock(JsonNode body) {
        Optional<ClockSteps.Step> step = ClockSteps.Step.parse(text(body, "step"));
        if (step.isEmpty()) {
            return Outcome.refused("\"step\" must be hour, day or quarter");
        }
        clock.advanceTo(steps.target(step.get(), clock.instant()));
        clockMoved.run();
        workspace.changes().bump();
        return Outcome.ok();
    }

    private void state(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String user = request.getParameter("user");
        if (user == null || workspace.cast().person(user).isEmpty()) {
            problem(response, 400, "\"user\" must be a member of the demo's workspace");
            return;
        }
        long since;
        try {
            since = request.getParameter("since") == null ? -1 : Long.parseLong(request.getParameter("since"));
        } catch (NumberFormatException e) {
            problem(response, 400, "\"since\" must be a version number");
            return;
        }
        long version;
        try {
            version = since < 0 ? workspace.changes().version() : workspace.changes().awaitChange(since, LONG_POLL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problem(response, 503, "the demo is stopping");
            return;
        }
        response.setHeader("Cache-Control", "no-store");
        send(response, 200, states.of(user, version));
    }

    private static String path(HttpServletRequest request) {
        return request.getPathInfo() == null ? "" : request.getPathInfo();
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value == null || !value.isTextual() ? null : value.asText();
    }

    private void problem(HttpServletResponse response, int status, String message) throws IOException {
        send(response, status, json.createObjectNode().put("error", message));
    }

    private void send(HttpServletResponse response, int status, JsonNode body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json; charset=utf-8");
        response.getOutputStream().write(json.writeValueAsBytes(body));
    }
}
