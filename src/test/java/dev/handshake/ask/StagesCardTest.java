package dev.handshake.ask;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.Stage;
import java.util.List;
import org.junit.jupiter.api.Test;

class StagesCardTest {

    private Answer stages(Agreement agreement) {
        return Ask.answer(new SlaAnswers(agreement), "stages", AnswerContext.none());
    }

    @Test
    void listsTheFunnelInOrderWithOwnersAndCommitments() {
        Answer answer = stages(TestAgreements.realistic());

        String all = BlockTexts.all(answer);
        assertThat(BlockTexts.header(answer)).isEqualTo("Lead stages");
        assertThat(all).contains("5 stages", "Acme Marketing–Sales SLA · version 1.2");
        assertThat(all).containsSubsequence(
                "1. *Lead* `lead` — Marketing\n",
                "2. *Marketing Qualified Lead* `mql` — Marketing · _Sales accepts or rejects within 4 business hours; "
                        + "first contact within 8 business hours_\n",
                "3. *Sales Qualified Lead* `sql` — Sales\n",
                "4. *Opportunity* `opportunity` — Sales\n",
                "5. *Customer* `customer` — Sales");
        assertThat(answer.text()).isEqualTo(
                "Lead stages: Lead → Marketing Qualified Lead → Sales Qualified Lead → Opportunity → Customer");
        BlockTexts.assertWithinSlackLimits(answer);
    }

    @Test
    void funnelFollowsNextLinksFromTheStageNobodyPointsTo() {
        List<Stage> stages = List.of(
                TestAgreements.stage("c", "C", null), TestAgreements.stage("a", "A", "b"),
                TestAgreements.stage("b", "B", "c"));

        assertThat(Funnel.order(TestAgreements.withStages(TestAgreements.realistic(), stages)))
                .extracting(Stage::id).containsExactly("a", "b", "c");
    }

    @Test
    void stagesOffThePathComeAfterInTheirOrder() {
        List<Stage> stages = List.of(
                TestAgreements.stage("side", "Side", null), TestAgreements.stage("b", "B", null),
                TestAgreements.stage("a", "A", "b"), TestAgreements.stage("loop1", "L1", "loop2"),
                TestAgreements.stage("loop2", "L2", "loop1"));

        assertThat(Funnel.order(TestAgreements.withStages(TestAgreements.realistic(), stages)))
                .extracting(Stage::id).containsExactly("side", "b", "a", "loop1", "loop2");
    }

    @Test
    void aFunnelThatLoopsEverywhereStillListsEveryStageOnce() {
        List<Stage> stages = List.of(TestAgreements.stage("x", "X", "y"), TestAgreements.stage("y", "Y", "x"),
                TestAgreements.stage("z", "Z", "missing"));

        assertThat(Funnel.order(TestAgreements.withStages(TestAgreements.realistic(), stages)))
                .extracting(Stage::id).containsExactly("z", "x", "y");
    }

    @Test
    void noStagesSaysSo() {
        Answer answer = stages(TestAgreements.withStages(TestAgreements.realistic(), List.of()));

        assertThat(BlockTexts.all(answer)).contains("The agreement defines no stages yet.");
        BlockTexts.assertWithinSlackLimits(answer);
    }

    @Test
    void stagesFollowedByATermNameShowThatTerm() {
        Agreement agreement = TestAgreements.withGlossary(TestAgreements.realistic(), List.of(
                TestAgreements.glossary("stages-of-grief", "Stages of grief", List.of(), "Denial, anger, …")));

        Answer answer = Ask.answer(new SlaAnswers(agreement), "stages of grief", AnswerContext.none());

        assertThat(BlockTexts.header(answer)).isEqualTo("Stages of grief");
    }

    @Test
    void stagesFollowedByAnythingElseStillLists() {
        Answer answer = Ask.answer(new SlaAnswers(TestAgreements.realistic()), "stages please",
                AnswerContext.none());

        assertThat(BlockTexts.header(answer)).isEqualTo("Lead stages");
    }
}
