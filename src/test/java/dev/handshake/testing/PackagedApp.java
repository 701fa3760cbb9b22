package dev.handshake.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The packaged app ({@code target/handshake.jar}) as its own process on one SQLite file (or the database its
 * {@code DATABASE_URL} names), pointed at a {@link FakeSlack}, that a test can kill with SIGKILL and start again on the
 * same port and the same database.
 */
public final class PackagedApp implements AutoCloseable {

    public static final String BOT_TOKEN = "xoxb-packaged-0000000000-0000000000000-packagedpackaged";
    public static final String SIGNING_SECRET = "packaged-signing-secret-5c1e90b7a2";
    public static final String HANDOFF_TOKEN = "packaged-handoff-token-7d3f1a9e0c2b";

    private final Path jar;
    private final Path dir;
    private final Path database;
    private final List<String> jvmArgs;
    private final Map<String, String> env;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private AppProcess process;
    private int starts;

    private PackagedApp(Path jar, Path dir, List<String> jvmArgs, Map<String, String> env) {
        this.jar = jar;
        this.dir = dir;
        this.database = dir.resolve("handshake.db");
        this.jvmArgs = List.copyOf(jvmArgs);
        this.env = Map.copyOf(env);
        try {
            this.port = AppProcess.freePort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Describes an app to start; nothing runs until {@link Builder#start()}. */
    public static Builder builder(FakeSlack slack) {
        return new Builder(slack);
    }

    /** The jar {@code mvn package} builds; fails with the command to run when it is missing. */
    public static Path jar() {
        Path jar = Path.of("target", "handshake.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run `mvn -DskipTests package` (or `mvn verify`) first");
        }
        return jar;
    }

    /** Starts the process (again) and waits until {@code /health} answers; returns the time that took. */
    public Duration start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("already running as pid " + process.pid());
        }
        try {
            process = AppProcess.start(jvmArgs, List.of("-jar", jar.toString()), env, dir.resolve("app.log"), port);
            starts++;
            return process.awaitReady(http, "/health", true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting", e);
        }
    }

    /** {@code kill -9} the running process. */
    public void kill() {
        requireStarted().kill();
    }

    /** SIGTERM, waiting for the graceful shutdown; returns the exit code. */
    public int stop() {
        return requireStarted().stop();
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** How many times the process was started. */
    public int starts() {
        return starts;
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    /** The SQLite file (with its {@code -wal} and {@code -shm} beside it). */
    public Path database() {
        return database;
    }

    /** The app's {@code DATABASE_URL} ({@code jdbc:sqlite:<file>} unless told otherwise), for a test that reads it. */
    public String jdbcUrl() {
        return env.get("DATABASE_URL");
    }

    public Path directory() {
        return dir;
    }

    /** Everything the process printed, across every start. */
    public Path log() {
        return dir.resolve("app.log");
    }

    public String logText() {
        try {
            return Files.exists(log()) ? Files.readString(log()) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the process has printed {@code text}; fails with the log after {@code within}. */
    public void awaitLog(String text, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!logText().contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the app did not log \"" + text + "\" within " + within + ":\n" + logText());
            }
            Thread.sleep(100);
        }
    }

    /** A Slack client that signs with this app's secret, posting to this app. */
    public SlackClient slackClient(FakeSlack slack) {
        return new SlackClient(base(), SIGNING_SECRET, Clock.systemUTC()).withFakeSlack(slack);
    }

    public AppProcess process() {
        return requireStarted();
    }

    private AppProcess requireStarted() {
        if (process == null) {
            throw new IllegalStateException("never started");
        }
        return process;
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.close();
        }
    }

    /** Settings for a {@link PackagedApp}. */
    public static final class Builder {
        private final FakeSlack slack;
        private final List<String> jvmArgs = new ArrayList<>(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"));
        private final Map<String, String> env = new HashMap<>();
        private Path agreement = Path.of("sla.yml").toAbsolutePath();
        private Path dir;

        private Builder(FakeSlack slack) {
            this.slack = Objects.requireNonNull(slack, "slack == null");
        }

        /** The agreement file (default: the repository's example {@code sla.yml}). */
        public Builder agreement(Path file) {
            this.agreement = file.toAbsolutePath();
            return this;
        }

        /** The folder for the database and the log (default: a new temporary folder). */
        public Builder directory(Path dir) {
            this.dir = dir;
            return this;
        }

        /** One more environment variable (overrides the defaults). */
        public Builder env(String name, String value) {
            env.put(name, value);
            return this;
        }

        /** One more JVM option. */
        public Builder jvm(String option) {
            jvmArgs.add(option);
            return this;
        }

        /** Builds the app without starting it. */
        public PackagedApp build() {
            try {
                Path folder = dir != null ? dir : Files.createTempDirectory("handshake-packaged-");
                Files.createDirectories(folder);
                Map<String, String> all = new HashMap<>();
                all.put("SLACK_BOT_TOKEN", BOT_TOKEN);
                all.put("SLACK_SIGNING_SECRET", SIGNING_SECRET);
                all.put("HANDOFF_TOKEN", HANDOFF_TOKEN);
                all.put("SLACK_API_URL", slack.apiUrl());
                all.put("DATABASE_URL", "jdbc:sqlite:" + folder.resolve("handshake.db"));
                all.put("AGREEMENT_FILE", agreement.toString());
                all.putAll(env);
                return new PackagedApp(jar(), folder, jvmArgs, all);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Builds and starts the app, waiting until it answers. */
        public PackagedApp start() {
            PackagedApp app = build();
            app.start();
            return app;
        }
    }
}
