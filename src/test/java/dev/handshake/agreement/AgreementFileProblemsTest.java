package dev.handshake.agreement;

import static dev.handshake.agreement.AgreementYaml.VALID;
import static dev.handshake.agreement.AgreementYaml.lineOf;
import static dev.handshake.agreement.AgreementYaml.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Problems with the file or its YAML rather than with one value, and how problems are reported together. */
class AgreementFileProblemsTest {

    private final AgreementLoader loader = new AgreementLoader();

    private List<AgreementProblem> problems(String yaml) {
        return rejected(yaml).problems();
    }

    private InvalidAgreementException rejected(String yaml) {
        try {
            loader.parse("sla.yml", yaml);
        } catch (InvalidAgreementException e) {
            return e;
        }
        return fail("expected the agreement to be rejected:\n" + yaml);
    }

    private static AgreementProblem problem(String path, int line, String message) {
        return new AgreementProblem(path, line, message);
    }

    @Test
    void yamlSyntaxErrorIsReportedOnItsLine() {
        String yaml = with("definition: A lead that fits.", "definition: A lead: one that fits.");

        assertThat(problems(yaml)).containsExactly(problem("", lineOf(yaml, "A lead: one"),
                "YAML syntax error: mapping values are not allowed here"));
    }

    @Test
    void unclosedListNamesWhereItStarted() {
        String yaml = with("entry_criteria: [Discovery call held]", "entry_criteria: [Discovery call held");

        assertThat(problems(yaml)).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(lineOf(yaml, "owner: sales"));
            assertThat(p.message()).startsWith("YAML syntax error: ")
                    .endsWith("(while parsing a flow sequence that starts on line "
                            + lineOf(yaml, "[Discovery call held") + ")");
        });
    }

    @Test
    void tabIndentationIsExplained() {
        String yaml = with("    owner: sales", "\towner: sales");

        assertThat(problems(yaml)).containsExactly(problem("", lineOf(yaml, "\towner"),
                "YAML syntax error: a tab is used for indentation; indent with spaces"));
    }

    @Test
    void keyGivenTwiceIsReportedBecauseYamlWouldKeepOnlyTheLast() {
        String yaml = with("    name: SQL\n", "    name: SQL\n    name: Sales qualified lead\n");

        assertThat(problems(yaml)).containsExactly(problem("stages[2].name", lineOf(yaml, "Sales qualified lead"),
                "\"name\" is given twice in this mapping (first on line " + lineOf(yaml, "name: SQL") + ")"));
    }

    @Test
    void aliasesAreRejected() {
        String yaml = with("effective: 2026-07-01", "effective: &start 2026-07-01")
                .replace("  time_zone: America/Chicago\n", "  time_zone: America/Chicago\n  holidays: [*start]\n");

        assertThat(problems(yaml)).contains(problem("calendar.holidays[0]", lineOf(yaml, "*start"),
                "YAML aliases (*start) are not supported; write the value out"));
    }

    @Test
    void secondDocumentIsRejected() {
        String yaml = VALID + "---\nname: Another SLA\n";

        assertThat(problems(yaml)).containsExactly(problem("", lineOf(yaml, "Another SLA"),
                "a second YAML document starts here; keep the whole agreement in one document"));
    }

    @Test
    void emptyFileAndFileOfOnlyCommentsAreEmpty() {
        AgreementProblem empty = problem("", 0, "the file is empty; see docs/AGREEMENT.md for what goes in it");

        assertThat(problems("")).containsExactly(empty);
        assertThat(problems("# nothing agreed yet\n")).containsExactly(empty);
    }

    @Test
    void documentMustBeAMapping() {
        assertThat(problems("- lead\n- mql\n")).containsExactly(problem("", 1,
                "the agreement must be a mapping of keys (name:, version:, stages:, ...), was a list"));
    }

    @Test
    void everyProblemIsReportedInFileOrder() {
        String yaml = with("owner: sales", "owner: sale")
                .replace("time_zone: America/Chicago", "time_zone: Mars/Olympus")
                .replace("  period: 2026-Q3\n", "  period: 2026-Q3\n  quarter: 3\n")
                .replace("effective: 2026-07-01\n", "");

        InvalidAgreementException e = rejected(yaml);

        assertThat(e.problems()).extracting(AgreementProblem::path).containsExactly(
                "effective", "stages[2].owner", "goals.quarter", "calendar.time_zone");
        assertThat(e.problems()).extracting(AgreementProblem::line).containsExactly(
                0, lineOf(yaml, "owner: sale"), lineOf(yaml, "quarter: 3"), lineOf(yaml, "Mars/Olympus"));
        assertThat(e.describe().lines()).containsExactly(
                "sla.yml effective: is required",
                "sla.yml:" + lineOf(yaml, "owner: sale") + " stages[2].owner: must be \"marketing\" or \"sales\", "
                        + "was \"sale\"",
                "sla.yml:" + lineOf(yaml, "quarter: 3") + " goals.quarter: unknown key \"quarter\"; expected one of: "
                        + "currency, individual_targets, kpis, period, revenue_target, team_targets",
                "sla.yml:" + lineOf(yaml, "Mars/Olympus") + " calendar.time_zone: unknown time zone \"Mars/Olympus\"; "
                        + "use an IANA time zone name like \"America/Chicago\" or \"Europe/Berlin\"");
    }

    @Test
    void missingFileIsNamedWithoutAStackTrace(@TempDir Path dir) {
        Path missing = dir.resolve("missing.yml");

        assertThatThrownBy(() -> loader.load(missing))
                .isInstanceOfSatisfying(InvalidAgreementException.class, e -> {
                    assertThat(e.source()).isEqualTo(missing.toString());
                    assertThat(e.problems()).containsExactly(
                            problem("", 0, "file not found (looked for " + missing.toAbsolutePath() + ")"));
                    assertThat(e.describe())
                            .isEqualTo(missing + ": file not found (looked for " + missing.toAbsolutePath() + ")");
                    assertThat(e.getStackTrace()).isEmpty();
                });
    }

    @Test
    void directoryIsNotAnAgreementFile(@TempDir Path dir) {
        assertThatThrownBy(() -> loader.load(dir))
                .isInstanceOfSatisfying(InvalidAgreementException.class, e -> assertThat(e.problems())
                        .containsExactly(problem("", 0, "is a directory, not an agreement file")));
    }

    @Test
    void fileMustBeUtf8(@TempDir Path dir) throws Exception {
        Path latin1 = dir.resolve("sla.yml");
        Files.write(latin1, "name: Caf\u00e9 SLA\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> loader.load(latin1))
                .isInstanceOfSatisfying(InvalidAgreementException.class, e -> assertThat(e.problems())
                        .containsExactly(problem("", 0, "is not UTF-8 text; save it as UTF-8")));
    }

    @Test
    void fileProblemsNameTheFileAsGiven(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sla.yml");
        Files.writeString(file, with("owner: sales", "owner: sale"));

        assertThatThrownBy(() -> loader.load(file))
                .isInstanceOfSatisfying(InvalidAgreementException.class, e -> assertThat(e.describe())
                        .isEqualTo(file + ":" + lineOf(VALID, "owner: sales")
                                + " stages[2].owner: must be \"marketing\" or \"sales\", was \"sale\""));
    }
}
