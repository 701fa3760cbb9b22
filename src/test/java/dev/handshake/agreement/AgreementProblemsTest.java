package dev.handshake.agreement;

import static dev.handshake.agreement.AgreementYaml.VALID;
import static dev.handshake.agreement.AgreementYaml.lineOf;
import static dev.handshake.agreement.AgreementYaml.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Each kind of mistake in an agreement file is reported with its path, its line and a message that says what to do. */
class AgreementProblemsTest {

    private final AgreementLoader loader = new AgreementLoader();

    private List<AgreementProblem> problems(String yaml) {
        try {
            loader.parse("sla.yml", yaml);
        } catch (InvalidAgreementException e) {
            assertThat(e.source()).isEqualTo("sla.yml");
            return e.problems();
        }
        return fail("expected the agreement to be rejected:\n" + yaml);
    }

    private static AgreementProblem problem(String path, int line, String message) {
        return new AgreementProblem(path, line, message);
    }

    @Nested
    class Structure {

        @Test
        void missingRequiredFieldIsReportedOnTheLineOfItsMapping() {
            String yaml = with("    definition: A lead that fits.\n", "");

            assertThat(problems(yaml)).containsExactly(
                    problem("stages[1].definition", lineOf(yaml, "- id: mql"), "is required"));
        }

        @Test
        void missingTopLevelSectionIsAboutTheWholeFile() {
            String yaml = with("review:\n", "review_notes:\n");

            assertThat(problems(yaml)).containsExactly(
                    problem("review", 0, "is required"),
                    problem("review_notes", lineOf(yaml, "review_notes:"), "unknown key \"review_notes\"; expected "
                            + "one of: calendar, commitments, effective, glossary, goals, handoff, hubspot, intake, "
                            + "name, owners, permissions, personas, review, stages, version, webhooks"));
        }

        @Test
        void keyWithoutValueIsReported() {
            String yaml = with("    name: Mia Marketing", "    name:");

            assertThat(problems(yaml)).containsExactly(
                    problem("owners.marketing.name", lineOf(VALID, "Mia Marketing"), "has no value"));
        }

        @Test
        void misspelledKeyIsReportedWithTheKeyItResembles() {
            String yaml = with("definition: A lead that fits.", "defintion: A lead that fits.");

            assertThat(problems(yaml)).containsExactly(
                    problem("stages[1].definition", lineOf(yaml, "- id: mql"), "is required"),
                    problem("stages[1].defintion", lineOf(yaml, "defintion:"),
                            "unknown key \"defintion\"; did you mean \"definition\"?"));
        }

        @Test
        void textWhereAListBelongsIsAWrongType() {
            String yaml = with("entry_criteria: [Discovery call held]", "entry_criteria: Discovery call held");

            assertThat(problems(yaml)).containsExactly(problem("stages[2].entry_criteria",
                    lineOf(yaml, "entry_criteria: Discovery call held"),
                    "must be a list (one \"- item\" per line), was \"Discovery call held\""));
        }

        @Test
        void listWhereTextBelongsIsAWrongType() {
            String yaml = with("name: Test SLA", "name: [Test, SLA]");

            assertThat(problems(yaml)).containsExactly(problem("name", 1, "must be text, was a list"));
        }

        @Test
        void wordWhereANumberBelongsIsAWrongType() {
            String yaml = with("response_hours: 4", "response_hours: four");

            assertThat(problems(yaml)).containsExactly(problem("handoff.stages[0].response_hours",
                    lineOf(yaml, "response_hours: four"), "must be a number, was \"four\""));
        }

        @Test
        void textWhereAListItemMappingBelongsIsAWrongType() {
            String yaml = with("  - id: ops-leader\n    name: Operations leader\n    summary: Runs operations at a shipper.\n",
                    "  - ops-leader\n");

            assertThat(problems(yaml)).containsExactly(problem("personas[0]", lineOf(yaml, "- ops-leader"),
                    "must be a mapping (key: value lines), was \"ops-leader\""));
        }

        @Test
        void ownerMustBeOneOfTheTwoTeams() {
            String yaml = with("owner: sales", "owner: sale");

            assertThat(problems(yaml)).containsExactly(problem("stages[2].owner", lineOf(yaml, "owner: sale"),
                    "must be \"marketing\" or \"sales\", was \"sale\""));
        }

        @Test
        void unknownMetricListsTheKnownOnes() {
            String yaml = with("metric: mqls", "metric: sqls");

            assertThat(problems(yaml)).singleElement().satisfies(p -> {
                assertThat(p.path()).isEqualTo("goals.team_targets.marketing[0].metric");
                assertThat(p.line()).isEqualTo(lineOf(yaml, "metric: sqls"));
                assertThat(p.message()).startsWith("must be \"leads\", \"mqls\", ").endsWith(", was \"sqls\"");
            });
        }

        @Test
        void unknownCurrencyAndCadenceAreReported() {
            String yaml = with("currency: USD", "currency: usd")
                    .replace("  channel: \"#revops\"", "  channel: \"#revops\"\n  cadence: yearly");

            assertThat(problems(yaml)).containsExactly(
                    problem("goals.currency", lineOf(yaml, "currency: usd"),
                            "must be an ISO 4217 currency code like \"USD\" or \"EUR\", was \"usd\""),
                    problem("review.cadence", lineOf(yaml, "cadence: yearly"),
                            "must be \"quarterly\" or \"monthly\", was \"yearly\""));
        }
    }

    @Nested
    class IdsAndReferences {

        @Test
        void idMustBeALowercaseSlug() {
            String yaml = with("- id: ops-leader", "- id: Ops_Leader");

            assertThat(problems(yaml)).containsExactly(problem("personas[0].id", lineOf(yaml, "Ops_Leader"),
                    "must be a lowercase id of letters, digits and \"-\" that starts with a letter "
                            + "(like \"ops-leader\"), was \"Ops_Leader\""));
        }

        @Test
        void duplicatePersonaIdIsReportedWhereItRepeats() {
            String yaml = with("\nstages:\n", """

                      - id: ops-leader
                        name: Warehouse leader
                        summary: Runs a warehouse.
                    stages:
                    """);

            assertThat(problems(yaml)).containsExactly(problem("personas[1].id", lineOf(yaml, "Warehouse leader") - 1,
                    "duplicate persona id \"ops-leader\" (first used on line " + lineOf(VALID, "- id: ops-leader") + ")"));
        }

        @Test
        void duplicateStageIdIsReportedAndTheStageItHidIsMissed() {
            String yaml = with("- id: sql", "- id: mql");

            assertThat(problems(yaml)).containsExactly(
                    problem("stages[1].next", lineOf(yaml, "next: sql"), "unknown stage \"sql\"; did you mean \"mql\"?"),
                    problem("stages[2].id", lineOf(yaml, "name: SQL") - 1,
                            "duplicate stage id \"mql\" (first used on line " + lineOf(VALID, "- id: mql") + ")"));
        }

        @Test
        void aliasOfAStageMayNotAlsoNameAPersona() {
            String yaml = with("    name: Operations leader\n",
                    "    name: Operations leader\n    aliases: [Marketing  Qualified Lead]\n");

            assertThat(problems(yaml)).containsExactly(problem("stages[1].aliases[0]",
                    lineOf(yaml, "aliases: [marketing qualified lead]"),
                    "\"marketing qualified lead\" already refers to persona \"ops-leader\" (line "
                            + lineOf(yaml, "Marketing  Qualified Lead") + "); a name or alias must lead to one thing"));
        }

        @Test
        void glossaryTermMayNotReuseAStageName() {
            String yaml = VALID + """
                    glossary:
                      - id: sales-qualified
                        name: SQL
                        definition: Something else.
                    """;

            assertThat(problems(yaml)).containsExactly(problem("glossary[0].name",
                    lineOf(yaml, "definition: Something else.") - 1,
                    "\"SQL\" already refers to stage \"sql\" (line " + lineOf(yaml, "- id: sql")
                            + "); a name or alias must lead to one thing"));
        }

        @Test
        void nextMustNameAStage() {
            String yaml = with("next: sql", "next: sq");

            assertThat(problems(yaml)).containsExactly(problem("stages[1].next", lineOf(yaml, "next: sq"),
                    "unknown stage \"sq\"; did you mean \"sql\"?"));
        }

        @Test
        void unknownStageWithNothingCloseListsTheStages() {
            String yaml = with("next: sql", "next: won");

            assertThat(problems(yaml)).containsExactly(problem("stages[1].next", lineOf(yaml, "next: won"),
                    "unknown stage \"won\"; stages are lead, mql, sql"));
        }

        @Test
        void nextMayNotLoop() {
            String yaml = with("    owner: sales\n", "    owner: sales\n    next: lead\n");

            assertThat(problems(yaml)).containsExactly(problem("stages[2].next", lineOf(yaml, "next: lead"),
                    "leads back to an earlier stage: lead → mql → sql → lead; "
                            + "the funnel must end at a stage without next"));
        }

        @Test
        void handedOffStageMustBeAStage() {
            String yaml = with("- stage: mql", "- stage: opportunity");

            assertThat(problems(yaml)).containsExactly(problem("handoff.stages[0].stage",
                    lineOf(yaml, "stage: opportunity"), "unknown stage \"opportunity\"; stages are lead, mql, sql"));
        }

        @Test
        void stageMustNameKnownPersonas() {
            String yaml = with("    aliases: [marketing qualified lead]\n",
                    "    aliases: [marketing qualified lead]\n    personas: [ops-lead]\n");

            assertThat(problems(yaml)).containsExactly(problem("stages[1].personas[0]", lineOf(yaml, "[ops-lead]"),
                    "unknown persona \"ops-lead\"; did you mean \"ops-leader\"?"));
        }

        @Test
        void targetMustNameAKnownKpi() {
            String yaml = with("- kpi: acceptance", "- kpi: acceptence");

            assertThat(problems(yaml)).containsExactly(problem("goals.team_targets.sales[0].kpi",
                    lineOf(yaml, "kpi: acceptence"), "unknown KPI \"acceptence\"; did you mean \"acceptance\"?"));
        }
    }
}
