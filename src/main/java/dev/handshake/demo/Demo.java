package dev.handshake.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.handshake.Handshake;
import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.AgreementLoader;
import dev.handshake.agreement.Persona;
import dev.handshake.agreement.Stage;
import dev.handshake.clock.BusinessHours;
import dev.handshake.config.Settings;
import dev.handshake.db.DatabaseAccess;
import jakarta.servlet.http.HttpServlet;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo: the real app (same listeners, database code, deliveries and timers) on its own database, with a
 * built-in stand-in for Slack and a small Slack-like page served by the same web server, on a clock the page can move
 * forward. Its data lives in {@code <data>/demo.db} and {@code <data>/demo-workspace.json}.
 */
public final class Demo implements AutoCloseable {

    /** How to run the demo: where its data lives, on which port (0: any free one), and whether to start over. */
    public record Options(Path dataDirectory, int port, boolean fresh, boolean sampleStory, Clock realClock) {

        public Options {
            Objects.requireNonNull(dataDirectory, "dataDirectory == null");
            Objects.requireNonNull(realClock, "realClock == null");
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
            }
        }
    }

    static final String DATABASE = "demo.db";
    static final String WORKSPACE = "demo-workspace.json";
    static final String AGREEMENT = "demo-sla.yml";
    private static final String RESOURCES = "/dev/handshake/demo/";
    private static final Logger log = LoggerFactory.getLogger(Demo.class);

    private final Handshake app;
    private final WorkspaceFile workspaceFile;
    private final Workspace workspace;
    private final DemoClock clock;
    private final int port;
    private final String handoffToken;
    private final String botToken;
    private final Thread story;

    private Demo(Handshake app, WorkspaceFile workspaceFile, Workspace workspace, DemoClock clock, int port,
            String handoffToken, String botToken, Thread story) {
        this.app = app;
        this.workspaceFile = workspaceFile;
        this.workspace = workspace;
        this.clock = clock;
        this.port = port;
        this.handoffToken = handoffToken;
        this.botToken = botToken;
        this.story = story;
    }

    /** Starts the app and the demo around it; a fresh start plays the sample story in the background. */
    public static Demo start(Options options) throws Exception {
        ObjectMapper json = new ObjectMapper();
        Path data = options.dataDirectory();
        Files.createDirectories(data);
        Path database = data.resolve(DATABASE);
        WorkspaceFile workspaceFile = new WorkspaceFile(data.resolve(WORKSPACE));
        Optional<WorkspaceFile.Saved> saved = workspaceFile.read();
        boolean fresh = options.fresh() || saved.isEmpty() || !saved.get().seeded() || !Files.exists(database);
        if (fresh) {
            for (String name : List.of(DATABASE, DATABASE + "-wal", DATABASE + "-shm", DATABASE + "-journal",
                    WORKSPACE)) {
                Files.deleteIfExists(data.resolve(name));
            }
            saved = Optional.empty();
        }
        String agreementText = resource("sla.yml");
        Path agreementFile = data.resolve(AGREEMENT);
        Files.writeString(agreementFile, agreementText, StandardCharsets.UTF_8);
        Agreement agreement = new AgreementLoader().parse("sla.yml", agreementText).agreement();
        BusinessHours hours = new BusinessHours(agreement.calendar());
        ClockSteps steps = new ClockSteps(hours, agreement.review().time());

        Instant today = steps.freshNow(options.realClock().instant());
        DemoClock clock = saved.isPresent()
                ? new DemoClock(options.realClock(), Duration.ofMillis(saved.get().clockOffsetMillis()))
                : DemoClock.startingAt(options.realClock(), options.sampleStory() ? steps.dayBefore(today) : today);
        int port = options.port() == 0 ? freePort() : options.port();
        String base = "http://127.0.0.1:" + port;
        String botToken = "xoxb-demo-" + random(12);
        String signingSecret = random(16);
        String handoffToken = random(16);

        DemoCast cast = DemoCast.forAgreement(agreement);
        Workspace workspace = new Workspace(cast, clock);
        workspaceFile.attach(workspace, clock, saved.orElse(null));
        ResponseUrlAnswers answers = new ResponseUrlAnswers(workspace);
        Payloads payloads = new Payloads(workspace, json);
        WebApi api = new WebApi(workspace, payloads, base + "/demo/slack/upload/", base + "/demo");
        SignedRequests requests = new SignedRequests(URI.create(base + "/slack/events"), signingSecret, clock, json);
        ObjectNode manifest = (ObjectNode) new ObjectMapper(new YAMLFactory()).readTree(resource("manifest.yml"));
        JsonNode command = manifest.path("features").path("slash_commands").path(0);
        Interactions interactions = new Interactions(workspace, requests, answers, payloads,
                base + "/demo/slack/hooks/", command.path("command").asText("/sla"));
        Clicks clicks = new Clicks(workspace, requests, payloads, base + "/demo/slack/hooks/");
        SampleLeads samples = new SampleLeads(agreement, json);
        ObjectNode config = config(cast, agreement, command, handoffToken, json);

        Map<String, HttpServlet> servlets = new LinkedHashMap<>();
        PageServlet page = new PageServlet();
        servlets.put("/demo", page);
        servlets.put("/demo/assets/*", page);
        servlets.put("/demo/api/*", new PageApiServlet(workspace, interactions, clicks,
                new StateView(workspace, hours, json), clock, steps, samples, config, workspaceFile::save, json));
        servlets.put("/demo/slack/*", new StandInServlet(api, answers, workspace, json, botToken));
        servlets.put("/demo/files/*", new FilesServlet(workspace.uploads()));

        Settings settings = new Settings(botToken, signingSecret, port, "jdbc:sqlite:" + database, agreementFile,
                base + "/demo/slack/api/", handoffToken, Duration.ofSeconds(60), null,
                Settings.DEFAULT_SOCKET_CONNECTIONS, Map.of(), null, null, DatabaseAccess.DEFAULT_POOL_SIZE);
        Handshake app = Handshake.start(settings, clock, servlets);

        Thread story = null;
        if (fresh && options.sampleStory()) {
            DemoSeed seed = new DemoSeed(workspace, interactions, clicks, clock, samples, agreement, URI.create(base),
                    handoffToken, json);
            story = new Thread(() -> play(seed, today, workspace, workspaceFile), "demo-story");
            story.setDaemon(true);
            story.start();
        } else if (fresh) {
            workspace.markSeeded(true);
        }
        return new Demo(app, workspaceFile, workspace, clock, port, handoffToken, botToken, story);
    }

    private static void play(DemoSeed seed, Instant today, Workspace workspace, WorkspaceFile file) {
        try {
            seed.run(today);
            workspace.markSeeded(true);
            file.save();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.error("The demo could not set up its sample story ({}); the next start tries again.",
                    e.getMessage(), e);
            workspace.markStoryFailed();
        }
    }

    /** The page's address, e.g. {@code http://localhost:3000/demo}. */
    public String pageUrl() {
        return "http://localhost:" + port + "/demo";
    }

    public int port() {
        return port;
    }

    /** The bot token the app's Slack client sends the stand-in. */
    String botToken() {
        return botToken;
    }

    /** The demo's {@code HANDOFF_TOKEN}, for {@code POST /handoffs}. */
    public String handoffToken() {
        return handoffToken;
    }

    public DemoClock clock() {
        return clock;
    }

    /** Whether the sample story is set up (always, once a demo started on existing data). */
    public boolean ready() {
        return workspace.ready();
    }

    /** Waits until {@link #ready()}; false if {@code timeout} passed first. */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ready() && System.nanoTime() < deadline) {
            workspace.changes().awaitChange(workspace.changes().version(), Duration.ofMillis(200));
        }
        return ready();
    }

    @Override
    public void close() {
        if (story != null) {
            story.interrupt();
        }
        // Ends the page's long polls now rather than when they time out.
        workspace.changes().bump();
        app.close();
        workspaceFile.close();
    }

    private static ObjectNode config(DemoCast cast, Agreement agreement, JsonNode command, String handoffToken,
            ObjectMapper json) {
        ObjectNode config = json.createObjectNode();
        config.putObject("team").put("id", DemoCast.TEAM_ID).put("name", DemoCast.TEAM_NAME)
                .put("domain", DemoCast.TEAM_DOMAIN);
        config.putObject("bot").put("id", DemoCast.BOT_USER_ID).put("name", DemoCast.APP_NAME);
        config.putObject("command").put("name", command.path("command").asText("/sla"))
                .put("description", command.path("description").asText(""))
                .put("usageHint", command.path("usage_hint").asText(""));
        ArrayNode people = config.putArray("people");
        cast.people().forEach(p -> people.addObject().put("id", p.id()).put("handle", p.handle())
                .put("realName", p.realName()).put("title", p.title()).put("role", p.role())
                .put("email", p.email()).put("color", p.color()));
        ArrayNode channels = config.putArray("channels");
        cast.channels().forEach(c -> channels.addObject().put("id", c.id()).put("name", c.name())
                .put("topic", c.topic()));
        ArrayNode groups = config.putArray("groups");
        cast.groups().forEach(g -> groups.addObject().put("id", g.id()).put("handle", g.handle())
                .put("name", g.name()));
        ObjectNode intake = config.putObject("intake").put("token", handoffToken).put("path", "/handoffs");
        ArrayNode personas = intake.putArray("personas");
        for (Persona persona : agreement.personas()) {
            personas.addObject().put("id", persona.id()).put("name", persona.name());
        }
        String stage = agreement.handoff().stages().isEmpty() ? "mql" : agreement.handoff().stages().get(0).stage();
        intake.put("stage", stage);
        ArrayNode criteria = intake.putArray("criteria");
        agreement.stage(stage).map(Stage::entryCriteria).orElse(List.of()).forEach(criteria::add);
        ArrayNode assignees = intake.putArray("assignees");
        agreement.handoff().reps().forEach(assignees::add);
        config.putObject("agreement").put("name", agreement.name()).put("version", agreement.version())
                .put("zone", agreement.calendar().zone().getId())
                .put("salesChannel", cast.channel(agreement.handoff().salesChannel(), false)
                        .map(DemoCast.Channel::id).orElse(""));
        return config;
    }

    private static String resource(String name) {
        try (InputStream in = Demo.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not in the jar; build it with `mvn package`");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        new SecureRandom().nextBytes(value);
        return HexFormat.of().formatHex(value);
    }
}
