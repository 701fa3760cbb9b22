package dev.handshake.agreement;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects the problems found while validating one agreement file, each placed on its line. */
final class Problems {

    private final SourceIndex source;
    private final List<AgreementProblem> found = new ArrayList<>();

    Problems(SourceIndex source) {
        this.source = source;
    }

    void report(NodePath at, String message) {
        found.add(new AgreementProblem(at.readable(), source.lineOf(at.pointer()), message));
    }

    void add(AgreementProblem problem) {
        found.add(problem);
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    int lineOf(NodePath at) {
        return source.lineOf(at.pointer());
    }

    SourceIndex source() {
        return source;
    }

    /** The problems in file order; problems about the file as a whole (line 0) come first. */
    List<AgreementProblem> sorted() {
        List<AgreementProblem> copy = new ArrayList<>(found);
        copy.sort(Comparator.comparingInt(AgreementProblem::line));
        return List.copyOf(copy);
    }
}
