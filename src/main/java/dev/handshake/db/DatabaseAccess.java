package dev.handshake.db;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How to reach the app's database: its JDBC URL, the user and password when they are not in the URL (PostgreSQL;
 * null otherwise), and how many connections a replica keeps to a PostgreSQL server. Its text never shows a password.
 */
public record DatabaseAccess(String url, String user, String password, int poolSize) {

    /** Connections per replica unless told otherwise: enough for the request threads that write at once on 2 cores. */
    public static final int DEFAULT_POOL_SIZE = 10;

    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)([?&;]password=)[^&;]*");
    private static final Pattern USER_INFO = Pattern.compile("^(jdbc:[a-z]+://)[^/@]*@", Pattern.CASE_INSENSITIVE);

    public DatabaseAccess {
        Objects.requireNonNull(url, "url == null");
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize must be at least 1, was " + poolSize);
        }
    }

    /** A database at {@code url} with its credentials (if any) in the URL. */
    public static DatabaseAccess of(String url) {
        return new DatabaseAccess(url, null, null, DEFAULT_POOL_SIZE);
    }

    public Dialect dialect() {
        return Dialect.of(url);
    }

    /** The URL with any password in it replaced by {@code ***}, fit for logs and answers. */
    public String redactedUrl() {
        return redact(url);
    }

    /** {@code url} with any password in it replaced by {@code ***}. */
    public static String redact(String url) {
        String withoutParameter = PASSWORD_PARAMETER.matcher(url).replaceAll("$1***");
        return USER_INFO.matcher(withoutParameter).replaceFirst("$1***@");
    }

    @Override
    public String toString() {
        return "DatabaseAccess[url=" + redactedUrl() + ", user=" + user + ", password=" + (password == null ? null : "***")
                + ", poolSize=" + poolSize + "]";
    }
}
