package dev.handshake;

import dev.handshake.agreement.AgreementCheck;
import dev.handshake.agreement.AgreementLoader;
import dev.handshake.agreement.InvalidAgreementException;
import dev.handshake.config.InvalidSettingsException;
import dev.handshake.config.Settings;
import java.nio.file.Path;
import java.time.Clock;

/** Starts Handshake, or with {@code check [file]} validates an agreement file without starting the server. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        if (args.length > 0 && "check".equals(args[0])) {
            Path file = Path.of(args.length > 1 ? args[1] : System.getenv().getOrDefault(Settings.AGREEMENT_FILE, "sla.yml"));
            System.exit(new AgreementCheck(new AgreementLoader()).run(file, System.out));
        }
        if (args.length > 0) {
            System.err.println("Usage: java -jar handshake.jar            start the app (settings from the environment)");
            System.err.println("       java -jar handshake.jar check [sla.yml]   validate an agreement file");
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
