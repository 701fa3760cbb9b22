package dev.handshake.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The app's database, SQLite or PostgreSQL as its URL says, migrated on open. SQLite: every connection in WAL mode
 * with {@code synchronous=FULL}, a busy timeout and foreign keys on, write transactions begun IMMEDIATE, connections
 * reused, and one writer thread committing in groups ({@link GroupCommit}). PostgreSQL (15 or newer): a HikariCP
 * pool, a transaction per write on a pooled connection ({@link PostgresTransactions}), shared by any number of
 * replicas. Migrations: those in {@code migrations/common} and those of the database's own folder
 * ({@code migrations/sqlite} or {@code migrations/postgresql}); see ARCHITECTURE.md, "Adding a migration".
 */
public final class Database implements AutoCloseable {

    static final int BUSY_TIMEOUT_MILLIS = 5000;
    /** How often the log is copied into the database file on SQLite, off the writer thread (see GroupCommit). */
    static final Duration CHECKPOINT_EVERY = Duration.ofMillis(250);
    /** How long a connection waits for another writer's lock before it reports the database busy. */
    public static final Duration BUSY_TIMEOUT = Duration.ofMillis(BUSY_TIMEOUT_MILLIS);
    /** Connections kept open between requests; more are opened (and closed after use) when all are taken. */
    static final int IDLE_CONNECTIONS = 8;
    /** How long a PostgreSQL transaction waits for a pooled connection before it reports the database busy. */
    static final int POOL_WAIT_MILLIS = 1000;
    /** The oldest PostgreSQL the app runs on. */
    static final int POSTGRESQL_MIN_VERSION = 15;
    /** Migrations shared by both databases, then each database's own ({vendor} is the dialect's folder). */
    static final String[] MIGRATIONS = {"classpath:db/migration/common", "classpath:db/migration/{vendor}"};

    private final Dialect dialect;
    private final DataSource dataSource;
    private final LockWait lockWait;
    private final Jdbi jdbi;
    private final AutoCloseable connections;

    private Database(Dialect dialect, DataSource dataSource, LockWait lockWait, Jdbi jdbi, AutoCloseable connections) {
        this.dialect = dialect;
        this.dataSource = dataSource;
        this.lockWait = lockWait;
        this.jdbi = jdbi;
        this.connections = connections;
        dialect.install(jdbi);
    }

    /** Opens the database at a {@code jdbc:sqlite:} or {@code jdbc:postgresql:} URL (credentials, if any, in it). */
    public static Database open(String url) {
        return open(DatabaseAccess.of(url));
    }

    /** Opens the database and applies pending migrations; throws naming what is wrong when it cannot. */
    public static Database open(DatabaseAccess access) {
        return switch (access.dialect()) {
            case SQLITE -> openSqlite(access.url());
            case POSTGRESQL -> openPostgresql(access);
        };
    }

    private static Database openSqlite(String url) {
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
            LockWait lockWait = new LockWait();
            PooledConnections connections = new PooledConnections(dataSource, IDLE_CONNECTIONS, lockWait,
                    BUSY_TIMEOUT_MILLIS);
            Database database = new Database(Dialect.SQLITE, dataSource, lockWait, Jdbi.create(connections)
                    .setStatementBuilderFactory(new CachedStatements())
                    .installPlugin(new ColumnTypes()), connections::close);
            database.jdbi.withHandle(handle -> handle.createQuery("SELECT 1").mapTo(Integer.class).one());
            return database;
        }, task -> {
            Thread thread = new Thread(task, "database-open");
            thread.setDaemon(true);
            thread.start();
        });
        migrate(dataSource, Dialect.SQLITE);
        try {
            return ready.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private static Database openPostgresql(DatabaseAccess access) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("handshake-db");
        config.setJdbcUrl(access.url());
        if (access.user() != null) {
            config.setUsername(access.user());
        }
        if (access.password() != null) {
            config.setPassword(access.password());
        }
        config.setMaximumPoolSize(access.poolSize());
        // A write that waits longer than this for a free connection (GatedConnections, in front of the pool), or for
        // the server to take a new one (here), reports the database busy: a Slack request must be answered within 3 s,
        // and a transaction holds a connection for milliseconds, so a longer wait means the pool or the server is
        // overwhelmed or gone.
        config.setConnectionTimeout(POOL_WAIT_MILLIS);
        // A replica must notice a server that went away (restarted, failed over) rather than wait on a dead socket.
        config.addDataSourceProperty("tcpKeepAlive", "true");
        config.addDataSourceProperty("ApplicationName", "handshake");
        // As SQLite's busy timeout: a write waits this long for another transaction's lock, then reports busy.
        config.setConnectionInitSql("SET lock_timeout = " + BUSY_TIMEOUT_MILLIS);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new DatabaseUnavailableException("cannot connect to PostgreSQL at " + access.redactedUrl() + ": "
                    + cause.getMessage(), e);
        }
        try {
            requireSupportedVersion(pool, access);
            migrate(pool, Dialect.POSTGRESQL);
            LockWait lockWait = new LockWait();
            Jdbi jdbi = Jdbi.create(new GatedConnections(pool, access.poolSize(), POOL_WAIT_MILLIS, lockWait));
            return new Database(Dialect.POSTGRESQL, pool, lockWait, jdbi.installPlugin(new ColumnTypes()), pool::close);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private static void requireSupportedVersion(DataSource pool, DatabaseAccess access) {
        try (Connection connection = pool.getConnection()) {
            int major = connection.getMetaData().getDatabaseMajorVersion();
            if (major < POSTGRESQL_MIN_VERSION) {
                throw new DatabaseUnavailableException("PostgreSQL " + POSTGRESQL_MIN_VERSION + " or newer is required;"
                        + " the server at " + access.redactedUrl() + " is version "
                        + connection.getMetaData().getDatabaseProductVersion(), null);
            }
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("cannot read the PostgreSQL server's version at "
                    + access.redactedUrl() + ": " + e.getMessage(), e);
        }
    }

    private static void migrate(DataSource dataSource, Dialect dialect) {
        String[] locations = new String[MIGRATIONS.length];
        for (int i = 0; i < MIGRATIONS.length; i++) {
            locations[i] = MIGRATIONS[i].replace("{vendor}", dialect.vendor());
        }
        Flyway.configure()
                .dataSource(dataSource)
                .locations(locations)
                .failOnMissingLocations(true)
                .load()
                .migrate();
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public Dialect dialect() {
        return dialect;
    }

    /**
     * Starts the runner every write transaction goes through: on SQLite the group-commit writer thread (one fsync
     * per batch), on PostgreSQL a transaction per call on a pooled connection (the server groups commits itself).
     */
    public Transactions startWriter() {
        return switch (dialect) {
            case SQLITE -> new GroupCommit(jdbi, 128, 4096, lockWait).checkpointEvery(CHECKPOINT_EVERY).start();
            case POSTGRESQL -> new PostgresTransactions(jdbi, lockWait);
        };
    }

    /** Closes the idle connections; connections in use are closed when they are given back. */
    @Override
    public void close() {
        try {
            connections.close();
        } catch (Exception e) {
            // Closing is best effort: the process is stopping.
        }
    }

    /** Bounds, per thread, how long this database's connections wait for another writer's lock. */
    public LockWait lockWait() {
        return lockWait;
    }

    /** Runs a trivial query and reads the durability settings back; throws if the database is unusable. */
    public DatabaseStatus check() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            Map<String, String> settings = new LinkedHashMap<>();
            if (dialect == Dialect.SQLITE) {
                settings.put("journal_mode", single(statement, "PRAGMA journal_mode"));
                String synchronous = single(statement, "PRAGMA synchronous");
                settings.put("synchronous", "2".equals(synchronous) ? "full" : synchronous);
            } else {
                settings.put("server_version", single(statement, "SHOW server_version"));
                settings.put("synchronous_commit", single(statement, "SHOW synchronous_commit"));
                settings.put("fsync", single(statement, "SHOW fsync"));
            }
            single(statement, "SELECT count(*) FROM flyway_schema_history");
            return new DatabaseStatus(dialect, settings);
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
