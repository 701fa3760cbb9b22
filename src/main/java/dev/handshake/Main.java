package dev.handshake;

import dev.handshake.agreement.AgreementCheck;
import dev.handshake.agreement.AgreementLoader;
import dev.handshake.agreement.InvalidAgreementException;
import dev.handshake.config.InvalidSettingsException;
import dev.handshake.config.Settings;
import dev.handshake.db.BackupCommand;
import dev.handshake.db.CopyToPostgresCommand;
import dev.handshake.db.DatabaseAccess;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;

/**
 * Starts Handshake; with {@code check [file]} validates an agreement file, with {@code backup <file>} copies the
 * database, with {@code migrate-to <jdbc:postgresql://…>} copies a SQLite database into PostgreSQL, none of them
 * starting the server.
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        if (args.length > 0 && "check".equals(args[0])) {
            Path file = Path.of(args.length > 1 ? args[1] : System.getenv().getOrDefault(Settings.AGREEMENT_FILE, "sla.yml"));
            System.exit(new AgreementCheck(new AgreementLoader()).run(file, System.out));
        }
        if (args.length > 0 && "backup".equals(args[0])) {
            System.exit(new BackupCommand(Settings.databaseUrl(System.getenv()))
                    .run(Arrays.asList(args).subList(1, args.length), System.out, System.err));
        }
        if (args.length > 0 && "migrate-to".equals(args[0])) {
            DatabaseAccess login = Settings.database(System.getenv());
            System.exit(new CopyToPostgresCommand(login.url(), login.user(), login.password())
                    .run(Arrays.asList(args).subList(1, args.length), System.out, System.err));
        }
        if (args.length > 0) {
            System.err.println("Usage: java -jar handshake.jar            start the app (settings from the environment)");
            System.err.println("       java -jar handshake.jar check [sla.yml]   validate an agreement file");
            System.err.println("       java -jar handshake.jar backup <file>     copy the database (DATABASE_URL) to a new file");
            System.err.println("       java -jar handshake.jar migrate-to jdbc:postgresql://host/db   copy the SQLite database"
                    + " (DATABASE_URL) into an empty PostgreSQL one");
            System.exit(2);
        }
        try {
            Handshake app = Handshake.start(Settings.from(System.getenv()), Clock.systemUTC());
            Runtime.getRuntime().addShutdownHook(new Thread(app::close, "shutdown"));
        } catch (InvalidSettingsException e) {
            System.err.println("Cannot start Handshake. Fix these settings:");
            e.problems().forEach(p -> System.err.println("  - " + p));
            System.exit(2);
        } catch (InvalidAgreementException e) {
            System.err.println("Cannot start Handshake: the agreement file has problems:");
            System.err.println(e.describe());
            System.exit(2);
        } catch (Exception e) {
            System.err.println("Cannot start Handshake: " + e.getMessage());
            System.exit(1);
        }
    }
}
