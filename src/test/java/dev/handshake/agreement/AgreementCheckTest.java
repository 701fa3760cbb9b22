package dev.handshake.agreement;

import static dev.handshake.agreement.AgreementYaml.VALID;
import static dev.handshake.agreement.AgreementYaml.lineOf;
import static dev.handshake.agreement.AgreementYaml.with;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgreementCheckTest {

    /** December 5, 2026: the shipped goals (2026-Q4) are current. */
    private final AgreementCheck check = new AgreementCheck(new AgreementLoader(),
            java.time.Clock.fixed(java.time.Instant.parse("2026-12-05T15:00:00Z"), java.time.ZoneOffset.UTC));
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void validFileExitsZeroWithASummary(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sla.yml");
        Files.writeString(file, VALID);

        int exit = check.run(file, out);

        assertThat(exit).isZero();
        assertThat(output().lines()).contains(
                file + " is valid: Test SLA, version 1.10, effective 2026-07-01",
                "Owners      Marketing: Mia Marketing",
                "            Sales: Sam Sales (U0SAMSALES1)",
                "Personas    1: ops-leader",
                "Funnel      lead → mql* → sql",
                "            * mql is handed to sales: accept or reject within 4 business hours",
                "Channels    sales #sales-leads, marketing #marketing-handoffs, review #revops",
                "Escalation  user group S0SALESMGR1",
                "Reminder    when 75% of the response window has passed",
                "Reassign    off",
                "Calendar    America/Chicago, Mon–Fri 09:00–17:30, no holidays",
                "Review      quarterly at 10:00 in #revops, follow-up after 14 days",
                "Thresholds  lead→MQL conversion below 20% (from 50 new leads), MQL acceptance below 40% (from 50 "
                        + "decided)");
    }

    @Test
    void shippedAgreementSummaryShowsTheWholeFunnelOnOneScreen() {
        int exit = check.run(Path.of("sla.yml"), out);

        assertThat(exit).isZero();
        assertThat(output().lines()).hasSizeLessThanOrEqualTo(24).contains(
                "Funnel      lead → mql* → sql → opportunity → customer",
                "            recycled → mql*",
                "            * mql is handed to sales: accept or reject within 4 business hours, "
                        + "first contact within 8 business hours",
                "Calendar    America/Chicago, Mon–Fri 09:00–17:30, 19 holidays from 2026-01-01 to 2027-12-31",
                "Intake      POST /handoffs/hubspot, /handoffs/marketo, /handoffs/salesforce (mapped), and /handoffs");
    }

    @Test
    void goalsForAPeriodThatEndedAreAWarningThatDoesNotFailTheCheck(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sla.yml");
        Files.writeString(file, VALID);

        int exit = check.run(file, out);

        assertThat(exit).isZero();
        assertThat(output().lines()).contains("Warning: 2026-Q3 goals ended on 2026-09-30: set this quarter's "
                + "(2026-Q4) in sla.yml (goals.period and the targets; see docs/AGREEMENT.md)");
    }

    @Test
    void currentGoalsGiveNoWarning() {
        int exit = check.run(Path.of("sla.yml"), out);

        assertThat(exit).isZero();
        assertThat(output()).doesNotContain("Warning");
    }

    @Test
    void aGoalPeriodThatIsNotAMonthQuarterOrYearNamesTheFix(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sla.yml");
        String yaml = with("period: 2026-Q3", "period: FY26 H2");
        Files.writeString(file, yaml);

        int exit = check.run(file, out);

        assertThat(exit).isEqualTo(1);
        assertThat(output()).contains(file + ":" + lineOf(yaml, "period: FY26 H2") + " goals.period: must be the "
                + "quarter, month or year the goals are for, like \"2026-Q4\", \"2026-11\" or \"2026\"; was \"FY26 H2\"");
    }

    @Test
    void invalidFileExitsOneListingEveryProblem(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sla.yml");
        String yaml = with("owner: sales", "owner: sale").replace("response_hours: 4", "response_hours: 0");
        Files.writeString(file, yaml);

        int exit = check.run(file, out);

        assertThat(exit).isEqualTo(1);
        assertThat(output().lines()).containsExactly(
                file + " is not a valid agreement: 2 problems",
                file + ":" + lineOf(yaml, "owner: sale")
                        + " stages[2].owner: must be \"marketing\" or \"sales\", was \"sale\"",
                file + ":" + lineOf(yaml, "response_hours: 0")
                        + " handoff.stages[0].response_hours: must be more than 0 business hours, was 0");
    }

    @Test
    void missingFileExitsOne(@TempDir Path dir) {
        Path file = dir.resolve("nope.yml");

        int exit = check.run(file, out);

        assertThat(exit).isEqualTo(1);
        assertThat(output()).isEqualTo(file + " is not a valid agreement: 1 problem\n"
                + file + ": file not found (looked for " + file.toAbsolutePath() + ")\n");
    }
}
