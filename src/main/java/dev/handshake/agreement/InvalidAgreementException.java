package dev.handshake.agreement;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** Thrown when an agreement file cannot be used; carries every problem found, not only the first. */
public final class InvalidAgreementException extends RuntimeException {

    private final String source;
    private final List<AgreementProblem> problems;

    public InvalidAgreementException(String source, List<AgreementProblem> problems) {
        super(render(source, problems), null, false, false);
        this.source = Objects.requireNonNull(source, "source == null");
        this.problems = List.copyOf(problems);
        if (this.problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid agreement needs at least one problem");
        }
    }

    /** The file name the problems refer to, as the user gave it. */
    public String source() {
        return source;
    }

    public List<AgreementProblem> problems() {
        return problems;
    }

    /** One line per problem, e.g. {@code sla.yml:42 stages[2].owner: must be "marketing" or "sales", was "sale"}. */
    public String describe() {
        return render(source, problems);
    }

    private static String render(String source, List<AgreementProblem> problems) {
        return problems.stream().map(p -> line(source, p)).collect(Collectors.joining("\n"));
    }

    private static String line(String source, AgreementProblem problem) {
        String where = problem.line() > 0 ? source + ":" + problem.line() : source;
        return problem.path().isEmpty()
                ? where + ": " + problem.message()
                : where + " " + problem.path() + ": " + problem.message();
    }
}
