package dev.handshake.db;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The {@code migrate-to <jdbc:postgresql://…>} command: copies the SQLite database {@code DATABASE_URL} names into an
 * empty PostgreSQL database ({@link CopyToPostgres}) and prints the rows of every table, counted on both sides. The
 * target's login comes from the URL or from {@code DATABASE_USER} and {@code DATABASE_PASSWORD}.
 */
public final class CopyToPostgresCommand {

    /** Every row was copied and counted again in the target. */
    public static final int COPIED = 0;
    /** The copy failed (unreachable server, refused login, a row PostgreSQL would not take); no row was written. */
    public static final int FAILED = 1;
    /** The command line was wrong; nothing was written. */
    public static final int USAGE = 2;
    /** The target database is not empty; it was left as it was. */
    public static final int TARGET_NOT_EMPTY = 3;

    static final String USAGE_TEXT = "Usage: java -jar handshake.jar migrate-to jdbc:postgresql://host:5432/database"
            + "   copy the SQLite database (DATABASE_URL) into an empty PostgreSQL database (login in the URL or in"
            + " DATABASE_USER and DATABASE_PASSWORD)";

    private final String sourceUrl;
    private final String user;
    private final String password;

    /** {@code sourceUrl} as the app reads {@code DATABASE_URL}; {@code user}, {@code password} for the target. */
    public CopyToPostgresCommand(String sourceUrl, String user, String password) {
        this.sourceUrl = Objects.requireNonNull(sourceUrl, "sourceUrl == null");
        this.user = user;
        this.password = password;
    }

    /** Runs the command with the arguments after {@code migrate-to}; returns the exit code. */
    public int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.size() != 1 || !args.get(0).startsWith("jdbc:postgresql:")) {
            err.println(args.isEmpty() ? "Name the PostgreSQL database to copy into."
                    : args.size() > 1 ? "Name exactly one PostgreSQL database to copy into."
                    : "Not a PostgreSQL JDBC URL: " + DatabaseAccess.redact(args.get(0)));
            err.println(USAGE_TEXT);
            return USAGE;
        }
        DatabaseAccess target = new DatabaseAccess(args.get(0), user, password, DatabaseAccess.DEFAULT_POOL_SIZE);
        CopyToPostgres copy;
        try {
            copy = new CopyToPostgres(sourceUrl, target);
        } catch (IllegalArgumentException e) {
            err.println("Cannot copy: " + e.getMessage());
            return USAGE;
        }
        try {
            CopyToPostgres.Copied copied = copy.copy();
            out.printf(Locale.ROOT, "Copied %s into %s in %.2f s; every table counted again in PostgreSQL:%n",
                    DatabaseAccess.redact(sourceUrl), target.redactedUrl(), copied.took().toNanos() / 1e9);
            int width = copied.rows().keySet().stream().mapToInt(String::length).max().orElse(1);
            copied.rows().forEach((table, rows) -> out.printf(Locale.ROOT, "  %-" + width + "s %d%n", table, rows));
            out.println("Point the app at it: DATABASE_URL=" + target.redactedUrl());
            out.flush();
            return COPIED;
        } catch (CopyToPostgres.TargetNotEmptyException e) {
            err.println("Copy refused: " + e.getMessage());
            return TARGET_NOT_EMPTY;
        } catch (CopyToPostgres.CopyFailedException e) {
            err.println("Copy failed: " + e.getMessage());
            return FAILED;
        } catch (DatabaseUnavailableException e) {
            err.println("Copy failed: " + e.getMessage());
            return FAILED;
        } catch (RuntimeException e) {
            // Flyway's errors (a database it cannot migrate) arrive unchecked; the message names the problem.
            err.println("Copy failed: " + e.getMessage());
            return FAILED;
        }
    }
}
