package dev.handshake.ask;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PersonaCardsTest {

    private final SlaAnswers answers = new SlaAnswers(TestAgreements.realistic());

    private Answer ask(String text) {
        return Ask.answer(answers, text, AnswerContext.none());
    }

    @Test
    void listsEveryPersonaWithItsIdAndSummary() {
        Answer answer = ask("personas");

        assertThat(BlockTexts.header(answer)).isEqualTo("Buyer personas");
        assertThat(BlockTexts.all(answer)).contains(
                "• *Operations Leader* `ops-leader` — Runs operations at a 200–2,000 person company and owns the "
                        + "tooling budget.\n• *IT Administrator* `it-admin` — Keeps the tools running and approves "
                        + "every integration.",
                "`/sla persona &lt;id&gt;`");
        BlockTexts.assertWithinSlackLimits(answer);
    }

    @Test
    void showsOnePersonaWithTraitsAndPains() {
        Answer answer = ask("persona ops-leader");

        assertThat(BlockTexts.header(answer)).isEqualTo("Operations Leader");
        assertThat(BlockTexts.all(answer)).contains(
                "Persona · `ops-leader` · also: COO",
                "*In one line*\nRuns operations at a 200–2,000 person company",
                "*Who they are*\nReports to the CEO; measured on cost per order and on-time delivery.",
                "*Traits*\n• Data-driven\n• Signs off purchases up to $50k",
                "*Pains*\n• Spreadsheets that break at month end\n• No single view of orders");
        BlockTexts.assertWithinSlackLimits(answer);
    }

    @Test
    void findsAPersonaByNameOrAliasToo() {
        assertThat(BlockTexts.header(ask("persona operations leader"))).isEqualTo("Operations Leader");
        assertThat(BlockTexts.header(ask("persona coo"))).isEqualTo("Operations Leader");
        assertThat(BlockTexts.header(ask("ops-leader"))).isEqualTo("Operations Leader");
    }

    @Test
    void anUnknownPersonaSuggestsPersonasOnly() {
        Answer answer = ask("persona ops-leder");

        assertThat(answer.text()).isEqualTo("No persona `ops-leder`. Did you mean `ops-leader`?");
        assertThat(BlockTexts.all(answer)).contains("Type `/sla personas` to see them all.");
        assertThat(ask("persona mql").text()).isEqualTo("No persona `mql`, and nothing close to it in the agreement.");
    }

    @Test
    void noPersonasSaysSo() {
        Answer answer = Ask.answer(new SlaAnswers(TestAgreements.withPersonas(TestAgreements.realistic(), List.of())),
                "personas", AnswerContext.none());

        assertThat(BlockTexts.all(answer)).contains("The agreement defines no personas yet.");
    }
}
