package dev.handshake.routing;

import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.AgreementLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The shipped agreement with a {@code routing:} block of the test's own for the MQL stage, instead of its own. */
public final class RoutingAgreements {

    private static final String MQL_STAGE = "      first_contact_hours: 8\n";
    /** The shipped MQL routing, comments and all, up to the next key of the handoff mapping. */
    private static final java.util.regex.Pattern SHIPPED_ROUTING = java.util.regex.Pattern.compile(
            "(      #[^\n]*\n)*      routing:\n(        [^\n]*\n)+");

    private RoutingAgreements() {}

    /** {@code sla.yml}'s text, with {@code routing} (YAML at the stage entry's indent, without it) for the MQL stage. */
    public static String text(String routing) {
        try {
            String shipped = Files.readString(Path.of("sla.yml"));
            if (!shipped.contains(MQL_STAGE)) {
                throw new IllegalStateException("sla.yml no longer has the MQL stage this fixture extends");
            }
            String indented = routing.strip().lines().map(line -> "        " + line)
                    .reduce((a, b) -> a + "\n" + b).orElse("");
            String without = SHIPPED_ROUTING.matcher(shipped).replaceFirst("");
            return without.replace(MQL_STAGE, MQL_STAGE + "      routing:\n" + indented + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Agreement agreement(String routing) {
        return new AgreementLoader().parse("sla.yml", text(routing)).agreement();
    }

    /** Writes the agreement to {@code dir/sla.yml} and returns its path, for a running app. */
    public static Path file(Path dir, String routing) {
        try {
            return Files.writeString(dir.resolve("sla.yml"), text(routing));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
