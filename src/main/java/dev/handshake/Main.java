package dev.handshake;

import dev.handshake.agreement.AgreementCheck;
import dev.handshake.agreement.AgreementLoader;
import dev.handshake.agreement.InvalidAgreementException;
import dev.handshake.config.InvalidSettingsException;
import dev.handshake.config.Settings;
import dev.handshake.crm.RedeliverCommand;
import dev.handshake.db.BackupCommand;
import dev.handshake.db.CopyToPostgresCommand;
import dev.handshake.db.DatabaseAccess;
import dev.handshake.intake.SampleCheck;
import dev.handshake.demo.DemoCommand;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Starts Handshake; with {@code check [file]} validates an agreement file (with {@code --sample <source> <body>}
 * maps a sample body through one of its intake sources), with {@code backup <file>} copies the database, with
 * {@code migrate-to <jdbc:postgresql://…>} copies a SQLite database into PostgreSQL, none of them starting the
 * server; with {@code demo [--fresh]} runs the demo, without Slack; {@code webhooks redeliver} sends again the CRM
 * deliveries that failed.
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        if (args.length > 0 && "check".equals(args[0])) {
            System.exit(check(Arrays.asList(args).subList(1, args.length), Clock.systemUTC()));
        }
        if (args.length > 0 && "backup".equals(args[0])) {
            System.exit(new BackupCommand(Settings.databaseUrl(System.getenv()))
                    .run(Arrays.asList(args).subList(1, args.length), System.out, System.err));
        }
        if (args.length > 0 && "demo".equals(args[0])) {
            int exit = new DemoCommand(System.getenv()).run(Arrays.asList(args).subList(1, args.length), System.out,
                    System.err);
            if (exit != 0) {
                System.exit(exit);
            }
            return;
        }
        if (args.length > 0 && "webhooks".equals(args[0])) {
            Map<String, String> env = System.getenv();
            System.exit(new RedeliverCommand(Settings.database(env),
                    Path.of(env.getOrDefault(Settings.AGREEMENT_FILE, "sla.yml")), Clock.systemUTC())
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
            System.err.println("       java -jar handshake.jar check [sla.yml] --sample <source> <body.json>");
            System.err.println("                                  map a sample body through an intake source");
            System.err.println("       java -jar handshake.jar backup <file>     copy the database (DATABASE_URL) to a new file");
            System.err.println("       java -jar handshake.jar demo [--fresh]    the whole flow on this machine, without Slack");
            System.err.println("       java -jar handshake.jar webhooks redeliver --since <instant> [--endpoint <name>]");
            System.err.println("                                  send again the CRM deliveries that failed");
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

    /** {@code check [sla.yml] [--sample <source> <body.json>]}; {@code clock} tells whether the goals have ended. */
    private static int check(List<String> args, Clock clock) {
        int sample = args.indexOf("--sample");
        List<String> files = sample < 0 ? args : args.subList(0, sample);
        if (files.size() > 1 || (sample >= 0 && args.size() != sample + 3)) {
            System.err.println("Usage: java -jar handshake.jar check [sla.yml] [--sample <source> <body.json>]");
            return 2;
        }
        Path file = Path.of(files.isEmpty()
                ? System.getenv().getOrDefault(Settings.AGREEMENT_FILE, "sla.yml") : files.get(0));
        if (sample >= 0) {
            return new SampleCheck(new AgreementLoader()).run(file, args.get(sample + 1), Path.of(args.get(sample + 2)),
                    System.out);
        }
        return new AgreementCheck(new AgreementLoader(), clock).run(file, System.out);
    }
}
