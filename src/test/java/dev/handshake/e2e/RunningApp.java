package dev.handshake.e2e;

import dev.handshake.Handshake;
import dev.handshake.config.Settings;
import dev.handshake.testing.FakeSlack;
import dev.handshake.testing.SlackClient;
import dev.handshake.testing.TestDatabase;
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
import java.util.HashMap;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * The real app, wired exactly as {@code main} wires it, on a free port with a new database (a temporary SQLite file
 * unless told otherwise, or a database of its own on the tests' PostgreSQL server) and pointed at a
 * {@link FakeSlack}; plus a Slack client (signed HTTP requests, or over {@link Transport#SOCKET_MODE} envelopes
 * through the fake's Socket Mode stand-in, which the app then connects to) and a plain HTTP client for the app's own
 * endpoints.
 */
public final class RunningApp implements AutoCloseable {

    public static final String SIGNING_SECRET = "test-signing-secret-8f742231b10e";
    public static final String BOT_TOKEN = "xoxb-test-not-a-real-token";
    public static final String HANDOFF_TOKEN = "handoff-token-for-tests-0123456789";
    public static final String APP_TOKEN = "xapp-1-A0APP00001-1000000000001-test-not-a-real-app-token";
    /** How long start-up may take to have every Socket Mode connection open. */
    private static final Duration CONNECTED_WITHIN = Duration.ofSeconds(15);

    private final FakeSlack slack;
    private final Path dir;
    private final TestDatabase database;
    private final TestDatabase.Created created;
    private final Map<String, String> env;
    private final Clock clock;
    private final Transport transport;
    /** Whether this app made the fake Slack and the database (a replica shares its first app's). */
    private final boolean owner;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Handshake app;

    private RunningApp(FakeSlack slack, Path dir, TestDatabase database, TestDatabase.Created created,
            Map<String, String> env, Clock clock, Transport transport) {
        this.slack = slack;
        this.dir = dir;
        this.database = database;
        this.created = created;
        this.owner = created != null;
        this.env = env;
        this.clock = clock;
        this.transport = transport;
    }

    public static RunningApp start() throws Exception {
        return start(TestDatabase.SQLITE);
    }


    public static RunningApp start(Transport transport) throws Exception {
        return start(TestDatabase.SQLITE, transport, Map.of(), Clock.systemUTC());
    }

    /** Starts with the default test settings, on the setup's database, over its transport. */
    public static RunningApp start(Setup setup) throws Exception {
        return start(setup, Map.of(), Clock.systemUTC());
    }

    /** As {@link #start(Setup)}, the default test settings overridden by {@code overrides}. */
    public static RunningApp start(Setup setup, Map<String, String> overrides, Clock clock) throws Exception {
        return start(setup.database(), setup.transport(), overrides, clock);
    }

    /** As {@link #start(Setup, Map, Clock)}, with the fake Slack set up by {@code prepare} before the app starts. */
    public static RunningApp start(Setup setup, Map<String, String> overrides, Clock clock,
            java.util.function.Consumer<FakeSlack> prepare) throws Exception {
        return start(setup.database(), setup.transport(), overrides, clock, prepare);
    }

    public static RunningApp start(TestDatabase database) throws Exception {
        return start(database, Map.of(), Clock.systemUTC());
    }

    /** Starts on SQLite with the default test settings, overridden by {@code overrides}. */
    public static RunningApp start(Map<String, String> overrides, Clock clock) throws Exception {
        return start(TestDatabase.SQLITE, Transport.HTTP, overrides, clock);
    }

    /** Starts on SQLite with the default test settings for {@code transport}, overridden by {@code overrides}. */
    public static RunningApp start(Transport transport, Map<String, String> overrides, Clock clock) throws Exception {
        return start(TestDatabase.SQLITE, transport, overrides, clock);
    }

    /** Starts on a new database of this kind with the default test settings, overridden by {@code overrides}. */
    public static RunningApp start(TestDatabase database, Map<String, String> overrides, Clock clock)
            throws Exception {
        return start(database, Transport.HTTP, overrides, clock);
    }

    /**
     * Starts on a new database of this kind with the default test settings for {@code transport}, overridden by
     * {@code overrides}; over Socket Mode, returns once every connection is open (a null override removes a setting).
     */
    public static RunningApp start(TestDatabase database, Transport transport, Map<String, String> overrides,
            Clock clock) throws Exception {
        return start(database, transport, overrides, clock, slack -> { });
    }

    /** As {@link #start(Transport, Map, Clock)}, with the fake Slack set up by {@code prepare} before the app starts. */
    public static RunningApp start(Transport transport, Map<String, String> overrides, Clock clock,
            java.util.function.Consumer<FakeSlack> prepare) throws Exception {
        return start(TestDatabase.SQLITE, transport, overrides, clock, prepare);
    }

    /** As {@link #start(TestDatabase, Transport, Map, Clock)}, with the fake Slack set up by {@code prepare} first. */
    public static RunningApp start(TestDatabase database, Transport transport, Map<String, String> overrides,
            Clock clock, java.util.function.Consumer<FakeSlack> prepare) throws Exception {
        FakeSlack slack = FakeSlack.start();
        prepare.accept(slack);
        Path dir = Files.createTempDirectory("handshake-test");
        TestDatabase.Created created = database.create(dir);
        Map<String, String> env = new HashMap<>();
        env.put(Settings.SLACK_BOT_TOKEN, BOT_TOKEN);
        env.put(Settings.SLACK_SIGNING_SECRET, SIGNING_SECRET);
        env.put(Settings.PORT, "0");
        env.putAll(created.env());
        env.put(Settings.AGREEMENT_FILE, "sla.yml");
        env.put(Settings.SLACK_API_URL, slack.apiUrl());
        env.put(Settings.HANDOFF_TOKEN, HANDOFF_TOKEN);
        if (transport == Transport.SOCKET_MODE) {
            slack.startSocketMode(APP_TOKEN);
            env.remove(Settings.SLACK_SIGNING_SECRET);
            env.put(Settings.SLACK_APP_TOKEN, APP_TOKEN);
        }
        overrides.forEach((name, value) -> {
            if (value == null) {
                env.remove(name);
            } else {
                env.put(name, value);
            }
        });
        RunningApp running = new RunningApp(slack, dir, database, created, env, clock, transport);
        try {
            running.startApp();
        } catch (Exception | Error e) {
            slack.close();
            created.drop().run();
            throw e;
        }
        return running;
    }

    /**
     * Another replica of this app: a second instance with the same settings on its own port, sharing this one's
     * database and fake Slack (as replicas behind a load balancer share them). Closing it stops only it.
     */
    public RunningApp replica() throws Exception {
        RunningApp replica = new RunningApp(slack, dir, database, null, env, clock, transport);
        replica.startApp();
        return replica;
    }

    /** Which database the app runs on. */
    public TestDatabase database() {
        return database;
    }

    /** Stops the app and starts it again on the same database, as a restart would. */
    public void restart() throws Exception {
        app.close();
        startApp();
    }

    public void stopApp() {
        app.close();
    }

    /** Starts the app; over Socket Mode with the token the stand-in accepts, returns once it is connected. */
    public void startApp() throws Exception {
        boolean connects = transport == Transport.SOCKET_MODE && APP_TOKEN.equals(env.get(Settings.SLACK_APP_TOKEN));
        int hellos = connects ? slack.socketMode().helloCount() : 0;
        app = Handshake.start(Settings.from(env), clock);
        if (connects) {
            awaitConnections(hellos + Settings.from(env).socketConnections());
        }
    }

    /** Waits until the app opened {@code hellos} connections in all and has all it wants open now. */
    private void awaitConnections(int hellos) throws InterruptedException {
        int wanted = Settings.from(env).socketConnections();
        long deadline = System.nanoTime() + CONNECTED_WITHIN.toNanos();
        while (slack.socketMode().helloCount() < hellos || slack.socketMode().openConnections().size() != wanted) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the app did not open its " + wanted + " Socket Mode connections within "
                        + CONNECTED_WITHIN + ": " + slack.socketMode().openConnections() + " are open");
            }
            Thread.sleep(10);
        }
    }

    public Transport transport() {
        return transport;
    }

    public FakeSlack slack() {
        return slack;
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + app.port());
    }

    /** Sends what Slack sends, the way this app receives it: signed HTTP, or envelopes over Socket Mode. */
    public SlackClient client() {
        SlackClient client = new SlackClient(baseUri(), SIGNING_SECRET, clock).withFakeSlack(slack);
        return transport == Transport.SOCKET_MODE ? client.overSocketMode(slack.socketMode()) : client;
    }

    /** A Jdbi on the app's database, for checking what was committed. */
    public Jdbi db() {
        return Jdbi.create(env.get(Settings.DATABASE_URL));
    }

    /** Runs a query with positional arguments on the app's database and returns the first column of every row. */
    public <T> java.util.List<T> query(Class<T> type, String sql, Object... args) {
        return db().withHandle(handle -> {
            var query = handle.createQuery(sql);
            for (int i = 0; i < args.length; i++) {
                query.bind(i, args[i]);
            }
            return query.mapTo(type).list();
        });
    }

    /** A single number from the app's database, e.g. a count. */
    public long number(String sql, Object... args) {
        return query(Long.class, sql, args).get(0);
    }

    /** Waits until a number from the database reaches {@code expected}; the app commits after Slack answers. */
    public void awaitNumber(long expected, Duration timeout, String sql, Object... args) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long seen = number(sql, args);
        while (seen != expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
            seen = number(sql, args);
        }
        if (seen != expected) {
            throw new AssertionError("expected " + expected + " but the database still says " + seen + " for: " + sql);
        }
    }

    /** The JDBC URL of the app's database (credentials, if any, in it). */
    public String jdbcUrl() {
        return env.get(Settings.DATABASE_URL);
    }

    /** The SQLite file of an app on SQLite. */
    public Path databaseFile() {
        if (database != TestDatabase.SQLITE) {
            throw new IllegalStateException("the app runs on " + database + ", not on a SQLite file");
        }
        return dir.resolve("handshake.db");
    }

    public HttpResponse<String> postHandoff(String json) {
        return post("/handoffs", json, "application/json", "Bearer " + HANDOFF_TOKEN);
    }

    public HttpResponse<String> post(String path, String body, String contentType, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(baseUri().resolve(path))
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.build());
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(baseUri().resolve(path)).timeout(Duration.ofSeconds(20)).GET().build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Stops the app and the fake Slack; fails if the app called a Web API method that an app installed from
     * {@code manifest.yml} could not call (unknown to the fake, or without its scope in the manifest).
     */
    @Override
    public void close() {
        if (app != null) {
            app.close();
        }
        if (!owner) {
            return;
        }
        slack.close();
        created.drop().run();
        if (!slack.contractViolations().isEmpty()) {
            throw new AssertionError("The app made Web API calls an app installed from manifest.yml cannot make "
                    + "(add the scope to the manifest and to testing.SlackScopes, or the method to the fake): "
                    + slack.contractViolations());
        }
    }
}
