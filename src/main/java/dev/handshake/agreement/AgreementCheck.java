package dev.handshake.agreement;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Objects;

/** The {@code check} command: validates an agreement file and prints a one-screen summary or every problem. */
public final class AgreementCheck {

    private final AgreementLoader loader;

    public AgreementCheck(AgreementLoader loader) {
        this.loader = Objects.requireNonNull(loader, "loader == null");
    }

    /** Returns 0 after printing the summary when the file is valid, 1 after printing its problems when not. */
    public int run(Path file, PrintStream out) {
        try {
            LoadedAgreement loaded = loader.load(file);
            out.print(new AgreementSummary(loaded).render(file.toString()));
            out.flush();
            return 0;
        } catch (InvalidAgreementException e) {
            int count = e.problems().size();
            out.println(file + " is not a valid agreement: " + count + (count == 1 ? " problem" : " problems"));
            out.println(e.describe());
            out.flush();
            return 1;
        }
    }
}
