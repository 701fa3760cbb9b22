package dev.handshake.agreement;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The example {@code sla.yml} at the repository root is what new installs start from; it must stay valid. */
class ShippedAgreementTest {

    private final Agreement agreement = new AgreementLoader().load(Path.of("sla.yml")).agreement();

    @Test
    void hasTheFunnelFromLeadToCustomerAndARecycleStage() {
        assertThat(agreement.stages()).extracting(Stage::id)
                .containsExactly("lead", "mql", "sql", "opportunity", "customer", "recycled");
        assertThat(agreement.stages()).extracting(Stage::next)
                .containsExactly("mql", "sql", "opportunity", "customer", null, "mql");
        assertThat(agreement.stage("mql")).get().satisfies(mql -> {
            assertThat(mql.aliases()).contains("marketing qualified lead", "marketing-qualified lead");
            assertThat(mql.entryCriteria()).contains("Fit score 60 or more");
            assertThat(mql.entryCriteria().get(0)).startsWith("Matches one of the personas: Operations leader");
            assertThat(mql.owner()).isEqualTo(Team.MARKETING);
        });
        assertThat(agreement.stage("sql")).get()
                .satisfies(sql -> assertThat(sql.aliases()).contains("sales qualified lead"));
    }

    @Test
    void hasPersonasIncludingTheOpsLeader() {
        assertThat(agreement.personas()).hasSizeBetween(3, 4);
        assertThat(agreement.persona("ops-leader")).get().extracting(Persona::summary).asString()
                .isNotBlank().doesNotContain("\n");
    }

    @Test
    void handsMqlsToSalesOnTheAgreedTerms() {
        HandoffTerms handoff = agreement.handoff();
        assertThat(handoff.stages())
                .containsExactly(new StageHandoff("mql", Duration.ofHours(4), Duration.ofHours(8)));
        assertThat(handoff.whoDecides()).isEqualTo(Decider.ANYONE);
        assertThat(handoff.salesChannel()).isEqualTo("#sales-leads");
        assertThat(handoff.marketingChannel()).isEqualTo("#marketing-handoffs");
        assertThat(handoff.escalation()).isEqualTo(new SlackTarget(SlackTarget.Kind.USER_GROUP, "S0SALESMGR1"));
        assertThat(handoff.rejectionReasons()).hasSizeBetween(5, 7);
        assertThat(agreement.review().channel()).isEqualTo("#revops");
    }

    @Test
    void mapsTheBodiesHubSpotMarketoAndSalesforceSend() {
        assertThat(agreement.intakeSources()).extracting(IntakeSource::name)
                .containsExactly("hubspot", "marketo", "salesforce");
    }

    @Test
    void countsBusinessHoursInChicagoWithUsHolidays() {
        var calendar = agreement.calendar();
        assertThat(calendar.zone()).isEqualTo(ZoneId.of("America/Chicago"));
        assertThat(calendar.workingDays()).hasSize(5).doesNotContain(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
        assertThat(calendar.opens()).isEqualTo(LocalTime.of(9, 0));
        assertThat(calendar.closes()).isEqualTo(LocalTime.of(17, 30));
        assertThat(calendar.holidays()).contains(LocalDate.of(2026, 11, 26), LocalDate.of(2027, 7, 5));
        assertThat(calendar.holidays()).allSatisfy(day -> assertThat(calendar.workingDays()).contains(day.getDayOfWeek()));
    }

    @Test
    void setsGoalsForTeamsAndIndividuals() {
        Goals goals = agreement.goals();
        assertThat(goals.teams()).extracting(TeamGoal::team).containsExactly(Team.MARKETING, Team.SALES);
        assertThat(goals.individuals()).extracting(IndividualGoal::role).containsExactly("SDR", "AE");
        assertThat(goals.kpis()).extracting(Kpi::metric).contains(Metric.ACCEPTANCE_RATE);
        assertThat(agreement.commitments()).extracting(Commitment::team).contains(Team.MARKETING, Team.SALES);
        assertThat(agreement.glossary()).extracting(GlossaryTerm::id).contains("recycle", "sla-breach");
    }
}
