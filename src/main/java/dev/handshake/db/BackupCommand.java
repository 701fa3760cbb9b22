package dev.handshake.db;

import java.io.PrintStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The {@code backup <file>} command: copies the database {@code DATABASE_URL} names to a new file while the app
 * keeps running, and prints the row count of every table in the copy.
 */
public final class BackupCommand {

    /** The copy was made. */
    public static final int COPIED = 0;
    /** The copy could not be made (no database, unreadable, locked too long, disk full); nothing was written. */
    public static final int FAILED = 1;
    /** The command line was wrong (no file, more than one, an option); nothing was written. */
    public static final int USAGE = 2;
    /** The target file already exists; it was left as it was. */
    public static final int TARGET_EXISTS = 3;

    static final String USAGE_TEXT = "Usage: java -jar handshake.jar backup <new-file>   copy the database"
            + " (DATABASE_URL) to a file that does not exist yet";

    /** On PostgreSQL the server's own tools make the backup; this says which and how, without the app's login. */
    static final String POSTGRESQL_TEXT = """
            DATABASE_URL is a PostgreSQL database: back it up with PostgreSQL's own tools, which copy one consistent
            snapshot while the app keeps running, for example
              pg_dump --format=custom --file=handshake-2026-11-28.dump --host=HOST --username=USER DATABASE
            and restore it into a new, empty database with
              pg_restore --dbname=NEW_DATABASE --host=HOST --username=USER handshake-2026-11-28.dump
            (or use your provider's snapshots). See docs/OPERATIONS.md, "Back up and restore".""";

    private final String databaseUrl;

    /** {@code databaseUrl} as the app reads it (see {@code Settings.databaseUrl}). */
    public BackupCommand(String databaseUrl) {
        this.databaseUrl = Objects.requireNonNull(databaseUrl, "databaseUrl == null");
    }

    /** Runs the command with the arguments after {@code backup}; returns the exit code. */
    public int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.size() != 1 || args.get(0).isBlank() || args.get(0).startsWith("-")) {
            err.println(args.isEmpty() ? "Name the file to write the backup to."
                    : args.size() > 1 ? "Name exactly one file to write the backup to."
                    : args.get(0).startsWith("-") ? "Unknown option " + args.get(0) + "."
                    : "The file name is blank.");
            err.println(USAGE_TEXT);
            return USAGE;
        }
        Path target;
        try {
            target = Path.of(args.get(0));
        } catch (InvalidPathException e) {
            err.println("Not a file name: " + e.getMessage());
            err.println(USAGE_TEXT);
            return USAGE;
        }
        if (databaseUrl.startsWith(Dialect.POSTGRESQL_PREFIX)) {
            err.println(POSTGRESQL_TEXT);
            return USAGE;
        }
        Backup backup;
        try {
            backup = new Backup(databaseUrl);
        } catch (IllegalArgumentException e) {
            err.println("Cannot back up DATABASE_URL: " + e.getMessage());
            return USAGE;
        }
        try {
            Backup.Copied copied = backup.to(target);
            print(backup.source(), copied, out);
            return COPIED;
        } catch (Backup.TargetExistsException e) {
            err.println("Backup refused: " + e.getMessage());
            return TARGET_EXISTS;
        } catch (Backup.BackupFailedException e) {
            err.println("Backup failed: " + e.getMessage());
            return FAILED;
        }
    }

    private static void print(Path source, Backup.Copied copied, PrintStream out) {
        out.printf(Locale.ROOT, "Backed up %s to %s in %.2f s (%,d bytes, integrity ok)%n", source, copied.target(),
                copied.took().toNanos() / 1e9, copied.bytes());
        out.println("Rows copied, per table:");
        int width = copied.rows().keySet().stream().mapToInt(String::length).max().orElse(1);
        copied.rows().forEach((table, count) -> out.printf(Locale.ROOT, "  %-" + width + "s %d%n", table, count));
        out.flush();
    }
}
