package dev.handshake.ask;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class SlaQueryTest {

    /** The agreement's own commands and one with effects, as the app registers them. */
    private static final SlaCommands COMMANDS = new SlaAnswers(TestAgreements.realistic()).commands(
            AnswerContext::none, () -> null, List.of(SlaCommand.withEffect(List.of("away", "back"), List.of(),
                    request -> Ask.answer(new SlaAnswers(TestAgreements.realistic()), "help", AnswerContext.none()))));

    private static SlaQuery parse(String text) {
        return COMMANDS.parse(text);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "\t\n", "help", "HELP", "  Help  ", "?", "\u00a0help\u3000"})
    void emptyTextAndHelpAskForHelp(String text) {
        SlaQuery query = parse(text);

        assertThat(COMMANDS.handlerFor(query)).isSameAs(COMMANDS.handlerFor(new SlaQuery("help", "", false)));
        assertThat(query.argument()).isEmpty();
        assertThat(query.share()).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
            "stages, stages", "STAGES, stages", "personas, personas", "persona, persona", "Goals, goals",
            "terms, terms", "tErMs, terms", "?, ?"})
    void commandWordsAreRecognisedInAnyCase(String text, String command) {
        SlaQuery query = parse(text);

        assertThat(query.command()).isEqualTo(command);
        assertThat(query.isLookup()).isFalse();
        assertThat(query.argument()).isEmpty();
    }

    @Test
    void personaTakesTheRestAsItsArgument() {
        SlaQuery query = parse("  persona   Ops   Leader ");

        assertThat(query.command()).isEqualTo("persona");
        assertThat(query.argument()).isEqualTo("Ops Leader");
    }

    @Test
    void personasWithAnArgumentCarriesIt() {
        assertThat(parse("personas ops-leader"))
                .isEqualTo(new SlaQuery("personas", "ops-leader", false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"mql", "MQL", "marketing qualified lead", "Marketing-Qualified Lead", "线索", "🔥"})
    void anythingElseIsALookupOfTheWholeText(String text) {
        SlaQuery query = parse(text);

        assertThat(query.isLookup()).isTrue();
        assertThat(query.command()).isEmpty();
        assertThat(query.argument()).isEqualTo(text);
    }

    @Test
    void extraSpacesAreCollapsed() {
        SlaQuery query = parse("   marketing \t qualified\u00a0\u00a0 lead  ");

        assertThat(query.argument()).isEqualTo("marketing qualified lead");
    }

    @ParameterizedTest
    @ValueSource(strings = {"mql share", "mql SHARE", "mql Share  ", "  mql   share"})
    void aTrailingShareIsStrippedAndRemembered(String text) {
        SlaQuery query = parse(text);

        assertThat(query).isEqualTo(new SlaQuery("", "mql", true));
    }

    @Test
    void shareWorksWithEveryForm() {
        assertThat(parse("stages share")).isEqualTo(new SlaQuery("stages", "", true));
        assertThat(parse("persona ops-leader share"))
                .isEqualTo(new SlaQuery("persona", "ops-leader", true));
        assertThat(parse("share")).isEqualTo(new SlaQuery("help", "", true));
        assertThat(parse("help share").share()).isTrue();
    }

    @Test
    void shareOnlyCountsAtTheEnd() {
        SlaQuery query = parse("share of wallet");

        assertThat(query).isEqualTo(new SlaQuery("", "share of wallet", false));
    }

    @Test
    void onlyOneTrailingShareIsStripped() {
        SlaQuery query = parse("mql share share");

        assertThat(query.argument()).isEqualTo("mql share");
        assertThat(query.share()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"away, away, ''", "AWAY until Monday, away, until Monday", "back, back, ''",
            "back soon share, back, soon"})
    void theWordsOfOtherCapabilitiesCommandsCarryTheirText(String text, String command, String argument) {
        SlaQuery query = parse(text);

        assertThat(query.command()).isEqualTo(command);
        assertThat(query.argument()).isEqualTo(argument);
    }

    @ParameterizedTest
    @ValueSource(strings = {"awayy", "a way", "backup plan", "shared"})
    void textStartingWithNoRegisteredWordIsALookupOfAllOfIt(String text) {
        assertThat(parse(text)).isEqualTo(new SlaQuery("", text, false));
    }

    @Test
    void junkIsKeptAsTheLookupText() {
        SlaQuery query = parse("<!channel> & <@U123|boss>");

        assertThat(query).isEqualTo(new SlaQuery("", "<!channel> & <@U123|boss>", false));
    }

    @Test
    void severalKilobytesOfTextParse() {
        String text = "word ".repeat(2000) + "share";

        SlaQuery query = parse(text);

        assertThat(query.isLookup()).isTrue();
        assertThat(query.share()).isTrue();
        assertThat(query.argument()).hasSize("word ".length() * 2000 - 1);
    }

    @Test
    void textGivesBackTheQuestionWithoutShare() {
        assertThat(parse("terms of payment share").text()).isEqualTo("terms of payment");
        assertThat(parse("stages").text()).isEqualTo("stages");
        assertThat(parse("mql").text()).isEqualTo("mql");
    }
}
