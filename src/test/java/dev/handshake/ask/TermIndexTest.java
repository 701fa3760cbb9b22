package dev.handshake.ask;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.GlossaryTerm;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TermIndexTest {

    private final TermIndex index = TermIndex.of(TestAgreements.realistic());

    @ParameterizedTest
    @ValueSource(strings = {"mql", "MQL", "Mql", "marketing qualified lead", "Marketing-Qualified Lead",
            "MARKETING QUALIFIED LEAD", "marketing_qualified_lead", "marketingqualifiedlead", "Marketing lead",
            " mql ", "ＭＱＬ", "mql?", "“MQL”"})
    void findsAStageByIdNameOrAliasIgnoringCaseSpacesAndHyphens(String text) {
        assertThat(index.resolve(text)).get().extracting(Term::id).isEqualTo("mql");
    }

    @Test
    void findsEveryKindOfTerm() {
        assertThat(index.resolve("ops leader")).get().isInstanceOf(Term.OfPersona.class)
                .extracting(Term::id).isEqualTo("ops-leader");
        assertThat(index.resolve("coo")).get().extracting(Term::id).isEqualTo("ops-leader");
        assertThat(index.resolve("MQL acceptance rate")).get().isInstanceOf(Term.OfKpi.class)
                .extracting(Term::id).isEqualTo("mql-acceptance");
        assertThat(index.resolve("recycled lead")).get().isInstanceOf(Term.OfGlossary.class)
                .extracting(Term::id).isEqualTo("recycle");
        assertThat(index.resolve("SAL")).get().extracting(Term::id).isEqualTo("sql");
    }

    @Test
    void findsNonAsciiAndEmojiAliases() {
        assertThat(index.resolve("线索")).get().extracting(Term::id).isEqualTo("inbound-lead");
        assertThat(index.resolve("🔥")).get().extracting(Term::id).isEqualTo("hot-lead");
        assertThat(index.resolve("🔥\uFE0F")).get().extracting(Term::id).isEqualTo("hot-lead");
    }

    @Test
    void unknownTermsResolveToNothing() {
        assertThat(index.resolve("mgl")).isEmpty();
        assertThat(index.resolve("")).isEmpty();
        assertThat(index.resolve(null)).isEmpty();
        assertThat(index.resolve("stages")).isEmpty();
    }

    @Test
    void resolvingByKindIgnoresOtherKinds() {
        assertThat(index.resolve("mql", Term.Kind.PERSONA)).isEmpty();
        assertThat(index.resolve("Operations-Leader", Term.Kind.PERSONA)).get()
                .extracting(Term::id).isEqualTo("ops-leader");
    }

    @Test
    void idsWinOverNamesAndStagesOverGlossaryTerms() {
        Agreement agreement = TestAgreements.withGlossary(TestAgreements.realistic(), List.of(
                new GlossaryTerm("lead", "Lead (glossary)", List.of(), "Clashes with the stage id."),
                new GlossaryTerm("g-mql", "MQL", List.of("customer"), "Clashes with the stage id and an alias.")));
        TermIndex clashing = TermIndex.of(agreement);

        assertThat(clashing.resolve("lead")).get().isInstanceOf(Term.OfStage.class);
        assertThat(clashing.resolve("mql")).get().isInstanceOf(Term.OfStage.class);
        assertThat(clashing.resolve("customer")).get().isInstanceOf(Term.OfStage.class);
        assertThat(clashing.resolve("g-mql")).get().isInstanceOf(Term.OfGlossary.class);
    }

    @Test
    void suggestsTheClosestTermForATypo() {
        assertThat(index.suggest("mgl")).containsExactly("mql");
        assertThat(index.suggest("opportunty")).containsExactly("opportunity");
        assertThat(index.suggest("custmoer")).first().isEqualTo("customer");
    }

    @Test
    void suggestsTransposedLetters() {
        assertThat(index.suggest("qml")).contains("mql");
    }

    @Test
    void suggestsCommandWordsForMistypedCommands() {
        assertThat(index.suggest("personna")).first().isEqualTo("personas");
        assertThat(index.suggest("stagse")).first().isEqualTo("stages");
    }

    @Test
    void suggestsPrefixMatches() {
        assertThat(index.suggest("opport")).containsExactly("opportunity");
        assertThat(index.suggest("marketing qual")).containsExactly("Marketing Qualified Lead");
    }

    @Test
    void suggestsNothingWhenNothingIsClose() {
        assertThat(index.suggest("xyzzy")).isEmpty();
        assertThat(index.suggest("")).isEmpty();
        assertThat(index.suggest("a".repeat(5000))).isEmpty();
    }

    @Test
    void suggestsAtMostThreeAndOnlyOncePerTerm() {
        List<GlossaryTerm> glossary = new ArrayList<>();
        for (String id : List.of("abcd", "abce", "abcf", "abcg", "abch")) {
            glossary.add(new GlossaryTerm(id, id.toUpperCase(), List.of(id + "-x"), "Definition."));
        }
        TermIndex crowded = TermIndex.of(TestAgreements.withGlossary(TestAgreements.realistic(), glossary));

        List<String> suggestions = crowded.suggest("abcz");

        assertThat(suggestions).hasSize(3).doesNotHaveDuplicates().allMatch(s -> s.startsWith("abc"));
    }

    @Test
    void suggestionsByKindOnlyOfferThatKind() {
        assertThat(index.suggest("ops-leder", Term.Kind.PERSONA)).containsExactly("ops-leader");
        assertThat(index.suggest("mgl", Term.Kind.PERSONA)).isEmpty();
    }
}
