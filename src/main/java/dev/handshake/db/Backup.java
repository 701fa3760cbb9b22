package dev.handshake.db;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import org.sqlite.SQLiteConfig;

/**
 * A consistent copy of the app's SQLite database, made while the app runs. {@code VACUUM INTO} reads the whole
 * database in one read transaction: under WAL that is one snapshot, and it never blocks the app's writers (only
 * the WAL's checkpoint waits until the copy is done). The copy is written beside the target, checked, flushed to
 * disk and only then renamed into place, so a file at the target is always a whole copy; an existing file is never
 * overwritten.
 */
public final class Backup {

    /** What one backup copied: the row count of every table, read from the copy itself, so from its snapshot. */
    public record Copied(Path target, Map<String, Long> rows, long bytes, Duration took) {
        public Copied {
            rows = Collections.unmodifiableMap(new LinkedHashMap<>(rows));
        }
    }

    /** The backup could not be made; the message says why, and nothing was left at the target. */
    public static class BackupFailedException extends RuntimeException {
        BackupFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The target already exists; it was left as it was. */
    public static final class TargetExistsException extends BackupFailedException {
        TargetExistsException(Path target) {
            super(target + " already exists; choose a new file name (a backup never overwrites a file)", null);
        }
    }

    /** The same wait for a lock as the app's own connections. */
    static final int BUSY_TIMEOUT_MILLIS = Database.BUSY_TIMEOUT_MILLIS;

    private final String databaseUrl;
    private final Path source;

    /** {@code databaseUrl} is the app's {@code jdbc:sqlite:} URL, as in {@code DATABASE_URL}. */
    public Backup(String databaseUrl) {
        this.databaseUrl = Objects.requireNonNull(databaseUrl, "databaseUrl == null");
        if (!databaseUrl.startsWith("jdbc:sqlite:")) {
            throw new IllegalArgumentException("not a SQLite JDBC URL: " + databaseUrl);
        }
        this.source = Database.file(databaseUrl).orElseThrow(() -> new IllegalArgumentException(
                databaseUrl + " is an in-memory database; there is no file to back up"));
    }

    /** The database file this backs up. */
    public Path source() {
        return source;
    }

    /** Copies the database to {@code target}, which must not exist yet and whose folder must. */
    public Copied to(Path target) {
        long started = System.nanoTime();
        Path destination = target.toAbsolutePath().normalize();
        if (!Files.isRegularFile(source)) {
            throw new BackupFailedException("there is no database at " + source + " (DATABASE_URL=" + databaseUrl
                    + ")", null);
        }
        if (Files.exists(destination, LinkOption.NOFOLLOW_LINKS)) {
            throw new TargetExistsException(destination);
        }
        Path folder = destination.getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new BackupFailedException("the folder " + folder + " does not exist; create it first", null);
        }
        Path partial = folder.resolve("." + destination.getFileName() + ".partial-" + randomHex());
        try {
            copy(partial);
            Map<String, Long> rows = checkAndCount(partial);
            long bytes = Files.size(partial);
            flush(partial);
            try {
                Files.move(partial, destination);
            } catch (FileAlreadyExistsException e) {
                throw new TargetExistsException(destination);
            }
            flush(folder);
            return new Copied(destination, rows, bytes, Duration.ofNanos(System.nanoTime() - started));
        } catch (IOException e) {
            throw new BackupFailedException("cannot write the copy in " + folder + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(partial);
        }
    }

    private void copy(Path partial) {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        try (Connection connection = config.createConnection("jdbc:sqlite:" + source);
                PreparedStatement vacuum = connection.prepareStatement("VACUUM INTO ?")) {
            vacuum.setString(1, partial.toString());
            vacuum.execute();
        } catch (SQLException e) {
            String why = Busy.isBusy(e)
                    ? "the database stayed locked for more than " + BUSY_TIMEOUT_MILLIS + " ms; try again"
                    : e.getMessage();
            throw new BackupFailedException("cannot copy " + source + ": " + why, e);
        }
    }

    private static Map<String, Long> checkAndCount(Path copy) {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        try (Connection connection = config.createConnection("jdbc:sqlite:" + copy);
                Statement statement = connection.createStatement()) {
            try (ResultSet check = statement.executeQuery("PRAGMA quick_check")) {
                String verdict = check.next() ? check.getString(1) : "no answer";
                if (!"ok".equals(verdict)) {
                    throw new BackupFailedException("the copy failed its check: " + verdict, null);
                }
            }
            List<String> tables = new ArrayList<>();
            try (ResultSet names = statement.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'"
                    + " AND name NOT LIKE 'sqlite_%' ORDER BY name")) {
                while (names.next()) {
                    tables.add(names.getString(1));
                }
            }
            Map<String, Long> rows = new LinkedHashMap<>();
            for (String table : tables) {
                try (ResultSet count = statement.executeQuery(
                        "SELECT count(*) FROM \"" + table.replace("\"", "\"\"") + "\"")) {
                    count.next();
                    rows.put(table, count.getLong(1));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new BackupFailedException("cannot read the copy back: " + e.getMessage(), e);
        }
    }

    /** fsync: {@code VACUUM INTO} leaves its output to the operating system's cache. */
    private static void flush(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            if (!Files.isDirectory(path)) {
                throw e;
            }
            // Some file systems cannot sync a folder; the file itself is synced.
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // Only a leftover hidden file; the answer already says what happened.
        }
    }

    private static String randomHex() {
        byte[] random = new byte[6];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
