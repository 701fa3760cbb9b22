package dev.handshake.ask;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handshake.ask.SlaQuery.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class SlaQueryTest {

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "\t\n", "help", "HELP", "  Help  ", "?", "\u00a0help\u3000"})
    void emptyTextAndHelpAskForHelp(String text) {
        SlaQuery query = SlaQuery.parse(text);

        assertThat(query.kind()).isEqualTo(Kind.HELP);
        assertThat(query.share()).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
            "stages, STAGES", "STAGES, STAGES", "personas, PERSONAS", "persona, PERSONAS", "Goals, GOALS",
            "terms, TERMS", "tErMs, TERMS"})
    void listCommandsAreRecognisedInAnyCase(String text, Kind kind) {
        SlaQuery query = SlaQuery.parse(text);

        assertThat(query.kind()).isEqualTo(kind);
        assertThat(query.argument()).isEmpty();
    }

    @Test
    void personaTakesTheRestAsItsArgument() {
        SlaQuery query = SlaQuery.parse("  persona   Ops   Leader ");

        assertThat(query.kind()).isEqualTo(Kind.PERSONA);
        assertThat(query.command()).isEqualTo("persona");
        assertThat(query.argument()).isEqualTo("Ops Leader");
    }

    @Test
    void personasWithAnArgumentIsAlsoAPersonaQuestion() {
        assertThat(SlaQuery.parse("personas ops-leader"))
                .isEqualTo(new SlaQuery(Kind.PERSONA, "personas", "ops-leader", false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"mql", "MQL", "marketing qualified lead", "Marketing-Qualified Lead", "线索", "🔥"})
    void anythingElseIsALookupOfTheWholeText(String text) {
        SlaQuery query = SlaQuery.parse(text);

        assertThat(query.kind()).isEqualTo(Kind.LOOKUP);
        assertThat(query.command()).isEmpty();
        assertThat(query.argument()).isEqualTo(text);
    }

    @Test
    void extraSpacesAreCollapsed() {
        SlaQuery query = SlaQuery.parse("   marketing \t qualified\u00a0\u00a0 lead  ");

        assertThat(query.argument()).isEqualTo("marketing qualified lead");
    }

    @ParameterizedTest
    @ValueSource(strings = {"mql share", "mql SHARE", "mql Share  ", "  mql   share"})
    void aTrailingShareIsStrippedAndRemembered(String text) {
        SlaQuery query = SlaQuery.parse(text);

        assertThat(query).isEqualTo(new SlaQuery(Kind.LOOKUP, "", "mql", true));
    }

    @Test
    void shareWorksWithEveryForm() {
        assertThat(SlaQuery.parse("stages share")).isEqualTo(new SlaQuery(Kind.STAGES, "stages", "", true));
        assertThat(SlaQuery.parse("persona ops-leader share"))
                .isEqualTo(new SlaQuery(Kind.PERSONA, "persona", "ops-leader", true));
        assertThat(SlaQuery.parse("share")).isEqualTo(new SlaQuery(Kind.HELP, "help", "", true));
        assertThat(SlaQuery.parse("help share").share()).isTrue();
    }

    @Test
    void shareOnlyCountsAtTheEnd() {
        SlaQuery query = SlaQuery.parse("share of wallet");

        assertThat(query).isEqualTo(new SlaQuery(Kind.LOOKUP, "", "share of wallet", false));
    }

    @Test
    void onlyOneTrailingShareIsStripped() {
        SlaQuery query = SlaQuery.parse("mql share share");

        assertThat(query.argument()).isEqualTo("mql share");
        assertThat(query.share()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"stats, stats, ''", "STATS last quarter, stats, last quarter", "export csv, export, csv",
            "away until Monday, away, until Monday", "back, back, ''"})
    void reservedWordsAreOtherCommandsCarryingTheirText(String text, String command, String argument) {
        SlaQuery query = SlaQuery.parse(text);

        assertThat(query.kind()).isEqualTo(Kind.OTHER);
        assertThat(query.command()).isEqualTo(command);
        assertThat(query.argument()).isEqualTo(argument);
    }

    @Test
    void junkIsKeptAsTheLookupText() {
        SlaQuery query = SlaQuery.parse("<!channel> & <@U123|boss>");

        assertThat(query.kind()).isEqualTo(Kind.LOOKUP);
        assertThat(query.argument()).isEqualTo("<!channel> & <@U123|boss>");
    }

    @Test
    void severalKilobytesOfTextParse() {
        String text = "word ".repeat(2000) + "share";

        SlaQuery query = SlaQuery.parse(text);

        assertThat(query.kind()).isEqualTo(Kind.LOOKUP);
        assertThat(query.share()).isTrue();
        assertThat(query.argument()).hasSize("word ".length() * 2000 - 1);
    }

    @Test
    void textGivesBackTheQuestionWithoutShare() {
        assertThat(SlaQuery.parse("terms of payment share").text()).isEqualTo("terms of payment");
        assertThat(SlaQuery.parse("stages").text()).isEqualTo("stages");
        assertThat(SlaQuery.parse("mql").text()).isEqualTo("mql");
    }
}
