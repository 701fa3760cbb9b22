package dev.handshake.ask;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.model.block.HeaderBlock;
import com.slack.api.model.block.SectionBlock;
import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.Stage;
import dev.handshake.agreement.StageHandoff;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StageCardTest {

    private final Agreement agreement = TestAgreements.realistic();

    private Answer ask(Agreement agreement, String text) {
        return Ask.answer(new SlaAnswers(agreement), text, AnswerContext.none());
    }

    @Test
    void showsEverythingAgreedAboutTheStage() {
        Answer answer = ask(agreement, "mql");

        String all = BlockTexts.all(answer);
        assertThat(answer.blocks().get(0)).isInstanceOf(HeaderBlock.class);
        assertThat(BlockTexts.header(answer)).isEqualTo("Marketing Qualified Lead");
        assertThat(all)
                .contains("`mql`", "also: Marketing lead", "Acme Marketing–Sales SLA · version 1.2")
                .contains("*Definition*\nA lead that fits a persona and showed buying intent.")
                .contains("*Entry criteria*\n• Matches a persona\n• Lead score of 60 or more\n"
                        + "• Asked for a demo or visited pricing twice")
                .contains("*Owner*\nMarketing")
                .contains("Sales accepts or rejects within 4 business hours; first contact within 8 business hours")
                .contains("*Previous stage*\nLead `lead`", "*Next stage*\nSales Qualified Lead `sql`")
                .contains("• *Marketing* — Nurtures and scores the lead", "• *SDR* — Accepts or rejects in Slack");
        BlockTexts.assertWithinSlackLimits(answer);
    }

    @Test
    void theKeyFactsSitInFields() {
        Answer answer = ask(agreement, "mql");

        SectionBlock fields = answer.blocks().stream()
                .filter(b -> b instanceof SectionBlock s && s.getFields() != null)
                .map(SectionBlock.class::cast).findFirst().orElseThrow();
        assertThat(fields.getFields()).extracting(f -> f.getText().split("\n")[0])
                .containsExactly("*Owner*", "*When handed to sales*", "*Previous stage*", "*Next stage*");
    }

    @Test
    void fallbackTextNamesTheStageAndItsDefinition() {
        assertThat(ask(agreement, "Marketing-Qualified Lead").text())
                .isEqualTo("Marketing Qualified Lead (mql): A lead that fits a persona and showed buying intent.");
    }

    @Test
    void aStageNotHandedToSalesHasNoResponseTime() {
        String all = BlockTexts.all(ask(agreement, "opportunity"));

        assertThat(all).doesNotContain("When handed to sales").doesNotContain("business hours");
        assertThat(all).contains("*Previous stage*\nSales Qualified Lead `sql`", "*Next stage*\nCustomer `customer`");
    }

    @Test
    void firstAndLastStagesSaySo() {
        assertThat(BlockTexts.all(ask(agreement, "lead"))).contains("*Previous stage*\n— _(first stage)_");
        assertThat(BlockTexts.all(ask(agreement, "customer"))).contains("*Next stage*\n— _(last stage)_");
    }

    @Test
    void aResponseTimeWithoutFirstContactAndInMinutes() {
        Agreement a = TestAgreements.withHandoff(agreement, new dev.handshake.agreement.HandoffTerms(
                List.of(new StageHandoff("sql", Duration.ofMinutes(90), null)), agreement.handoff().whoDecides(),
                "C0SALES001", null, null, List.of(), null, null));

        String all = BlockTexts.all(ask(a, "sql"));

        assertThat(all).contains("Sales accepts or rejects within 1 business hour 30 minutes")
                .doesNotContain("first contact");
    }

    @Test
    void aNextLinkToAMissingStageShowsItsId() {
        Agreement a = TestAgreements.withStages(agreement, List.of(TestAgreements.stage("x", "X", "gone")));

        assertThat(BlockTexts.all(ask(a, "x"))).contains("*Next stage*\n`gone`");
    }

    @Test
    void aStageWithoutCriteriaOrDutiesLeavesThoseOut() {
        Stage bare = new Stage("bare", "Bare", List.of(), null, List.of(), null, List.of(), null);
        Answer answer = ask(TestAgreements.withStages(agreement, List.of(bare)), "bare");

        assertThat(BlockTexts.all(answer)).contains("_No definition yet._", "*Owner*\n—")
                .doesNotContain("Entry criteria", "Who does what");
        BlockTexts.assertWithinSlackLimits(answer);
    }
}
