package dev.handshake.ask;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HelpAndUnknownTest {

    private final SlaAnswers answers = new SlaAnswers(TestAgreements.realistic());

    private Answer ask(String text) {
        return Ask.answer(answers, text, AnswerContext.none());
    }

    @Test
    void helpListsWhatCanBeAskedWithExamples() {
        Answer answer = ask("");

        assertThat(BlockTexts.header(answer)).isEqualTo("Ask the SLA");
        assertThat(BlockTexts.all(answer)).contains("`/sla mql`", "`/sla stages`", "`/sla personas`",
                "`/sla persona ops-leader`", "`/sla goals`", "`/sla terms`", "`/sla mql share`");
        BlockTexts.assertWithinSlackLimits(answer);
    }

    @Test
    void helpExamplesComeFromTheAgreement() {
        var agreement = TestAgreements.withPersonas(
                TestAgreements.withHandoff(TestAgreements.realistic(), null), List.of());

        String all = BlockTexts.all(Ask.answer(new SlaAnswers(agreement), "help", AnswerContext.none()));

        assertThat(all).contains("`/sla sql`", "`/sla persona ops-leader`");
    }

    @Test
    void anUnknownTermSuggestsTheClosestAndIsNeverShared() {
        Answer answer = ask("mgl share");

        assertThat(answer.text()).isEqualTo("No term `mgl`. Did you mean `mql`?");
        assertThat(BlockTexts.all(answer)).isEqualTo("No term `mgl`. Did you mean `mql`?\n"
                + "Type `/sla stages`, `/sla personas` or `/sla help` to see everything you can ask.");
        assertThat(answer.share()).isFalse();
    }

    @Test
    void severalSuggestionsAreListedClosestFirst() {
        assertThat(ask("sq").text()).isEqualTo("No term `sq`. Did you mean `sql`?");
        assertThat(ask("ql").text()).isEqualTo("No term `ql`. Did you mean `sql` or `mql`?");
        var crowded = TestAgreements.withGlossary(TestAgreements.realistic(), List.of(
                TestAgreements.glossary("abcd", "Abcd", List.of(), "d"),
                TestAgreements.glossary("abce", "Abce", List.of(), "e"),
                TestAgreements.glossary("abcf", "Abcf", List.of(), "f"),
                TestAgreements.glossary("abcg", "Abcg", List.of(), "g")));
        Answer answer = Ask.answer(new SlaAnswers(crowded), "abcz", AnswerContext.none());
        assertThat(answer.text()).isEqualTo("No term `abcz`. Did you mean `abcd`, `abce` or `abcf`?");
    }

    @Test
    void aMistypedCommandSuggestsTheCommand() {
        assertThat(ask("personna").text()).isEqualTo("No term `personna`. Did you mean `personas`?");
    }

    @Test
    void nothingCloseSaysSoAndShowsHowToListEverything() {
        Answer answer = ask("quarterly business review");

        assertThat(BlockTexts.all(answer)).isEqualTo(
                "No term `quarterly business review`, and nothing close to it in the agreement.\n"
                        + "Type `/sla stages`, `/sla personas` or `/sla help` to see everything you can ask.");
    }

    @Test
    void aLongUnknownTermIsCutWhenEchoed() {
        Answer answer = ask("x".repeat(5000));

        assertThat(answer.text()).startsWith("No term `" + "x".repeat(79) + "…`").hasSizeLessThan(200);
        BlockTexts.assertWithinSlackLimits(answer);
    }

    @Test
    void aBacktickInTheTermCannotCloseTheCodeSpan() {
        Answer answer = ask("a`*b*`c");

        assertThat(answer.text()).startsWith("No term `aˋ∗b∗ˋc`");
    }

    @Test
    void shareIsPassedThroughForRealAnswers() {
        assertThat(ask("mql share").share()).isTrue();
        assertThat(ask("mql").share()).isFalse();
        assertThat(ask("terms share").share()).isTrue();
        assertThat(ask("persona ops-leader share").share()).isTrue();
    }
}
