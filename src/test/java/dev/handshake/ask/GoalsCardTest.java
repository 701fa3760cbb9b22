package dev.handshake.ask;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handshake.agreement.AgreementLoader;
import dev.handshake.agreement.GoalPeriod;
import dev.handshake.agreement.Goals;
import java.nio.file.Path;
import java.time.LocalDate;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class GoalsCardTest {

    private Answer goals(dev.handshake.agreement.Agreement agreement) {
        return Ask.answer(new SlaAnswers(agreement), "goals", AnswerContext.none());
    }

    @Test
    void showsRevenueTeamAndIndividualTargetsAndKpis() {
        Answer answer = goals(TestAgreements.realistic());

        assertThat(BlockTexts.header(answer)).isEqualTo("Goals · 2025-Q3");
        assertThat(BlockTexts.all(answer)).contains(
                "*Revenue target:* $1,200,000 USD for Q3 2025 (July 1 – September 30)",
                "*Team targets*\n*Marketing*\n    • MQLs: 600\n    • Pipeline: $3,000,000 USD\n"
                        + "*Sales*\n    • Acceptance rate: 80%",
                "*Individual targets*\n*Each SDR*\n    • Meetings booked: 40 per quarter\n"
                        + "*Each AE*\n    • Closed revenue: €150,000.50 EUR",
                "*KPIs*\n• *Lead to MQL conversion* `lead-to-mql` — Share of new leads that become MQLs within "
                        + "30 days. _Target:_ 25%");
        assertThat(answer.text()).isEqualTo("Goals for 2025-Q3: revenue target $1,200,000 USD");
        BlockTexts.assertWithinSlackLimits(answer);
    }

    @Test
    void aCurrencyWithoutItsOwnSymbolShowsTheCodeOnly() {
        Goals goals = new Goals(GoalPeriod.parse("2026").orElseThrow(), new BigDecimal("2500000"), "CHF", List.of(),
                List.of(), List.of());

        Answer answer = goals(TestAgreements.withGoals(TestAgreements.realistic(), goals));

        assertThat(BlockTexts.all(answer)).contains("*Revenue target:* 2,500,000 CHF for the year 2026")
                .doesNotContain("*KPIs*", "*Team targets*");
    }

    @Test
    void theShippedGoalsShowPercentagesAsPercentagesAndTheirOwnPeriod() {
        Answer answer = Ask.answer(new SlaAnswers(new AgreementLoader().load(Path.of("sla.yml")).agreement()),
                "goals", new AnswerContext(null, List.of(), LocalDate.of(2026, 12, 5)));

        assertThat(BlockTexts.all(answer)).contains("    • Lead to MQL conversion: 25%\n",
                "    • MQLs handed to sales each month: 180 MQLs per month\n", "for Q4 2026 (October 1 – December 31)")
                .doesNotContain("0.25", "ended");
    }

    @Test
    void goalsWhosePeriodEndedSaySoFirst() {
        Answer answer = Ask.answer(new SlaAnswers(new AgreementLoader().load(Path.of("sla.yml")).agreement()),
                "goals", new AnswerContext(null, List.of(), LocalDate.of(2027, 1, 4)));

        assertThat(BlockTexts.all(answer))
                .contains(":warning: 2026-Q4 goals ended on 2026-12-31: set this quarter's (2027-Q1) in sla.yml.");
        BlockTexts.assertWithinSlackLimits(answer);
    }

    @Test
    void noGoalsSaysSo() {
        Answer answer = goals(TestAgreements.withGoals(TestAgreements.realistic(), null));

        assertThat(BlockTexts.all(answer)).contains("The agreement sets no goals yet.");
        BlockTexts.assertWithinSlackLimits(answer);
    }
}
