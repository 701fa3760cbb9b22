package dev.handshake.agreement;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Whatever is wrong with the file, the loader answers with problems, never with another exception. Each line of the
 * shipped agreement is removed, and its value replaced by a value of another type (a different one for each line,
 * so every kind of replacement meets every section), and every result must be an agreement or a list of problems.
 */
class AgreementRobustnessTest {

    private static final List<String> REPLACEMENTS = List.of("", "[]", "{}", "-1", "0", "x", "[a, b]", "{a: 1}", "'  '");

    private final AgreementLoader loader = new AgreementLoader();

    @Test
    void everyBrokenLineIsReportedAsProblems() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("sla.yml"));
        int rejected = 0;
        for (int i = 0; i < lines.size(); i++) {
            for (String variant : variants(lines.get(i), i)) {
                List<String> copy = new ArrayList<>(lines);
                if (variant == null) {
                    copy.remove(i);
                } else {
                    copy.set(i, variant);
                }
                String yaml = String.join("\n", copy) + "\n";
                try {
                    loader.parse("sla.yml", yaml);
                } catch (InvalidAgreementException e) {
                    rejected++;
                    assertThat(e.problems()).as("line %d as %s", i + 1, variant).isNotEmpty()
                            .allSatisfy(p -> {
                                assertThat(p.message()).isNotBlank();
                                assertThat(p.line()).isBetween(0, copy.size() + 1);
                            });
                }
            }
        }
        assertThat(rejected).isGreaterThan(lines.size() / 2);
    }

    /** The line removed (null), and its value replaced by one of the wrong values, rotating with the line number. */
    private static List<String> variants(String line, int index) {
        List<String> variants = new ArrayList<>();
        variants.add(null);
        int colon = line.indexOf(": ");
        int dash = line.indexOf("- ");
        int cut = colon >= 0 ? colon + 2 : dash >= 0 && line.substring(0, dash).isBlank() ? dash + 2 : -1;
        if (cut > 0) {
            variants.add(line.substring(0, cut) + REPLACEMENTS.get(index % REPLACEMENTS.size()));
        }
        return variants;
    }
}
