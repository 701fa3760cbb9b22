package dev.handshake.agreement;

import static dev.handshake.agreement.AgreementYaml.VALID;
import static dev.handshake.agreement.AgreementYaml.lineOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.handshake.agreement.FieldSource.Constant;
import dev.handshake.agreement.FieldSource.Conversion;
import dev.handshake.agreement.FieldSource.Pointer;
import dev.handshake.agreement.FieldSource.Template;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code intake.sources}: how a mapping is read, and every mistake in one reported with its path and line. */
class IntakeSourcesTest {

    /** A mapping that uses every form once; tests break one line of it at a time. */
    private static final String SOURCE = """
            intake:
              sources:
                hubspot:
                  id: "hs-{/vid}-mql"
                  stage:
                    from: /properties/lifecyclestage/value
                    values:
                      marketingqualifiedlead: mql
                    default: mql
                  lead:
                    name: "{/properties/firstname/value} {/properties/lastname/value}"
                    email: /properties/email/value
                    persona:
                      from: /properties/hs_persona/value
                      values:
                        persona_1: ops-leader
                    score: /properties/hubspotscore/value
                    source: Web form
                    crm_id: /vid
                    touches:
                      - at: {from: /properties/recent_conversion_date/value, as: epoch_millis}
                        what: "Submitted {/properties/recent_conversion_event_name/value}"
                    extras:
                      Industry: /properties/industry/value
                      Employees: {value: 1200}
                  assignee: /associated-owner/email
                  criteria_met: /criteria
                salesforce:
                  id: "sf-{/lead/Id}"
                  stage: mql
                  lead:
                    name: /lead/Name
                    touches:
                      each: /tasks
                      at: /ActivityDate
                      what: /Subject
            """;

    private final AgreementLoader loader = new AgreementLoader();

    private static String agreement(String intake) {
        return VALID + intake;
    }

    private static String with(String original, String replacement) {
        return AgreementYaml.replace(agreement(SOURCE), original, replacement);
    }

    private List<AgreementProblem> problems(String yaml) {
        try {
            loader.parse("sla.yml", yaml);
        } catch (InvalidAgreementException e) {
            return e.problems();
        }
        return fail("expected the agreement to be rejected:\n" + yaml);
    }

    private static AgreementProblem problem(String path, int line, String message) {
        return new AgreementProblem(path, line, message);
    }

    @Test
    void aMappingIsReadWithItsPointersTemplatesFixedValuesAndValueMaps() {
        Agreement agreement = loader.parse("sla.yml", agreement(SOURCE)).agreement();

        assertThat(agreement.intakeSources()).extracting(IntakeSource::name).containsExactly("hubspot", "salesforce");
        IntakeSource hubspot = agreement.intakeSource("hubspot").orElseThrow();
        assertThat(hubspot.id().value()).isInstanceOfSatisfying(Template.class, t -> {
            assertThat(t.text()).isEqualTo("hs-{/vid}-mql");
            assertThat(t.pieces()).extracting(FieldSource.Piece::literal).containsExactly("hs-", null, "-mql");
            assertThat(t.pieces().get(1).pointer()).hasToString("/vid");
        });
        assertThat(hubspot.stage().value()).isInstanceOf(Pointer.class);
        assertThat(hubspot.stage().values()).containsEntry("marketingqualifiedlead", "mql");
        assertThat(hubspot.stage().fallback().asText()).isEqualTo("mql");
        assertThat(hubspot.lead().fields()).containsOnlyKeys("name", "email", "persona", "score", "source", "crm_id");
        assertThat(hubspot.lead().fields().get("source").value()).isInstanceOf(Constant.class);
        assertThat(hubspot.lead().touches().items()).singleElement()
                .satisfies(t -> assertThat(t.at().as()).isEqualTo(Conversion.EPOCH_MILLIS));
        assertThat(hubspot.lead().extras()).containsOnlyKeys("Industry", "Employees");
        assertThat(hubspot.lead().extras().get("Employees").value())
                .isInstanceOfSatisfying(Constant.class, c -> assertThat(c.node().intValue()).isEqualTo(1200));
        assertThat(hubspot.criteria().array()).isNotNull();
        IntakeSource salesforce = agreement.intakeSource("salesforce").orElseThrow();
        assertThat(salesforce.lead().touches().each().text()).isEqualTo("/tasks");
        assertThat(agreement.intakeSource("marketo")).isEmpty();
    }

    @Test
    void anAgreementWithoutIntakeHasNoSources() {
        assertThat(loader.parse("sla.yml", VALID).agreement().intakeSources()).isEmpty();
    }

    @Test
    void idStageAndLeadNameMustBeMapped() {
        String yaml = agreement("""
                intake:
                  sources:
                    marketo:
                      lead:
                        email: /email
                """);

        assertThat(problems(yaml)).containsExactly(
                problem("intake.sources.marketo.id", lineOf(yaml, "marketo:"),
                        "is required: every handoff needs it, so say where it comes from"),
                problem("intake.sources.marketo.stage", lineOf(yaml, "marketo:"),
                        "is required: every handoff needs it, so say where it comes from"),
                problem("intake.sources.marketo.lead.name", lineOf(yaml, "lead:"),
                        "is required: every handoff needs it, so say where it comes from"));
    }

    @Test
    void aSourceWithoutLeadOrWithNothingIsReported() {
        String yaml = agreement("""
                intake:
                  sources:
                    marketo:
                      id: /leadId
                      stage: mql
                    pardot:
                """);

        assertThat(problems(yaml)).containsExactly(
                problem("intake.sources.marketo.lead", lineOf(yaml, "marketo:"), "is required"),
                problem("intake.sources.pardot", lineOf(yaml, "pardot:"),
                        "has no value; map at least id, stage and lead.name"));
    }

    @Test
    void aPointerThatIsNotWellFormedIsReportedOnItsLine() {
        String yaml = with("email: /properties/email/value", "email: /properties/e~2mail/value");

        assertThat(problems(yaml)).containsExactly(problem("intake.sources.hubspot.lead.email",
                lineOf(yaml, "e~2mail"), "\"/properties/e~2mail/value\" is not a well-formed JSON Pointer (RFC 6901): "
                        + "a ~ must be followed by 0 (for ~) or 1 (for /)"));
    }

    @Test
    void fromMustBeAPointerOrATemplate() {
        String yaml = with("from: /properties/hs_persona/value", "from: properties.hs_persona");

        assertThat(problems(yaml)).containsExactly(problem("intake.sources.hubspot.lead.persona.from",
                lineOf(yaml, "from: properties.hs_persona"), "must be a JSON Pointer (starting with /) or a template "
                        + "with {/pointer} in it; for a fixed value write value: instead of from:"));
    }

    @Test
    void aTemplateMustCloseEachPointerAndEachPointerMustBeWellFormed() {
        String unclosed = with("id: \"hs-{/vid}-mql\"", "id: \"hs-{/vid-mql\"");
        String badPointer = with("id: \"hs-{/vid}-mql\"", "id: \"hs-{/v~id}-mql\"");

        assertThat(problems(unclosed)).containsExactly(problem("intake.sources.hubspot.id", lineOf(unclosed,
                "hs-{/vid-mql"), "the template opens a pointer with { at character 4 and never closes it with }"));
        assertThat(problems(badPointer)).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(lineOf(badPointer, "hs-{/v~id}-mql"));
            assertThat(p.message()).startsWith("the template's pointer \"/v~id\" is not a well-formed JSON Pointer");
        });
    }

    @Test
    void anUnquotedTemplateIsReadByYamlAsAMappingAndTheProblemSaysToQuoteIt() {
        String yaml = with("name: \"{/properties/firstname/value} {/properties/lastname/value}\"",
                "name: {/properties/firstname/value}");

        assertThat(problems(yaml)).containsExactly(problem("intake.sources.hubspot.lead.name",
                lineOf(yaml, "name: {/properties/firstname/value}"), "reads as a mapping because it starts with {: "
                        + "put a template in quotes, e.g. \"{/properties/firstname/value} "
                        + "{/properties/lastname/value}\""));
    }

    @Test
    void theIdMustComeFromTheBody() {
        String yaml = with("id: \"hs-{/vid}-mql\"", "id: hubspot-lead");

        assertThat(problems(yaml)).containsExactly(problem("intake.sources.hubspot.id", lineOf(yaml,
                "id: hubspot-lead"), "must come from the body (a pointer, or a template such as \"hs-{/vid}-mql\"): a "
                        + "fixed id would make every lead the same handoff"));
    }

    @Test
    void fixedAndMappedStagesMustBeHandedToSales() {
        String yaml = with("      marketingqualifiedlead: mql\n        default: mql",
                "      marketingqualifiedlead: sql\n        default: hot");
        String fixed = AgreementYaml.replace(agreement(SOURCE), "      stage: mql\n", "      stage: lead\n");

        assertThat(problems(yaml)).containsExactly(
                problem("intake.sources.hubspot.stage.values.marketingqualifiedlead",
                        lineOf(yaml, "marketingqualifiedlead: sql"),
                        "stage \"sql\" is not handed to sales; stages handed to sales: mql"),
                problem("intake.sources.hubspot.stage.default", lineOf(yaml, "default: hot"),
                        "stage \"hot\" is not handed to sales; stages handed to sales: mql"));
        assertThat(problems(fixed)).containsExactly(problem("intake.sources.salesforce.stage",
                lineOf(fixed, "stage: lead"), "stage \"lead\" is not handed to sales; stages handed to sales: mql"));
    }

    @Test
    void mappedPersonasMustBePersonasOfTheAgreement() {
        String yaml = with("persona_1: ops-leader", "persona_1: ops-lead");

        assertThat(problems(yaml)).containsExactly(problem("intake.sources.hubspot.lead.persona.values.persona_1",
                lineOf(yaml, "persona_1: ops-lead"),
                "persona \"ops-lead\" is not a persona of the agreement; personas: ops-leader"));
    }

    @Test
    void unknownKeysAreReportedWithTheKeyTheyResemble() {
        String yaml = with("assignee: /associated-owner/email", "asignee: /associated-owner/email")
                .replace("crm_id: /vid", "crm_ids: /vid").replace("as: epoch_millis", "as: epoch");

        assertThat(problems(yaml)).containsExactly(
                problem("intake.sources.hubspot.lead.crm_ids", lineOf(yaml, "crm_ids:"),
                        "unknown key \"crm_ids\"; did you mean \"crm_id\"?"),
                problem("intake.sources.hubspot.lead.touches[0].at.as", lineOf(yaml, "as: epoch}"),
                        "must be \"epoch_millis\" or \"date\", was \"epoch\""),
                problem("intake.sources.hubspot.asignee", lineOf(yaml, "asignee:"),
                        "unknown key \"asignee\"; did you mean \"assignee\"?"));
    }

    @Test
    void fromAndValueExcludeEachOther() {
        String yaml = with("Employees: {value: 1200}", "Employees: {value: 1200, from: /employees}");

        assertThat(problems(yaml)).containsExactly(problem("intake.sources.hubspot.lead.extras.Employees",
                lineOf(yaml, "Employees:"), "give either from: (a pointer or template) or value: (a fixed value), "
                        + "not both"));
    }

    @Test
    void extraFieldsHaveNamesOfTheirOwnWithinTheLimits() {
        String yaml = with("Industry: /properties/industry/value",
                "email: /properties/work_email/value\n          " + "n".repeat(65) + ": /x");

        assertThat(problems(yaml)).containsExactly(
                problem("intake.sources.hubspot.lead.extras.email", lineOf(yaml, "work_email"),
                        "\"email\" is a lead field of its own: map it as lead.email, not as an extra field"),
                problem("intake.sources.hubspot.lead.extras." + "n".repeat(65), lineOf(yaml, "n".repeat(65)),
                        "an extra field's name must have 1 to 64 characters"));
    }

    @Test
    void aSourceNameMustWorkInAUrl() {
        String yaml = AgreementYaml.replace(agreement(SOURCE), "    salesforce:", "    Sales Force:");

        assertThat(problems(yaml)).containsExactly(problem("intake.sources.Sales Force", lineOf(yaml, "Sales Force:"),
                "\"Sales Force\" cannot be a source name: use lower-case letters, digits, - and _ (it is the end of "
                        + "the URL POST /handoffs/<name>)"));
    }

    @Test
    void touchesNeedAtAndWhatFromAnArrayOrOnePerTouch() {
        String yaml = with("      what: /Subject\n", "").replace("each: /tasks", "each: tasks");

        assertThat(problems(yaml)).containsExactly(
                problem("intake.sources.salesforce.lead.touches.what", lineOf(yaml, "each: tasks") - 1, "is required"),
                problem("intake.sources.salesforce.lead.touches.each", lineOf(yaml, "each: tasks"),
                        "must be a pointer to the array to take touches from"));
    }
}
