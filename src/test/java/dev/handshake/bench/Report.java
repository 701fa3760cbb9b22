package dev.handshake.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** The benchmark's one table: each figure, what was measured, its target and whether it was met; then notes. */
final class Report {

    private record Row(String figure, String measured, String target, Boolean met) {}

    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    /** {@code met} is null for a figure without a target of its own. */
    void add(String figure, String measured, String target, Boolean met) {
        rows.add(new Row(figure, measured, target, met));
    }

    void note(String note) {
        notes.add(note);
    }

    void print(PrintStream out) {
        int[] width = {6, 8, 6, 6};
        for (Row row : rows) {
            width[0] = Math.max(width[0], row.figure().length());
            width[1] = Math.max(width[1], row.measured().length());
            width[2] = Math.max(width[2], row.target().length());
        }
        String format = "| %-" + width[0] + "s | %-" + width[1] + "s | %-" + width[2] + "s | %-" + width[3] + "s |%n";
        out.println();
        out.printf(format, "Figure", "Measured", "Target", "Result");
        out.printf(format, "-".repeat(width[0]), "-".repeat(width[1]), "-".repeat(width[2]), "-".repeat(width[3]));
        for (Row row : rows) {
            out.printf(format, row.figure(), row.measured(), row.target(),
                    row.met() == null ? "" : row.met() ? "pass" : "MISS");
        }
        out.println();
        notes.forEach(n -> out.println("- " + n));
    }
}
