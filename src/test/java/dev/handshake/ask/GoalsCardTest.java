package dev.handshake.ask;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handshake.agreement.Goals;
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

        assertThat(BlockTexts.header(answer)).isEqualTo("Goals · Q3 2025");
        assertThat(BlockTexts.all(answer)).contains(
                "*Revenue target:* $1,200,000 USD for Q3 2025",
                "*Team targets*\n*Marketing*\n    • MQLs: 600\n    • Pipeline: $3,000,000 USD\n"
                        + "*Sales*\n    • Acceptance rate: 80%",
                "*Individual targets*\n*Each SDR*\n    • Meetings booked: 40 per quarter\n"
                        + "*Each AE*\n    • Closed revenue: €150,000.50 EUR",
                "*KPIs*\n• *Lead to MQL conversion* `lead-to-mql` — Share of new leads that become MQLs within "
                        + "30 days. _Target:_ 25%");
        assertThat(answer.text()).isEqualTo("Goals for Q3 2025: revenue target $1,200,000 USD");
        BlockTexts.assertWithinSlackLimits(answer);
    }

    @Test
    void aCurrencyWithoutItsOwnSymbolShowsTheCodeOnly() {
        Goals goals = new Goals("FY26", new BigDecimal("2500000"), "CHF", List.of(), List.of(), List.of());

        Answer answer = goals(TestAgreements.withGoals(TestAgreements.realistic(), goals));

        assertThat(BlockTexts.all(answer)).contains("*Revenue target:* 2,500,000 CHF for FY26")
                .doesNotContain("*KPIs*", "*Team targets*");
    }

    @Test
    void noGoalsSaysSo() {
        Answer answer = goals(TestAgreements.withGoals(TestAgreements.realistic(), null));

        assertThat(BlockTexts.all(answer)).contains("The agreement sets no goals yet.");
        BlockTexts.assertWithinSlackLimits(answer);
    }
}
