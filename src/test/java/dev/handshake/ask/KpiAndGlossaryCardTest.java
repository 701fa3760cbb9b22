package dev.handshake.ask;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KpiAndGlossaryCardTest {

    private final SlaAnswers answers = new SlaAnswers(TestAgreements.realistic());

    private Answer ask(String text) {
        return Ask.answer(answers, text, AnswerContext.none());
    }

    @Test
    void kpiCardShowsDefinitionTargetAndMetric() {
        Answer answer = ask("mql acceptance rate");

        assertThat(BlockTexts.header(answer)).isEqualTo("MQL acceptance rate");
        assertThat(BlockTexts.all(answer)).contains(
                "KPI · `mql-acceptance`", "*How it is measured*\nShare of handed-off MQLs that sales accepts.",
                "*Target*\n80%", "`acceptance_rate`");
        BlockTexts.assertWithinSlackLimits(answer);
    }

    @Test
    void glossaryCardShowsTheDefinition() {
        Answer answer = ask("recycled-lead");

        assertThat(BlockTexts.header(answer)).isEqualTo("Recycle");
        assertThat(BlockTexts.all(answer)).contains("Glossary · `recycle` · also: recycled lead",
                "Send a rejected lead back to nurturing.");
        assertThat(answer.text()).isEqualTo("Recycle: Send a rejected lead back to nurturing.");
        BlockTexts.assertWithinSlackLimits(answer);
    }

    @Test
    void nonAsciiAndEmojiTermsAreAnswered() {
        assertThat(BlockTexts.header(ask("线索"))).isEqualTo("Inbound lead");
        assertThat(BlockTexts.header(ask("🔥 share"))).isEqualTo("Hot lead");
        assertThat(ask("🔥 share").share()).isTrue();
    }
}
