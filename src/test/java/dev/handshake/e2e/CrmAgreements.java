package dev.handshake.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's {@code sla.yml} with {@code webhooks:} and {@code hubspot:} sections added, as a temporary file. */
final class CrmAgreements {

    static final String SECRET_ENV = "REVOPS_WEBHOOK_SECRET";

    private CrmAgreements() {}

    /** One endpoint named {@code revops} at {@code url}, with the given extra endpoint lines (indented by 4). */
    static String endpoint(java.net.URI url, String events, String extraLines) {
        return "webhooks:\n"
                + "  - name: revops\n"
                + "    url: " + url + "\n"
                + "    events: " + events + "\n"
                + "    secret_env: " + SECRET_ENV + "\n"
                + extraLines;
    }

    static Path write(String... sections) {
        try {
            String text = Files.readString(Path.of("sla.yml")) + "\n" + String.join("\n", sections) + "\n";
            Path file = Files.createTempFile("crm-sla", ".yml");
            Files.writeString(file, text);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
