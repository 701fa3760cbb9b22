package dev.handshake.crm;

import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.AgreementLoader;
import dev.handshake.agreement.InvalidAgreementException;
import dev.handshake.agreement.WebhookEndpoint;
import dev.handshake.db.Database;
import dev.handshake.db.DatabaseAccess;
import dev.handshake.db.Transactions;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The {@code webhooks redeliver --since <instant> [--endpoint <name>]} command: makes the failed deliveries of events
 * owed since then (to every endpoint and the HubSpot writer, or to the one named) pending again, with a fresh retry
 * limit, and enables the endpoints it redelivers to. The running app sends them within a few seconds; a stopped app
 * when it starts.
 */
public final class RedeliverCommand {

    public static final int QUEUED = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    static final String USAGE_TEXT = "Usage: java -jar handshake.jar webhooks redeliver --since <instant> "
            + "[--endpoint <name>]\n  <instant>: 2026-07-01T09:00:00Z, or a date (from its start, UTC); <name>: an "
            + "endpoint of the agreement's webhooks:, or hubspot";

    private final DatabaseAccess database;
    private final Path agreementFile;
    private final Clock clock;

    public RedeliverCommand(String databaseUrl, Path agreementFile, Clock clock) {
        this(DatabaseAccess.of(Objects.requireNonNull(databaseUrl, "databaseUrl == null")), agreementFile, clock);
    }

    public RedeliverCommand(DatabaseAccess database, Path agreementFile, Clock clock) {
        this.database = Objects.requireNonNull(database, "database == null");
        this.agreementFile = Objects.requireNonNull(agreementFile, "agreementFile == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
    }

    /** Runs the command with the arguments after {@code webhooks}; returns the exit code. */
    public int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty() || !"redeliver".equals(args.get(0))) {
            err.println(args.isEmpty() ? "Say what to do: redeliver." : "Unknown webhooks command "
                    + quote(args.get(0)) + "; the one there is is redeliver.");
            err.println(USAGE_TEXT);
            return USAGE;
        }
        String since = null;
        String endpoint = null;
        for (int i = 1; i < args.size(); i += 2) {
            String option = args.get(i);
            String value = i + 1 < args.size() ? args.get(i + 1) : null;
            if (value == null || value.startsWith("--")) {
                err.println(option + " needs a value.");
                err.println(USAGE_TEXT);
                return USAGE;
            }
            switch (option) {
                case "--since" -> since = value;
                case "--endpoint" -> endpoint = value;
                default -> {
                    err.println("Unknown option " + quote(option) + ".");
                    err.println(USAGE_TEXT);
                    return USAGE;
                }
            }
        }
        if (since == null) {
            err.println("Say since when with --since, e.g. --since 2026-07-01T09:00:00Z.");
            err.println(USAGE_TEXT);
            return USAGE;
        }
        Instant from;
        try {
            from = instant(since);
        } catch (DateTimeParseException e) {
            err.println("--since " + quote(since) + " is not an instant such as 2026-07-01T09:00:00Z or a date "
                    + "such as 2026-07-01.");
            return USAGE;
        }
        Agreement agreement;
        try {
            agreement = new AgreementLoader().load(agreementFile).agreement();
        } catch (InvalidAgreementException e) {
            err.println("Cannot read the agreement's endpoints: " + agreementFile + " has problems (run check):");
            err.println(e.describe());
            return FAILED;
        }
        Map<String, String> kinds = new LinkedHashMap<>();
        for (WebhookEndpoint configured : agreement.webhooks()) {
            if (endpoint == null || endpoint.equals(configured.name())) {
                kinds.put(WebhookHandler.kind(configured.name()), configured.name());
            }
        }
        if (agreement.hubspot() != null && (endpoint == null || HubSpotHandler.DESTINATION.equals(endpoint))) {
            kinds.put(HubSpotHandler.CONTACT, null);
            kinds.put(HubSpotHandler.NOTE, null);
        }
        if (kinds.isEmpty()) {
            String names = agreement.webhooks().stream().map(WebhookEndpoint::name).collect(Collectors.joining(", "));
            err.println(endpoint == null ? agreementFile + " has no webhooks: and no hubspot:, so nothing is sent."
                    : "The agreement has no endpoint named " + quote(endpoint) + "; its endpoints are: "
                            + (names.isEmpty() ? "none" : names) + (agreement.hubspot() != null ? ", hubspot" : "")
                            + ".");
            return USAGE;
        }
        try (Database opened = Database.open(database)) {
            EndpointStore store = new EndpointStore(opened.jdbi(), Transactions.direct(opened.jdbi()));
            Map<String, Integer> queued = store.redeliver(kinds, from, clock.instant());
            int total = queued.values().stream().mapToInt(Integer::intValue).sum();
            out.println("Queued " + total + " failed deliveries of events since " + from + " to be sent again:");
            queued.forEach((kind, count) -> out.println("  " + kind + ": " + count));
            out.println(total == 0 ? "Nothing had failed." : "The running app sends them within a few seconds "
                    + "(a stopped one when it starts); the receivers see the same webhook-id as before.");
            out.flush();
            return QUEUED;
        } catch (RuntimeException e) {
            err.println("Redelivery failed, nothing was changed: " + e.getMessage());
            return FAILED;
        }
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notAnInstant) {
            return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
    }

    private static String quote(String typed) {
        return "\"" + (typed.length() > 60 ? typed.substring(0, 59) + "…" : typed) + "\"";
    }
}
