package dev.handshake.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The app's SQLite database: every connection in WAL mode with {@code synchronous=FULL}, a busy timeout and
 * foreign keys on; write transactions begin IMMEDIATE. Connections are reused. Migrations from {@code migrations/}
 * run on open.
 */
public final class Database implements AutoCloseable {

    static final int BUSY_TIMEOUT_MILLIS = 5000;
    /** How long a connection waits for another writer's lock before it reports the database busy. */
    public static final Duration BUSY_TIMEOUT = Duration.ofMillis(BUSY_TIMEOUT_MILLIS);
    /** Connections kept open between requests; more are opened (and closed after use) when all are taken. */
    static final int IDLE_CONNECTIONS = 8;

    private final SQLiteDataSource dataSource;
    private final LockWait lockWait = new LockWait();
    private final PooledConnections connections;
    private final Jdbi jdbi;

    private Database(SQLiteDataSource dataSource) {
        this.dataSource = dataSource;
        this.connections = new PooledConnections(dataSource, IDLE_CONNECTIONS, lockWait, BUSY_TIMEOUT_MILLIS);
        this.jdbi = Jdbi.create(connections)
                .setStatementBuilderFactory(new CachedStatements())
                .installPlugin(new ColumnTypes());
    }

    /** Opens the database at a {@code jdbc:sqlite:} URL, creating its folder, and applies pending migrations. */
    public static Database open(String url) {
        createParentFolder(url);
        NativeLibraryCache.use();
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        config.enforceForeignKeys(true);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl(url);
        try {
            // A new file is put in WAL mode here, on one connection, before the two below use it side by side.
            dataSource.getConnection().close();
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("cannot open the database: " + e.getMessage(), e);
        }
        // Jdbi's first statement costs a few tenths of a second (it registers Jdbi's JFR event and builds its SQL
        // parser), so Jdbi is made ready on its own thread while Flyway migrates rather than after.
        CompletableFuture<Database> ready = CompletableFuture.supplyAsync(() -> {
            Database database = new Database(dataSource);
            database.jdbi.withHandle(handle -> handle.createQuery("SELECT 1").mapTo(Integer.class).one());
            return database;
        }, task -> {
            Thread thread = new Thread(task, "database-open");
            thread.setDaemon(true);
            thread.start();
        });
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .failOnMissingLocations(true)
                .load()
                .migrate();
        try {
            return ready.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /** Closes the idle connections; connections in use are closed when they are given back. */
    @Override
    public void close() {
        connections.close();
    }

    /** Bounds, per thread, how long this database's connections wait for another writer's lock. */
    public LockWait lockWait() {
        return lockWait;
    }

    /** Runs a trivial query and reads the durability pragmas back; throws if the database is unusable. */
    public DatabaseStatus check() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            String journalMode = single(statement, "PRAGMA journal_mode");
            String synchronous = single(statement, "PRAGMA synchronous");
            single(statement, "SELECT count(*) FROM flyway_schema_history");
            return new DatabaseStatus(journalMode, "2".equals(synchronous) ? "full" : synchronous);
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("database check failed: " + e.getMessage(), e);
        }
    }

    private static String single(Statement statement, String sql) throws SQLException {
        try (ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** The file a {@code jdbc:sqlite:} URL names; empty for an in-memory or temporary database. */
    static Optional<Path> file(String url) {
        String path = url.substring("jdbc:sqlite:".length());
        if (path.startsWith("file:")) {
            path = path.substring("file:".length());
        }
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        if (path.isEmpty() || path.equals(":memory:") || url.contains("mode=memory")) {
            return Optional.empty();
        }
        return Optional.of(Path.of(path).toAbsolutePath());
    }

    private static void createParentFolder(String url) {
        Optional<Path> file = file(url);
        if (file.isEmpty()) {
            return;
        }
        Path parent = file.get().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the database folder " + parent, e);
        }
    }
}
