package dev.handshake.ask;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.GlossaryTerm;
import dev.handshake.agreement.Kpi;
import dev.handshake.agreement.Persona;
import dev.handshake.agreement.Stage;
import dev.handshake.agreement.Team;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LimitsTest {

    private static Answer ask(Agreement agreement, String question) {
        return Ask.answer(new SlaAnswers(agreement), question, AnswerContext.none());
    }

    private static String withoutWhitespace(String text) {
        return text.replaceAll("\\s+", "");
    }

    @Test
    void aTwentyThousandCharacterDefinitionIsSplitWithNothingLost() {
        StringBuilder definition = new StringBuilder();
        for (int i = 0; definition.length() < 20_000; i++) {
            definition.append("word").append(i).append(i % 50 == 0 ? " & <b>\n" : " ");
        }
        Answer answer = ask(TestAgreements.withDefinition("mql", definition.toString()), "mql");

        List<String> sections = BlockTexts.sectionTexts(answer);
        assertThat(sections).allSatisfy(s -> assertThat(s).hasSizeLessThanOrEqualTo(3000));
        String definitionSections = String.join("", sections.subList(0, indexOfEntryCriteria(sections)));
        assertThat(withoutWhitespace(definitionSections))
                .isEqualTo(withoutWhitespace("*Definition*" + dev.handshake.slack.Mrkdwn.escape(definition.toString())));
        assertThat(sections.size()).isGreaterThanOrEqualTo(7);
        BlockTexts.assertWithinSlackLimits(answer);
    }

    @Test
    void aDefinitionWithoutSpacesIsCutBetweenEntities() {
        String definition = "&".repeat(7000) + "x".repeat(7000);
        Answer answer = ask(TestAgreements.withDefinition("mql", definition), "mql");

        List<String> sections = BlockTexts.sectionTexts(answer);
        String joined = String.join("", sections.subList(0, indexOfEntryCriteria(sections)));
        assertThat(joined).isEqualTo("*Definition*\n" + "&amp;".repeat(7000) + "x".repeat(7000));
        assertThat(sections).allSatisfy(s -> assertThat(s).doesNotEndWith("&").doesNotEndWith("&am"));
        BlockTexts.assertWithinSlackLimits(answer);
    }

    private static int indexOfEntryCriteria(List<String> sections) {
        return IntStream.range(0, sections.size()).filter(i -> sections.get(i).startsWith("*Entry criteria*"))
                .findFirst().orElseThrow();
    }

    @Test
    void threeHundredStagesAreAllListedWithinFiftyBlocks() {
        Agreement agreement = TestAgreements.withStages(TestAgreements.realistic(),
                TestAgreements.chain(300, i -> "Stage " + i));

        Answer answer = ask(agreement, "stages");

        BlockTexts.assertWithinSlackLimits(answer);
        String all = BlockTexts.all(answer);
        assertThat(all).contains("1. *Stage 1* `s1`", "300. *Stage 300* `s300`");
    }

    @Test
    void threeHundredStagesWithHugeNamesAreAllListedWithCutNames() {
        Agreement agreement = TestAgreements.withStages(TestAgreements.realistic(),
                TestAgreements.chain(300, i -> i + " " + "&".repeat(2000)));

        Answer answer = ask(agreement, "stages");

        BlockTexts.assertWithinSlackLimits(answer);
        assertThat(count(BlockTexts.all(answer), Pattern.compile("(?m)^\\d+\\. \\*"))).isEqualTo(300);
        assertThat(BlockTexts.all(answer)).contains("300. *300 &amp;&amp;").doesNotContain("&amp;".repeat(40));
    }

    @Test
    void aThousandStagesAreCappedWithACount() {
        Agreement agreement = TestAgreements.withStages(TestAgreements.realistic(),
                TestAgreements.chain(1000, i -> i + " " + "&".repeat(2000)));

        Answer answer = ask(agreement, "stages");

        BlockTexts.assertWithinSlackLimits(answer);
        assertThat(answer.blocks()).hasSize(50);
        assertThat(BlockTexts.header(answer)).isEqualTo("Lead stages");
        int shown = count(BlockTexts.all(answer), Pattern.compile("(?m)^\\d+\\. \\*"));
        assertThat(shown).isPositive();
        assertThat(omitted(BlockTexts.lastContext(answer)) + shown).isEqualTo(1000);
    }

    @Test
    void aVeryLongListOfCriteriaIsCappedWithACount() {
        List<String> criteria = IntStream.range(0, 500).mapToObj(i -> "crit-" + i + " " + "x".repeat(1000)).toList();
        Stage stage = new Stage("big", "Big", List.of(), "Short.", criteria, Team.SALES, List.of(), null);

        Answer answer = ask(TestAgreements.withStages(TestAgreements.realistic(), List.of(stage)), "big");

        BlockTexts.assertWithinSlackLimits(answer);
        int shown = count(BlockTexts.all(answer), Pattern.compile("• crit-"));
        assertThat(shown).isPositive();
        assertThat(omitted(BlockTexts.lastContext(answer)) + shown).isEqualTo(500);
    }

    @Test
    void manyPersonasWithLongSummariesAreCapped() {
        List<Persona> personas = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            personas.add(new Persona("p" + i, "Persona " + i, List.of(), "y".repeat(2000), "", List.of(), List.of()));
        }

        Answer answer = ask(TestAgreements.withPersonas(TestAgreements.realistic(), personas), "personas");

        BlockTexts.assertWithinSlackLimits(answer);
        int shown = count(BlockTexts.all(answer), Pattern.compile("• \\*Persona \\d+\\*"));
        assertThat(omitted(BlockTexts.lastContext(answer)) + shown).isEqualTo(300);
    }

    @Test
    void longNamesAliasesAndTargetsAreCutToTheirLimits() {
        GlossaryTerm term = new GlossaryTerm("long", "N&".repeat(1000),
                IntStream.range(0, 2000).mapToObj(i -> "alias" + i).toList(), "Definition.");
        Kpi kpi = new Kpi("k", "K", "Def.", "t&".repeat(3000), null);
        Agreement agreement = TestAgreements.withGlossary(TestAgreements.realistic(), List.of(term));
        agreement = TestAgreements.withGoals(agreement, new dev.handshake.agreement.Goals(
                dev.handshake.agreement.GoalPeriod.parse("2025").orElseThrow(),
                java.math.BigDecimal.ONE, "USD", List.of(), List.of(), List.of(kpi)));

        Answer glossary = ask(agreement, "long");
        Answer kpiCard = ask(agreement, "k");

        BlockTexts.assertWithinSlackLimits(glossary);
        BlockTexts.assertWithinSlackLimits(kpiCard);
        assertThat(BlockTexts.header(glossary)).endsWith("…").doesNotContain("&am…");
        assertThat(BlockTexts.all(kpiCard)).contains("*Target*\nt&amp;t&amp;");
    }

    @Test
    void aLongHostileQuestionStaysSmall() {
        Answer answer = ask(TestAgreements.realistic(), "<!channel> ".repeat(1000));

        BlockTexts.assertWithinSlackLimits(answer);
        assertThat(answer.text()).hasSizeLessThan(300);
    }

    private static int count(String text, Pattern pattern) {
        Matcher matcher = pattern.matcher(text);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }

    private static int omitted(String moreContext) {
        Matcher matcher = Pattern.compile("^… and (\\d+) more$").matcher(moreContext);
        assertThat(matcher.matches()).as("last context: %s", moreContext).isTrue();
        return Integer.parseInt(matcher.group(1));
    }
}
