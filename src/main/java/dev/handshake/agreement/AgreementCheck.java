package dev.handshake.agreement;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Objects;

/**
 * The {@code check} command: validates an agreement file and prints a one-screen summary or every problem. A valid
 * file can still carry warnings (goals for a period that has ended): they are printed, and do not fail the check.
 */
public final class AgreementCheck {

    private final AgreementLoader loader;
    private final Clock clock;

    public AgreementCheck(AgreementLoader loader, Clock clock) {
        this.loader = Objects.requireNonNull(loader, "loader == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
    }

    /** Returns 0 after printing the summary (and any warning) when the file is valid, 1 after its problems when not. */
    public int run(Path file, PrintStream out) {
        try {
            LoadedAgreement loaded = loader.load(file);
            out.print(new AgreementSummary(loaded).render(file.toString()));
            LocalDate today = LocalDate.ofInstant(clock.instant(), loaded.agreement().calendar().zone());
            GoalsStatus.ended(loaded.agreement().goals(), today).ifPresent(ended -> out.println(
                    "Warning: " + ended + " (goals.period and the targets; see docs/AGREEMENT.md)"));
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
