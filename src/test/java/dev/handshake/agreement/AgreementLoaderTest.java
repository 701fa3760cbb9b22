package dev.handshake.agreement;

import static dev.handshake.agreement.AgreementYaml.VALID;
import static dev.handshake.agreement.AgreementYaml.with;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgreementLoaderTest {

    private final AgreementLoader loader = new AgreementLoader();

    @Test
    void smallAgreementLoadsWithDefaultsForWhatItLeavesOut() {
        Agreement agreement = loader.parse("sla.yml", VALID).agreement();

        assertThat(agreement.version()).isEqualTo("1.10");
        assertThat(agreement.effective()).isEqualTo(LocalDate.of(2026, 7, 1));
        assertThat(agreement.owners().marketing()).isEqualTo(new Owner("Mia Marketing", null, null));
        assertThat(agreement.owners().sales().slackUser()).isEqualTo("U0SAMSALES1");
        assertThat(agreement.persona("ops-leader")).get().extracting(Persona::description).isNull();
        assertThat(agreement.stages()).extracting(Stage::id).containsExactly("lead", "mql", "sql");
        assertThat(agreement.stage("sql")).get().extracting(Stage::next, Stage::owner)
                .containsExactly(null, Team.SALES);
        assertThat(agreement.commitments()).isEmpty();
        assertThat(agreement.glossary()).isEmpty();

        HandoffTerms handoff = agreement.handoff();
        assertThat(handoff.whoDecides()).isEqualTo(Decider.ANYONE);
        assertThat(handoff.stages()).containsExactly(new StageHandoff("mql", Duration.ofHours(4), null));
        assertThat(handoff.reminder()).isEqualTo(new ReminderTerms(75, null));
        assertThat(handoff.reassign().enabled()).isFalse();
        assertThat(handoff.escalation()).isEqualTo(new SlackTarget(SlackTarget.Kind.USER_GROUP, "S0SALESMGR1"));

        assertThat(agreement.calendar().workingDays())
                .isEqualTo(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY));
        assertThat(agreement.calendar().holidays()).isEmpty();
        assertThat(agreement.calendar().zone()).isEqualTo(ZoneId.of("America/Chicago"));

        ReviewTerms review = agreement.review();
        assertThat(review.cadence()).isEqualTo(ReviewTerms.Cadence.QUARTERLY);
        assertThat(review.time()).isEqualTo(LocalTime.of(10, 0));
        assertThat(review.followUpDays()).isEqualTo(14);
        assertThat(review.minLeadsForAlert()).isEqualTo(50);
        assertThat(review.minLeadToMqlConversion()).isEqualByComparingTo("0.2");
        assertThat(review.minMqlAcceptanceRate()).isEqualByComparingTo("0.40");
    }

    @Test
    void targetNamingAKpiTakesItsNameAndMetricAndReadsPercentagesAsFractions() {
        Goals goals = loader.parse("sla.yml", VALID).agreement().goals();

        TeamGoal sales = goals.teams().get(1);
        assertThat(sales.team()).isEqualTo(Team.SALES);
        assertThat(sales.targets()).singleElement().satisfies(target -> {
            assertThat(target.name()).isEqualTo("MQL acceptance rate");
            assertThat(target.metric()).isEqualTo(Metric.ACCEPTANCE_RATE);
            assertThat(target.value()).isEqualByComparingTo("0.45");
        });
        assertThat(goals.revenueTarget()).isEqualByComparingTo("1000000");
    }

    @Test
    void responseHoursMayBeFractionsOfAnHour() {
        String yaml = with("      response_hours: 4", "      response_hours: 0.5\n      first_contact_hours: 1.25");

        StageHandoff mql = loader.parse("sla.yml", yaml).agreement().handoffFor("mql").orElseThrow();

        assertThat(mql.responseTime()).isEqualTo(Duration.ofMinutes(30));
        assertThat(mql.firstContact()).isEqualTo(Duration.ofMinutes(75));
    }

    @Test
    void personasNamedOnAStageBecomeItsFirstEntryCriterion() {
        String yaml = with("    aliases: [marketing qualified lead]",
                "    aliases: [marketing qualified lead]\n    personas: [ops-leader]");

        Stage mql = loader.parse("sla.yml", yaml).agreement().stage("mql").orElseThrow();

        assertThat(mql.entryCriteria())
                .containsExactly("Matches the Operations leader persona", "Fit score 60 or more");
    }

    @Test
    void reminderMayBeAFixedTimeBeforeTheDeadlineAndReassignTakesAPool() {
        String yaml = with("    - Not a fit\n", """
                    - Not a fit
                  who_decides: assignee
                  reminder:
                    before_minutes: 30
                  reassign:
                    enabled: yes
                    max_times: 3
                    pool: [U0AVA00001, W0BEN00002]
                """);

        HandoffTerms handoff = loader.parse("sla.yml", yaml).agreement().handoff();

        assertThat(handoff.whoDecides()).isEqualTo(Decider.ASSIGNEE);
        assertThat(handoff.reminder()).isEqualTo(new ReminderTerms(null, Duration.ofMinutes(30)));
        assertThat(handoff.reassign()).isEqualTo(new ReassignTerms(true, 3, java.util.List.of("U0AVA00001",
                "W0BEN00002")));
    }

    @Test
    void escalationMayBeAUserOrAChannel() {
        assertThat(loader.parse("sla.yml", with("escalation: S0SALESMGR1", "escalation: U0MARCUS01"))
                .agreement().handoff().escalation()).isEqualTo(new SlackTarget(SlackTarget.Kind.USER, "U0MARCUS01"));
        assertThat(loader.parse("sla.yml", with("escalation: S0SALESMGR1", "escalation: \"#sales-managers\""))
                .agreement().handoff().escalation())
                .isEqualTo(new SlackTarget(SlackTarget.Kind.CHANNEL, "#sales-managers"));
        assertThat(loader.parse("sla.yml", with("escalation: S0SALESMGR1", "escalation: C0ESCALATE1"))
                .agreement().handoff().escalation())
                .isEqualTo(new SlackTarget(SlackTarget.Kind.CHANNEL, "C0ESCALATE1"));
    }

    @Test
    void calendarReadsWorkingDaysHoursAndHolidays() {
        String yaml = with("  time_zone: America/Chicago\n", """
                  time_zone: Europe/Berlin
                  working_days: [mon, tuesday, Wed]
                  holidays:
                    - 2026-12-25
                    - 2026-12-26
                """);

        var calendar = loader.parse("sla.yml", yaml).agreement().calendar();

        assertThat(calendar.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(calendar.workingDays())
                .containsExactlyInAnyOrder(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY);
        assertThat(calendar.holidays()).containsExactlyInAnyOrder(LocalDate.of(2026, 12, 25), LocalDate.of(2026, 12, 26));
        assertThat(calendar.opens()).isEqualTo(LocalTime.of(9, 0));
        assertThat(calendar.closes()).isEqualTo(LocalTime.of(17, 30));
    }

    @Test
    void numbersMayBeWrittenWithDigitGroups() {
        String yaml = with("revenue_target: 1000000", "revenue_target: \"1,250,000\"");

        assertThat(loader.parse("sla.yml", yaml).agreement().goals().revenueTarget())
                .isEqualTo(new BigDecimal("1250000"));
    }

    @Test
    void exposesTheTextAndTheSha256OfTheFileBytes(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sla.yml");
        Files.writeString(file, VALID, StandardCharsets.UTF_8);
        String expected = HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(VALID.getBytes(StandardCharsets.UTF_8)));

        LoadedAgreement loaded = loader.load(file);

        assertThat(loaded.text()).isEqualTo(VALID);
        assertThat(loaded.sha256()).isEqualTo(expected).hasSize(64);
        assertThat(loader.parse("sla.yml", VALID).sha256()).isEqualTo(expected);
        assertThat(loader.parse("sla.yml", VALID + "# changed\n").sha256()).isNotEqualTo(expected);
    }
}
