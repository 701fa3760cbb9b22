package dev.handshake.db;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.sqlite.SQLiteConfig;

/**
 * Copies the app's SQLite database into an empty PostgreSQL database, so that a team moving to replicas keeps its
 * history. The SQLite file is first brought to this version's schema (as the app would on start), then read in one
 * read transaction: under WAL that is one consistent snapshot, and the running app's writers are not blocked. The
 * PostgreSQL database gets the same schema through its own migrations and every row in one transaction (parents before
 * the rows that refer to them), keeps every id, has its identity sequences moved past the highest id, is then
 * counted table by table against the snapshot's counts, and vacuumed and analysed. Rows the app's triggers keep (the
 * funnel) are copied as they are, with the triggers off during the copy. A target that holds anything is refused; a
 * copy that fails leaves no row behind (only the schema, which a new attempt accepts).
 */
public final class CopyToPostgres {

    /** What one copy moved: the rows of every table, counted in the snapshot and again in the target. */
    public record Copied(Map<String, Long> rows, Duration took) {
        public Copied {
            rows = Collections.unmodifiableMap(new LinkedHashMap<>(rows));
        }
    }

    /** The copy was not made; the message says why. Nothing was written to the target but, at most, its schema. */
    public static class CopyFailedException extends RuntimeException {
        CopyFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The target holds tables or rows of its own; it was left as it was. */
    public static final class TargetNotEmptyException extends CopyFailedException {
        TargetNotEmptyException(String message) {
            super(message, null);
        }
    }

    /** Flyway's own table: each database keeps the history of its own migrations. */
    static final String HISTORY = "flyway_schema_history";
    private static final int BATCH = 1000;

    private final String sourceUrl;
    private final DatabaseAccess target;

    /** {@code sourceUrl}: the app's {@code jdbc:sqlite:} URL; {@code target}: an empty PostgreSQL database. */
    public CopyToPostgres(String sourceUrl, DatabaseAccess target) {
        this.sourceUrl = Objects.requireNonNull(sourceUrl, "sourceUrl == null");
        this.target = Objects.requireNonNull(target, "target == null");
        if (Dialect.of(sourceUrl) != Dialect.SQLITE) {
            throw new IllegalArgumentException("the database to copy (DATABASE_URL) must be a SQLite file, was "
                    + DatabaseAccess.redact(sourceUrl));
        }
        if (target.dialect() != Dialect.POSTGRESQL) {
            throw new IllegalArgumentException("the target must be a PostgreSQL JDBC URL (jdbc:postgresql://…), was "
                    + target.redactedUrl());
        }
    }

    public Copied copy() {
        long started = System.nanoTime();
        Path file = Database.file(sourceUrl).orElseThrow(() -> new CopyFailedException(
                DatabaseAccess.redact(sourceUrl) + " is an in-memory database; there is nothing to copy", null));
        if (!Files.isRegularFile(file)) {
            throw new CopyFailedException("there is no database at " + file + " (DATABASE_URL)", null);
        }
        try (Connection check = connectTarget()) {
            requireEmpty(check);
        } catch (SQLException e) {
            throw new CopyFailedException("cannot connect to " + target.redactedUrl() + ": " + e.getMessage(), e);
        }
        // Both schemas at this version: the file as the app would migrate it on start, the target from scratch.
        Database.open(sourceUrl).close();
        Database.open(target).close();
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(Database.BUSY_TIMEOUT_MILLIS);
        try (Connection source = config.createConnection("jdbc:sqlite:" + file); Connection into = connectTarget()) {
            source.setAutoCommit(false);
            into.setAutoCommit(false);
            requireEmpty(into);
            List<String> tables = tablesInCopyOrder(source, into);
            Map<String, Long> counted = new LinkedHashMap<>();
            for (String table : tables) {
                // The first read begins the snapshot; every later one, the counts included, reads the same.
                counted.put(table, count(source, table));
            }
            // The rows the app's triggers derive (funnel_leads) are copied as they are, not derived a second time.
            userTriggers(into, tables, "DISABLE");
            for (String table : tables) {
                long copied = copyTable(source, into, table);
                if (copied != counted.get(table)) {
                    throw new CopyFailedException(table + ": read " + copied + " rows but counted " + counted.get(table)
                            + " in the same snapshot", null);
                }
            }
            userTriggers(into, tables, "ENABLE");
            moveSequencesPastHighestIds(into);
            into.commit();
            source.rollback();
            for (String table : tables) {
                long there = count(into, table);
                if (there != counted.get(table)) {
                    throw new CopyFailedException(table + ": " + counted.get(table) + " rows in the SQLite snapshot but "
                            + there + " in PostgreSQL after the copy", null);
                }
            }
            // Statistics for the planner and the visibility map for index-only scans (the stats read only indexes),
            // now rather than whenever autovacuum comes round to the new rows.
            into.setAutoCommit(true);
            try (Statement vacuum = into.createStatement()) {
                vacuum.execute("VACUUM (ANALYZE)");
            }
            return new Copied(counted, Duration.ofNanos(System.nanoTime() - started));
        } catch (SQLException e) {
            throw new CopyFailedException("the copy failed and was rolled back, no row was written: " + e.getMessage(),
                    e);
        }
    }

    private Connection connectTarget() throws SQLException {
        Properties login = new Properties();
        if (target.user() != null) {
            login.setProperty("user", target.user());
        }
        if (target.password() != null) {
            login.setProperty("password", target.password());
        }
        login.setProperty("reWriteBatchedInserts", "true");
        return DriverManager.getConnection(target.url(), login);
    }

    /**
     * Accepts a database with no table, or with exactly the app's schema (a copy that failed after migrating) and
     * no row in any of its tables.
     */
    private static void requireEmpty(Connection into) throws SQLException {
        Set<String> tables = tables(into);
        if (tables.isEmpty()) {
            return;
        }
        if (!tables.contains(HISTORY)) {
            throw new TargetNotEmptyException("the target database already holds " + tables.size() + " tables ("
                    + String.join(", ", new ArrayList<>(tables).subList(0, Math.min(5, tables.size())))
                    + "); copy into a new, empty database");
        }
        List<String> withRows = new ArrayList<>();
        for (String table : tables) {
            if (!table.equals(HISTORY) && count(into, table) > 0) {
                withRows.add(table);
            }
        }
        if (!withRows.isEmpty()) {
            throw new TargetNotEmptyException("the target database already holds rows in "
                    + String.join(", ", withRows) + "; copy into a new, empty database");
        }
    }

    /** The tables of the current schema, by name. */
    private static Set<String> tables(Connection into) throws SQLException {
        Set<String> tables = new TreeSet<>();
        try (ResultSet rows = into.createStatement().executeQuery("""
                SELECT table_name FROM information_schema.tables
                WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'""")) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        return tables;
    }

    /** The app's tables, each after the tables it refers to; the same on both sides, or the copy is refused. */
    private static List<String> tablesInCopyOrder(Connection source, Connection into) throws SQLException {
        Set<String> inSource = new TreeSet<>();
        try (ResultSet rows = source.createStatement().executeQuery(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")) {
            while (rows.next()) {
                inSource.add(rows.getString(1));
            }
        }
        Set<String> inTarget = tables(into);
        inSource.remove(HISTORY);
        inTarget.remove(HISTORY);
        if (!inSource.equals(inTarget)) {
            throw new CopyFailedException("the two schemas differ (SQLite: " + inSource + "; PostgreSQL: " + inTarget
                    + "); is the target another app's database?", null);
        }
        Map<String, Set<String>> refersTo = new TreeMap<>();
        inTarget.forEach(table -> refersTo.put(table, new TreeSet<>()));
        try (ResultSet rows = into.createStatement().executeQuery("""
                SELECT conrelid::regclass::text, confrelid::regclass::text FROM pg_constraint
                WHERE contype = 'f' AND connamespace = current_schema()::regnamespace""")) {
            while (rows.next()) {
                refersTo.computeIfAbsent(rows.getString(1), t -> new TreeSet<>()).add(rows.getString(2));
            }
        }
        Set<String> ordered = new LinkedHashSet<>();
        for (String table : refersTo.keySet()) {
            addAfterParents(table, refersTo, ordered, new LinkedHashSet<>());
        }
        return List.copyOf(ordered);
    }

    private static void addAfterParents(String table, Map<String, Set<String>> refersTo, Set<String> ordered,
            Set<String> visiting) {
        if (ordered.contains(table) || !visiting.add(table)) {
            return;
        }
        for (String parent : refersTo.getOrDefault(table, Set.of())) {
            if (!parent.equals(table)) {
                addAfterParents(parent, refersTo, ordered, visiting);
            }
        }
        ordered.add(table);
    }

    /** Copies every row of one table, in primary-key order, in batches; returns how many. */
    private static long copyTable(Connection source, Connection into, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement read = into.prepareStatement("""
                SELECT column_name FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position""")) {
            read.setString(1, table);
            try (ResultSet rows = read.executeQuery()) {
                while (rows.next()) {
                    columns.add(rows.getString(1));
                }
            }
        }
        String list = String.join(", ", columns.stream().map(CopyToPostgres::quoted).toList());
        String marks = String.join(", ", Collections.nCopies(columns.size(), "?"));
        long copied = 0;
        try (Statement read = source.createStatement();
                PreparedStatement write = into.prepareStatement(
                        "INSERT INTO " + quoted(table) + " (" + list + ") VALUES (" + marks + ")")) {
            read.setFetchSize(BATCH);
            try (ResultSet rows = read.executeQuery("SELECT " + list + " FROM " + quoted(table)
                    + " ORDER BY " + primaryKey(into, table, columns))) {
                while (rows.next()) {
                    for (int i = 1; i <= columns.size(); i++) {
                        write.setObject(i, rows.getObject(i));
                    }
                    write.addBatch();
                    if (++copied % BATCH == 0) {
                        write.executeBatch();
                    }
                }
            }
            write.executeBatch();
        } catch (SQLException e) {
            throw new SQLException("copying " + table + " (after " + copied + " rows): " + e.getMessage(),
                    e.getSQLState(), e);
        }
        return copied;
    }

    /** The table's primary-key columns, for a stable order (all columns when it has none). */
    private static String primaryKey(Connection into, String table, List<String> columns) throws SQLException {
        List<String> key = new ArrayList<>();
        try (PreparedStatement read = into.prepareStatement("""
                SELECT a.attname FROM pg_index i
                JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
                WHERE i.indrelid = ?::regclass AND i.indisprimary ORDER BY array_position(i.indkey, a.attnum)""")) {
            read.setString(1, quoted(table));
            try (ResultSet rows = read.executeQuery()) {
                while (rows.next()) {
                    key.add(quoted(rows.getString(1)));
                }
            }
        }
        return String.join(", ", key.isEmpty() ? columns.stream().map(CopyToPostgres::quoted).toList() : key);
    }

    /** Turns the app's own triggers on these tables off or on, in the copy's transaction (the copier owns them). */
    private static void userTriggers(Connection into, List<String> tables, String disableOrEnable)
            throws SQLException {
        try (Statement alter = into.createStatement()) {
            for (String table : tables) {
                alter.execute("ALTER TABLE " + quoted(table) + " " + disableOrEnable + " TRIGGER USER");
            }
        }
    }

    /** Each identity column's sequence continues after the highest id copied, so new rows never reuse one. */
    private static void moveSequencesPastHighestIds(Connection into) throws SQLException {
        List<String[]> identities = new ArrayList<>();
        try (ResultSet rows = into.createStatement().executeQuery("""
                SELECT table_name, column_name FROM information_schema.columns
                WHERE table_schema = current_schema() AND is_identity = 'YES'""")) {
            while (rows.next()) {
                identities.add(new String[] {rows.getString(1), rows.getString(2)});
            }
        }
        for (String[] identity : identities) {
            try (PreparedStatement move = into.prepareStatement("SELECT setval(pg_get_serial_sequence(?, ?), "
                    + "coalesce(max(" + quoted(identity[1]) + "), 0) + 1, false) FROM " + quoted(identity[0]))) {
                move.setString(1, quoted(identity[0]));
                move.setString(2, identity[1]);
                move.execute();
            }
        }
    }

    private static long count(Connection connection, String table) throws SQLException {
        try (ResultSet rows = connection.createStatement().executeQuery("SELECT count(*) FROM " + quoted(table))) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** A table or column name as an SQL identifier; names come from the databases' own catalogues. */
    private static String quoted(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
