package dev.handshake.db;

import java.util.Locale;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatements;

/**
 * Everything the app's SQL does differently on SQLite and on PostgreSQL, in one place; the rest of the SQL is the same
 * on both. Chosen from the JDBC URL. Store classes use it through attributes defined on their {@link Jdbi}:
 * {@code <forUpdate>} locks the rows a transaction reads before it changes them, as an {@code UPDATE} of non-key
 * columns would, and {@code <forUpdateSkipLocked>} passes over rows another transaction holds (PostgreSQL, where
 * other replicas' transactions run at the same time; nothing on SQLite, whose write transactions run one at a time);
 * {@code <notIndexed>} before a column keeps SQLite's planner off that column's index.
 */
public enum Dialect {

    SQLITE("sqlite", "", "", "+") {
        @Override
        public void beforeLongRead(Handle handle) {
            // Per connection: a long read visits the same index pages query after query, so keep them in memory.
            handle.execute("PRAGMA cache_size = -65536");
            handle.execute("PRAGMA mmap_size = 268435456");
        }

        @Override
        public void lockTable(Handle handle, String table) {
            // A SQLite write transaction (begun IMMEDIATE) already excludes every other writer.
        }

        @Override
        public String median(String column) {
            return "median(" + column + ")";
        }
    },

    POSTGRESQL("postgresql", "FOR NO KEY UPDATE", "FOR NO KEY UPDATE SKIP LOCKED", "") {
        @Override
        public void beforeLongRead(Handle handle) {}

        @Override
        public void lockTable(Handle handle, String table) {
            // EXCLUSIVE lets other transactions read the table but not change it until this transaction ends.
            handle.execute("LOCK TABLE " + table + " IN EXCLUSIVE MODE");
        }

        @Override
        public String median(String column) {
            return "percentile_cont(0.5) WITHIN GROUP (ORDER BY " + column + ")";
        }
    };

    static final String SQLITE_PREFIX = "jdbc:sqlite:";
    static final String POSTGRESQL_PREFIX = "jdbc:postgresql:";
    private static final String ATTRIBUTE = "dialect";

    private final String vendor;
    private final String forUpdate;
    private final String forUpdateSkipLocked;
    private final String notIndexed;

    Dialect(String vendor, String forUpdate, String forUpdateSkipLocked, String notIndexed) {
        this.vendor = vendor;
        this.forUpdate = forUpdate;
        this.forUpdateSkipLocked = forUpdateSkipLocked;
        this.notIndexed = notIndexed;
    }

    /** The dialect of a JDBC URL; throws naming the two the app supports for any other. */
    public static Dialect of(String jdbcUrl) {
        String url = jdbcUrl == null ? "" : jdbcUrl.trim().toLowerCase(Locale.ROOT);
        if (url.startsWith(SQLITE_PREFIX)) {
            return SQLITE;
        }
        if (url.startsWith(POSTGRESQL_PREFIX)) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException("not a SQLite (jdbc:sqlite:…) or PostgreSQL (jdbc:postgresql://…) JDBC URL");
    }

    /** The dialect a {@link Database} installed on this handle's Jdbi. */
    public static Dialect of(Handle handle) {
        return installed(handle.getConfig(SqlStatements.class));
    }

    /** The dialect a {@link Database} installed on this Jdbi. */
    public static Dialect of(Jdbi jdbi) {
        return installed(jdbi.getConfig(SqlStatements.class));
    }

    private static Dialect installed(SqlStatements config) {
        if (config.getAttribute(ATTRIBUTE) instanceof Dialect dialect) {
            return dialect;
        }
        throw new IllegalStateException("this Jdbi has no SQL dialect: open the database with Database.open");
    }

    /** The folder of this database's own migrations, under {@code migrations/} (Flyway's name for it). */
    public String vendor() {
        return vendor;
    }

    /**
     * Whether several processes (replicas) may share the database, so that work must be claimed in the database
     * rather than by one process's memory: PostgreSQL. A SQLite database belongs to one process.
     */
    public boolean sharedByReplicas() {
        return this == POSTGRESQL;
    }

    /** Prepares a connection for a read of many rows (the stats). */
    public abstract void beforeLongRead(Handle handle);

    /** Keeps other transactions from changing {@code table} (one of ours, never user input) until this one ends. */
    public abstract void lockTable(Handle handle, String table);

    /**
     * The aggregate of the median of {@code column} (one of ours, never user input), a {@code FILTER} clause allowed
     * after it: the middle value, or the mean of the two middle ones, as a double; NULL over no rows.
     */
    public abstract String median(String column);

    /** Defines this dialect's SQL attributes on {@code jdbi}. */
    void install(Jdbi jdbi) {
        jdbi.define(ATTRIBUTE, this)
                .define("forUpdate", forUpdate)
                .define("forUpdateSkipLocked", forUpdateSkipLocked)
                .define("notIndexed", notIndexed);
    }
}
