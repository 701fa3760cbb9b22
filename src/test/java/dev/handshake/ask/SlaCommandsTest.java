package dev.handshake.ask;

import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handshake.agreement.Agreement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code /sla} registry: each word reaches the command that declares it, and start-up refuses clashes. */
class SlaCommandsTest {

    private static final SlaAnswers ANSWERS = new SlaAnswers(TestAgreements.realistic());

    private static SlaCommand command(boolean onlyAnswers, String reply, List<HelpLine> help, String... words) {
        return new SlaCommand(List.of(words), help, onlyAnswers, request -> new Answer(
                reply + ":" + request.query().argument() + ":" + request.userId(),
                List.of(section(s -> s.text(markdownText(reply)))), false));
    }

    @Test
    void aCommandIsReachedByEachOfItsWordsEvenWhenTheGlossaryHasATermOfThatName() {
        Agreement withQueue = TestAgreements.withGlossary(TestAgreements.realistic(), List.of(
                TestAgreements.glossary("queue", "Queue", List.of("line"), "Leads waiting for a rep.")));
        assertThat(BlockTexts.all(Ask.answer(new SlaAnswers(withQueue), "queue", AnswerContext.none())))
                .as("without the command, the word is the glossary's").contains("Leads waiting for a rep.");

        SlaCommands commands = new SlaAnswers(withQueue).commands(AnswerContext::none, () -> null, List.of(
                command(true, "queue", List.of(new HelpLine("/sla queue", "the leads waiting")), "queue", "q")));

        assertThat(Ask.answer(commands, "queue mine").text()).isEqualTo("queue:mine:U0ASKER001");
        assertThat(Ask.answer(commands, "Q   mine  share").text()).isEqualTo("queue:mine:U0ASKER001");
        assertThat(BlockTexts.all(Ask.answer(commands, "line"))).contains("Leads waiting for a rep.");
    }

    @Test
    void theHelpCardListsEveryRegisteredLineInOrderBetweenTheLookupAndShare() {
        SlaCommands commands = ANSWERS.commands(AnswerContext::none, () -> null, List.of(
                command(true, "q", List.of(new HelpLine("/sla queue", "the leads waiting")), "queue"),
                command(false, "a", List.of(new HelpLine("/sla away until 2026-12-24", "skips you"),
                        new HelpLine("/sla back", "ends it")), "away", "back")));

        String help = BlockTexts.all(Ask.answer(commands, "help"));

        assertThat(commands.helpLines()).extracting(HelpLine::example).containsExactly("/sla stages",
                "/sla personas", "/sla persona ops-leader", "/sla goals", "/sla terms", "/sla queue",
                "/sla away until 2026-12-24", "/sla back");
        assertThat(help).containsSubsequence("`/sla mql` — ", "`/sla stages` — ", "`/sla personas` — ",
                "`/sla persona ops-leader` — ", "`/sla goals` — ", "`/sla terms` — ",
                "`/sla queue` — the leads waiting", "`/sla away until 2026-12-24` — skips you",
                "`/sla back` — ends it", "`/sla mql share` — ");
    }

    @Test
    void twoCommandsClaimingOneWordFailAtStartUp() {
        List<SlaCommand> clash = List.of(command(true, "a", List.of(), "queue"),
                command(false, "b", List.of(), "line", "queue"));

        assertThatThrownBy(() -> ANSWERS.commands(AnswerContext::none, () -> null, clash))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("/sla queue is claimed by two commands: /sla queue and /sla line; "
                        + "each word may call one command");
    }

    @ParameterizedTest
    @ValueSource(strings = {"stages", "persona", "help", "?", "terms"})
    void aCommandCannotTakeAWordOfTheAgreementsOwn(String word) {
        assertThatThrownBy(() -> ANSWERS.commands(AnswerContext::none, () -> null, List.of(command(true, "x", List.of(), word))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("/sla " + word + " is claimed by two commands");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Queue", "two words", " queue", "", "share"})
    void aWordThatCannotBeTypedAsOneIsRefused(String word) {
        assertThatThrownBy(() -> ANSWERS.commands(AnswerContext::none, () -> null, List.of(command(true, "x", List.of(), word))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("declares the word \"" + word + "\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/sla queues", "/sla  queue", "sla queue", "/sla", "/handshake queue"})
    void aHelpLineMustCallItsOwnCommand(String example) {
        List<SlaCommand> advertising = List.of(command(true, "q", List.of(new HelpLine(example, "x")), "queue"));

        assertThatThrownBy(() -> ANSWERS.commands(AnswerContext::none, () -> null, advertising))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the help line \"" + example + "\" of /sla queue does not start with /sla and one of its "
                        + "words [queue]");
    }

    @Test
    void theRegistryNeedsHelpForAnEmptyQuestion() {
        assertThatThrownBy(() -> new SlaCommands(List.of(command(true, "q", List.of(), "queue")),
                request -> null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("/sla on its own asks for help");
    }

    @Test
    void eachCommandSaysWhetherItOnlyAnswers() {
        SlaCommands commands = ANSWERS.commands(AnswerContext::none, () -> null, List.of(
                command(true, "q", List.of(), "queue"), command(false, "a", List.of(), "away", "back")));

        assertThat(commands.onlyAnswers("queue share")).isTrue();
        assertThat(commands.onlyAnswers("mql")).as("a lookup").isTrue();
        assertThat(commands.onlyAnswers("")).as("help").isTrue();
        assertThat(commands.onlyAnswers("back")).isFalse();
        assertThat(commands.onlyAnswers("AWAY until 2026-12-24")).isFalse();
    }
}
