package dev.handshake.config;

import dev.handshake.db.DatabaseAccess;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The app's settings, read once from environment variables at start and checked all together. {@code environment}
 * keeps the variables for the secrets the agreement names by variable (webhook secrets, the HubSpot token), which
 * are checked once the agreement is loaded; it is never printed.
 */
public record Settings(
        String botToken,
        String signingSecret,
        int port,
        String databaseUrl,
        Path agreementFile,
        String slackApiUrl,
        String handoffToken,
        Duration slackAuthProbeInterval,
        String appToken,
        int socketConnections,
        Map<String, String> environment,
        String databaseUser,
        String databasePassword,
        int databasePoolSize) {

    public Settings {
        environment = environment == null ? Map.of() : Map.copyOf(environment);
    }

    public static final String SLACK_BOT_TOKEN = "SLACK_BOT_TOKEN";
    public static final String SLACK_SIGNING_SECRET = "SLACK_SIGNING_SECRET";
    public static final String PORT = "PORT";
    public static final String DATABASE_URL = "DATABASE_URL";
    public static final String AGREEMENT_FILE = "AGREEMENT_FILE";
    public static final String SLACK_API_URL = "SLACK_API_URL";
    public static final String HANDOFF_TOKEN = "HANDOFF_TOKEN";
    public static final String SLACK_AUTH_PROBE_SECONDS = "SLACK_AUTH_PROBE_SECONDS";
    public static final String SLACK_APP_TOKEN = "SLACK_APP_TOKEN";
    public static final String SLACK_SOCKET_CONNECTIONS = "SLACK_SOCKET_CONNECTIONS";
    public static final String DATABASE_USER = "DATABASE_USER";
    public static final String DATABASE_PASSWORD = "DATABASE_PASSWORD";
    public static final String DATABASE_POOL_SIZE = "DATABASE_POOL_SIZE";

    static final int DEFAULT_PORT = 3000;
    static final String DEFAULT_DATABASE_URL = "jdbc:sqlite:data/handshake.db";
    static final String DEFAULT_AGREEMENT_FILE = "sla.yml";
    static final String DEFAULT_SLACK_API_URL = "https://slack.com/api/";
    static final int MIN_HANDOFF_TOKEN_LENGTH = 16;
    static final int DEFAULT_AUTH_PROBE_SECONDS = 60;
    static final int MAX_AUTH_PROBE_SECONDS = 3600;
    static final String APP_TOKEN_PREFIX = "xapp-";
    public static final int DEFAULT_SOCKET_CONNECTIONS = 2;
    /** Slack allows an app up to ten Socket Mode connections at a time. */
    static final int MAX_SOCKET_CONNECTIONS = 10;
    static final int MAX_POOL_SIZE = 200;

    /** Reads and checks every setting; throws one exception naming each setting that is missing or wrong. */
    public static Settings from(Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        String botToken = required(env, SLACK_BOT_TOKEN, problems);
        String appToken = appToken(env, problems);
        // Over Socket Mode Slack's requests come through the app's own connection, so nothing is signed.
        String signingSecret = blankToNull(env.get(SLACK_SIGNING_SECRET));
        if (signingSecret == null && blankToNull(env.get(SLACK_APP_TOKEN)) == null) {
            problems.add(SLACK_SIGNING_SECRET + " is required and must not be blank (or set " + SLACK_APP_TOKEN
                    + " to receive Slack's requests over Socket Mode instead of HTTP)");
        }
        int socketConnections = socketConnections(env, problems);
        int port = port(env, problems);
        String databaseUrl = databaseUrl(env);
        String databaseUser = blankToNull(env.get(DATABASE_USER));
        String databasePassword = blankToNull(env.get(DATABASE_PASSWORD));
        int poolSize = poolSize(env, problems);
        checkDatabase(databaseUrl, databaseUser, databasePassword, env.get(DATABASE_POOL_SIZE), problems);
        Path agreementFile = Path.of(orDefault(env, AGREEMENT_FILE, DEFAULT_AGREEMENT_FILE));
        String slackApiUrl = slackApiUrl(env, problems);
        String handoffToken = blankToNull(env.get(HANDOFF_TOKEN));
        if (handoffToken != null && handoffToken.length() < MIN_HANDOFF_TOKEN_LENGTH) {
            problems.add(HANDOFF_TOKEN + " must be at least " + MIN_HANDOFF_TOKEN_LENGTH
                    + " characters (use a long random value, e.g. `openssl rand -hex 32`)");
        }
        Duration authProbe = authProbeInterval(env, problems);
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
        return new Settings(botToken, signingSecret, port, databaseUrl, agreementFile, slackApiUrl, handoffToken,
                authProbe, appToken, socketConnections, env, databaseUser, databasePassword, poolSize);
    }

    /**
     * The database as {@code DATABASE_URL}, {@code DATABASE_USER}, {@code DATABASE_PASSWORD} and
     * {@code DATABASE_POOL_SIZE} name it, for the commands that only need the database (not checked: {@link #from}
     * checks it; a pool size that is not a number counts as the default).
     */
    public static DatabaseAccess database(Map<String, String> env) {
        List<String> ignored = new ArrayList<>();
        return new DatabaseAccess(databaseUrl(env), blankToNull(env.get(DATABASE_USER)),
                blankToNull(env.get(DATABASE_PASSWORD)), poolSize(env, ignored));
    }

    /** The app's database and how to reach it. */
    public DatabaseAccess database() {
        return new DatabaseAccess(databaseUrl, databaseUser, databasePassword, databasePoolSize);
    }

    /** {@code DATABASE_URL}, or the default when it is unset or blank (not checked; {@link #from} checks it). */
    public static String databaseUrl(Map<String, String> env) {
        return orDefault(env, DATABASE_URL, DEFAULT_DATABASE_URL);
    }

    /** Whether marketing's automation can hand off leads, i.e. a {@code HANDOFF_TOKEN} is set. */
    public boolean intakeEnabled() {
        return handoffToken != null;
    }

    /** Whether Slack's requests arrive over Socket Mode (an app-level token is set) rather than over HTTP. */
    public boolean socketMode() {
        return appToken != null;
    }

    @Override
    public String toString() {
        return "Settings[port=" + port + ", database=" + database() + ", agreementFile=" + agreementFile
                + ", slackApiUrl=" + slackApiUrl + ", intakeEnabled=" + intakeEnabled()
                + ", slackAuthProbeInterval=" + slackAuthProbeInterval + ", socketMode=" + socketMode()
                + (socketMode() ? ", socketConnections=" + socketConnections : "") + "]";
    }

    /** {@code SLACK_APP_TOKEN} when it is an app-level token; null when unset (HTTP mode). */
    private static String appToken(Map<String, String> env, List<String> problems) {
        String token = blankToNull(env.get(SLACK_APP_TOKEN));
        if (token == null) {
            return null;
        }
        token = token.trim();
        if (!token.startsWith(APP_TOKEN_PREFIX)) {
            // Only the kind of token is named: never any of its secret part.
            String kind = token.startsWith("xoxb-") ? " (that is a bot token, which belongs in " + SLACK_BOT_TOKEN + ")"
                    : token.startsWith("xoxp-") ? " (that is a user token)" : "";
            problems.add(SLACK_APP_TOKEN + " must be an app-level token, which starts with " + APP_TOKEN_PREFIX
                    + kind + ": create one with the connections:write scope under Basic Information, App-Level Tokens");
            return null;
        }
        return token;
    }

    private static int socketConnections(Map<String, String> env, List<String> problems) {
        String raw = blankToNull(env.get(SLACK_SOCKET_CONNECTIONS));
        if (raw == null) {
            return DEFAULT_SOCKET_CONNECTIONS;
        }
        if (blankToNull(env.get(SLACK_APP_TOKEN)) == null) {
            problems.add(SLACK_SOCKET_CONNECTIONS + " is set but " + SLACK_APP_TOKEN
                    + " is not: connections are only opened in Socket Mode");
            return DEFAULT_SOCKET_CONNECTIONS;
        }
        try {
            int count = Integer.parseInt(raw.trim());
            if (count >= 1 && count <= MAX_SOCKET_CONNECTIONS) {
                return count;
            }
        } catch (NumberFormatException e) {
            // Reported below with the range.
        }
        problems.add(SLACK_SOCKET_CONNECTIONS + " must be a whole number from 1 to " + MAX_SOCKET_CONNECTIONS
                + " (Slack allows an app " + MAX_SOCKET_CONNECTIONS + " connections), was \"" + raw + "\"");
        return DEFAULT_SOCKET_CONNECTIONS;
    }

    private static void checkDatabase(String url, String user, String password, String poolSize,
            List<String> problems) {
        boolean sqlite = url.startsWith("jdbc:sqlite:");
        if (!sqlite && !url.startsWith("jdbc:postgresql:")) {
            problems.add(DATABASE_URL + " must be a SQLite JDBC URL such as " + DEFAULT_DATABASE_URL
                    + " or a PostgreSQL one such as jdbc:postgresql://db.example.com:5432/handshake, was \""
                    + DatabaseAccess.redact(url) + "\"");
            return;
        }
        if (sqlite && (user != null || password != null || blankToNull(poolSize) != null)) {
            problems.add(DATABASE_USER + ", " + DATABASE_PASSWORD + " and " + DATABASE_POOL_SIZE
                    + " apply to PostgreSQL only; a SQLite database is a file with no login (unset them)");
        }
    }

    /** Connections each replica keeps to PostgreSQL; the server's max_connections must cover every replica's. */
    private static int poolSize(Map<String, String> env, List<String> problems) {
        String raw = blankToNull(env.get(DATABASE_POOL_SIZE));
        if (raw == null) {
            return DatabaseAccess.DEFAULT_POOL_SIZE;
        }
        try {
            int size = Integer.parseInt(raw.trim());
            if (size >= 1 && size <= MAX_POOL_SIZE) {
                return size;
            }
        } catch (NumberFormatException e) {
            // Reported below with the range.
        }
        problems.add(DATABASE_POOL_SIZE + " must be a whole number from 1 to " + MAX_POOL_SIZE + ", was \"" + raw
                + "\"");
        return DatabaseAccess.DEFAULT_POOL_SIZE;
    }

    private static String required(Map<String, String> env, String name, List<String> problems) {
        String value = blankToNull(env.get(name));
        if (value == null) {
            problems.add(name + " is required and must not be blank");
        }
        return value;
    }

    private static int port(Map<String, String> env, List<String> problems) {
        String raw = blankToNull(env.get(PORT));
        if (raw == null) {
            return DEFAULT_PORT;
        }
        try {
            int port = Integer.parseInt(raw.trim());
            if (port < 0 || port > 65535) {
                problems.add(PORT + " must be between 0 and 65535, was " + port);
            }
            return port;
        } catch (NumberFormatException e) {
            problems.add(PORT + " must be a number, was \"" + raw + "\"");
            return DEFAULT_PORT;
        }
    }

    /** How often a token Slack refused is tried again; one probe a minute unless told otherwise (tests shorten it). */
    private static Duration authProbeInterval(Map<String, String> env, List<String> problems) {
        String raw = blankToNull(env.get(SLACK_AUTH_PROBE_SECONDS));
        if (raw == null) {
            return Duration.ofSeconds(DEFAULT_AUTH_PROBE_SECONDS);
        }
        try {
            int seconds = Integer.parseInt(raw.trim());
            if (seconds >= 1 && seconds <= MAX_AUTH_PROBE_SECONDS) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // Reported below with the range.
        }
        problems.add(SLACK_AUTH_PROBE_SECONDS + " must be a whole number of seconds from 1 to " + MAX_AUTH_PROBE_SECONDS
                + ", was \"" + raw + "\"");
        return Duration.ofSeconds(DEFAULT_AUTH_PROBE_SECONDS);
    }

    private static String slackApiUrl(Map<String, String> env, List<String> problems) {
        String url = orDefault(env, SLACK_API_URL, DEFAULT_SLACK_API_URL);
        try {
            URI uri = URI.create(url);
            if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
                problems.add(SLACK_API_URL + " must be an http(s) URL such as " + DEFAULT_SLACK_API_URL);
            }
        } catch (IllegalArgumentException e) {
            problems.add(SLACK_API_URL + " is not a valid URL: \"" + url + "\"");
        }
        return url.endsWith("/") ? url : url + "/";
    }

    private static String orDefault(Map<String, String> env, String name, String fallback) {
        String value = blankToNull(env.get(name));
        return value == null ? fallback : value.trim();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
