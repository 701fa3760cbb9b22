package dev.handshake.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.AgreementLoader;
import dev.handshake.handoff.ExtraField;
import dev.handshake.handoff.HandoffRequestParser;
import dev.handshake.handoff.Lead;
import dev.handshake.handoff.NewHandoff;
import dev.handshake.handoff.Touch;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Mapping the bodies CRMs send onto the canonical handoff, against the shipped {@code sla.yml} and its samples. */
class MappedIntakeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static MappedIntake intake(Agreement agreement) {
        return new MappedIntake(agreement, new HandoffRequestParser(agreement));
    }

    private static final MappedIntake SHIPPED = intake(new AgreementLoader().load(Path.of("sla.yml")).agreement());

    /** The shipped agreement with its intake section replaced by {@code intake}. */
    private static MappedIntake with(String intake) throws IOException {
        String text = Files.readString(Path.of("sla.yml"));
        String replaced = text.substring(0, text.indexOf("\nintake:\n") + 1) + intake
                + text.substring(text.indexOf("\ncalendar:\n"));
        return intake(new AgreementLoader().parse("sla.yml", replaced).agreement());
    }

    static JsonNode sample(String name) throws IOException {
        return JSON.readTree(Path.of("src/test/resources/intake", name).toFile());
    }

    private static NewHandoff valid(MappedIntake intake, String source, JsonNode body) {
        MappedIntake.Result result = intake.map(intake.source(source).orElseThrow(), body);
        assertThat(result).as("%s", result).isInstanceOf(MappedIntake.Valid.class);
        return ((MappedIntake.Valid) result).request();
    }

    private static List<MappedProblem> problems(MappedIntake intake, String source, JsonNode body) {
        MappedIntake.Result result = intake.map(intake.source(source).orElseThrow(), body);
        assertThat(result).isInstanceOf(MappedIntake.Invalid.class);
        return ((MappedIntake.Invalid) result).problems();
    }

    // --- the shipped mappings ---------------------------------------------------------------------------------------

    @Test
    void aHubSpotWorkflowWebhookWithAllContactPropertiesBecomesAHandoff() throws IOException {
        NewHandoff request = valid(SHIPPED, "hubspot", sample("hubspot-contact.json"));

        assertThat(request.externalId()).isEqualTo("hs-51201-mql");
        assertThat(request.stage()).isEqualTo("mql");
        assertThat(request.intakeSource()).isEqualTo("hubspot");
        Lead lead = request.lead();
        assertThat(lead.name()).isEqualTo("Priya Raman");
        assertThat(lead.email()).isEqualTo("priya.raman@cascadehome.example");
        assertThat(lead.persona()).as("persona_1 through the value map").isEqualTo("ops-leader");
        assertThat(lead.score()).as("HubSpot sends \"64\"").isEqualTo(64);
        assertThat(lead.source()).isEqualTo("Paid search");
        assertThat(lead.phone()).isEqualTo("+1 (503) 555-0187");
        assertThat(lead.crmId()).isEqualTo("51201");
        assertThat(lead.crmUrl()).isEqualTo("https://app.hubspot.com/contacts/21873645/record/0-1/51201");
        assertThat(lead.touches()).containsExactly(
                Touch.at(Instant.parse("2026-03-02T15:14:00Z"), "Submitted Freight rate benchmark request"),
                Touch.at(Instant.parse("2025-11-18T16:30:00Z"),
                        "First form: Webinar: Freight audit without spreadsheets"),
                Touch.at(Instant.parse("2026-03-01T14:40:00Z"),
                        "Clicked the email Q1 nurture: Carrier rates are drifting"),
                Touch.at(Instant.parse("2026-03-02T15:09:00Z"), "Visited the website (23 page views so far)"));
        assertThat(lead.extras()).extracting(ExtraField::name).containsExactly("Lead status", "Industry", "Employees",
                "Annual revenue", "Loads a week", "City", "Country", "Forms submitted", "Page views");
        assertThat(lead.extras())
                .contains(new ExtraField("City", "Portland, OR"), new ExtraField("Industry", "RETAIL"));
        assertThat(request.assignee()).isEqualTo("avery.collins@freightline.example");
        assertThat(request.note()).startsWith("We move about 140 loads a week");
        assertThat(request.criteriaMet()).containsExactly("HubSpot score 64",
                "Requested Freight rate benchmark request");
    }

    @Test
    void aMarketoWebhookFromItsJsonTemplateBecomesAHandoff() throws IOException {
        NewHandoff request = valid(SHIPPED, "marketo", sample("marketo-lead.json"));

        assertThat(request.externalId()).isEqualTo("mkto-1048576-mql");
        assertThat(request.stage()).isEqualTo("mql");
        assertThat(request.lead().name()).isEqualTo("Tomás Ferreira");
        assertThat(request.lead().persona()).isEqualTo("logistics-coordinator");
        assertThat(request.lead().score()).isEqualTo(71);
        assertThat(request.lead().crmId()).as("Marketo's lead id is a number").isEqualTo("1048576");
        assertThat(request.lead().touches()).containsExactly(
                Touch.on(LocalDate.parse("2026-03-02"), "Web: Visited Web Page: /pricing"),
                Touch.on(LocalDate.parse("2026-01-14"), "Became a lead through 2026-01 Webinar - Dock scheduling"));
        assertThat(request.lead().extras()).contains(new ExtraField("Employees", new BigDecimal(420)),
                new ExtraField("Lead status", "MQL"));
        assertThat(request.note()).isEqualTo("Sent by the Marketo campaign MQL - Send to Handshake");
    }

    @Test
    void aSalesforceFlowCalloutBecomesAHandoffWithATouchPerTask() throws IOException {
        NewHandoff request = valid(SHIPPED, "salesforce", sample("salesforce-lead.json"));

        assertThat(request.externalId()).isEqualTo("sf-00Q5e00000BzW3fEAF-mql");
        assertThat(request.stage()).as("\"Marketing Qualified\" through the value map").isEqualTo("mql");
        assertThat(request.lead().name()).isEqualTo("Marisol Okafor");
        assertThat(request.lead().persona()).isEqualTo("ops-leader");
        assertThat(request.lead().phone()).isEqualTo("(312) 555-0142 ext. 204");
        assertThat(request.lead().touches()).extracting(Touch::what).containsExactly(
                "Demo request: carrier scorecards", "Downloaded: 2026 Freight Rate Outlook",
                "Attended webinar: Dock scheduling");
        assertThat(request.criteriaMet()).containsExactly("Fit score 78", "Ships 120 loads a week");
    }

    @Test
    void theSameLeadResentWithOtherNoiseIsTheSameCanonicalBody() throws IOException {
        ObjectNode again = (ObjectNode) sample("hubspot-contact.json");
        ((ArrayNode) again.get("list-memberships")).removeAll();
        ((ObjectNode) again.at("/properties/lastmodifieddate")).put("value", "1772469999000");
        ObjectNode changed = (ObjectNode) sample("hubspot-contact.json");
        ((ObjectNode) changed.at("/properties/jobtitle")).put("value", "SVP Logistics");

        String original = sha(sample("hubspot-contact.json"));

        assertThat(sha(again)).as("fields the mapping does not read").isEqualTo(original);
        assertThat(sha(changed)).isNotEqualTo(original);
    }

    private static String sha(JsonNode body) {
        return ((MappedIntake.Valid) SHIPPED.map(SHIPPED.source("hubspot").orElseThrow(), body)).canonicalSha256();
    }

    // --- problems name both paths -----------------------------------------------------------------------------------

    @Test
    void aBodyThatMapsToAnInvalidHandoffGetsEachProblemWithTheCanonicalFieldAndThePointer() throws IOException {
        ObjectNode body = (ObjectNode) sample("hubspot-contact.json");
        ((ObjectNode) body.at("/properties/hubspotscore")).put("value", "sixty");
        ((ObjectNode) body.at("/properties/email")).put("value", "priya at cascade");
        ((ObjectNode) body.at("/properties/hs_persona")).put("value", "persona_9");
        ((ObjectNode) body.at("/properties/recent_conversion_date")).put("value", "last Tuesday");

        assertThat(problems(SHIPPED, "hubspot", body)).containsExactly(
                new MappedProblem("$.lead.touches[0].at", "/properties/recent_conversion_date/value",
                        "as: epoch_millis needs milliseconds since 1970 (e.g. 1709571600000), found \"last Tuesday\""),
                new MappedProblem("$.lead.email", "/properties/email/value", "must be an email address"),
                new MappedProblem("$.lead.persona", "/properties/hs_persona/value",
                        "unknown persona \"persona_9\"; personas: ops-leader, logistics-coordinator, finance-lead, "
                                + "it-integrations"),
                new MappedProblem("$.lead.score", "/properties/hubspotscore/value",
                        "must be a whole number, was \"sixty\""));
    }

    @Test
    void aRequiredFieldTheMappingFindsNothingForNamesItsTemplate() throws IOException {
        ObjectNode body = (ObjectNode) sample("hubspot-contact.json");
        ((ObjectNode) body.get("properties")).remove(List.of("firstname", "lastname"));
        body.remove("vid");

        assertThat(problems(SHIPPED, "hubspot", body)).containsExactly(
                new MappedProblem("$.id", "hs-{/vid}-mql", "is required"),
                new MappedProblem("$.lead.name", "{/properties/firstname/value} {/properties/lastname/value}",
                        "is required"));
    }

    @Test
    void aTemplateWithSomeOfItsPointersMissingKeepsWhatItFound() throws IOException {
        ObjectNode body = (ObjectNode) sample("hubspot-contact.json");
        ((ObjectNode) body.get("properties")).remove("firstname");
        ((ObjectNode) body.get("properties")).remove("state");

        NewHandoff request = valid(SHIPPED, "hubspot", body);

        assertThat(request.lead().name()).isEqualTo("Raman");
        assertThat(request.lead().extras()).contains(new ExtraField("City", "Portland,"));
    }

    @Test
    void aPointerThatFindsNothingNullOrBlankLeavesTheFieldOutAndATouchWithoutItsTimeIsLeftOut() throws IOException {
        ObjectNode body = (ObjectNode) sample("hubspot-contact.json");
        ((ObjectNode) body.get("properties")).remove("phone");
        ((ObjectNode) body.at("/properties/jobtitle")).putNull("value");
        ((ObjectNode) body.at("/properties/company")).put("value", "  ");
        ((ObjectNode) body.get("properties")).remove("first_conversion_date");
        body.remove("associated-company");

        NewHandoff request = valid(SHIPPED, "hubspot", body);

        assertThat(request.lead().phone()).isNull();
        assertThat(request.lead().title()).isNull();
        assertThat(request.lead().company()).isNull();
        assertThat(request.lead().touches()).extracting(Touch::what).doesNotContain(
                "First form: Webinar: Freight audit without spreadsheets").hasSize(3);
        assertThat(request.lead().extras()).extracting(ExtraField::name).doesNotContain("Industry", "Employees");
    }

    @Test
    void aValueMapFallsBackToItsDefaultAndWithoutOneTheValueIsPassedOn() throws IOException {
        ObjectNode lifecycle = (ObjectNode) sample("hubspot-contact.json");
        ((ObjectNode) lifecycle.at("/properties/lifecyclestage")).put("value", "salesqualifiedlead");
        ObjectNode source = (ObjectNode) sample("hubspot-contact.json");
        ((ObjectNode) source.at("/properties/hs_analytics_source")).put("value", "AI_REFERRALS");

        assertThat(valid(SHIPPED, "hubspot", lifecycle).stage()).isEqualTo("mql");
        assertThat(valid(SHIPPED, "hubspot", source).lead().source()).isEqualTo("AI_REFERRALS");
    }

    @Test
    void touchesTakenFromAnArrayNameTheItemsPointerWhenOneIsWrong() throws IOException {
        ObjectNode body = (ObjectNode) sample("salesforce-lead.json");
        ((ObjectNode) body.at("/tasks/1")).put("ActivityDate", "24/02/2026");
        ((ObjectNode) body.at("/tasks/2")).remove("ActivityDate");

        assertThat(problems(SHIPPED, "salesforce", body)).containsExactly(new MappedProblem("$.lead.touches[1].at",
                "/tasks/1/ActivityDate", "must be an ISO-8601 instant with its offset (2026-03-02T15:14:00Z) or a date "
                        + "(2026-03-02), was \"24/02/2026\""));
    }

    @Test
    void anExtraFieldThatFindsAnObjectIsRefusedNamingItsPointer() throws IOException {
        ObjectNode body = (ObjectNode) sample("marketo-lead.json");
        body.putObject("industry").put("name", "Wholesale");

        assertThat(problems(SHIPPED, "marketo", body)).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("$.lead.Industry");
            assertThat(p.from()).isEqualTo("/industry");
            assertThat(p.message()).contains("not an object");
        });
    }

    // --- the mapping forms ------------------------------------------------------------------------------------------

    @Test
    void fixedValuesTemplatesWithNumbersAndArraysPassedOnAsTheyAre() throws IOException {
        MappedIntake intake = with("""
                intake:
                  sources:
                    script:
                      id: "lead-{/n}"
                      stage: {value: mql}
                      lead:
                        name: /who
                        source: {value: "/not-a-pointer"}
                        touches: /touches
                        extras:
                          Fixed: {value: 7}
                          Flag: /flag
                      criteria_met: /why
                """);
        JsonNode body = JSON.readTree("""
                {"n": 17, "who": "Dana", "flag": false, "why": "Visited pricing",
                 "touches": [{"at": "2026-03-02", "what": "Called"}]}""");

        NewHandoff request = valid(intake, "script", body);

        assertThat(request.externalId()).isEqualTo("lead-17");
        assertThat(request.lead().source()).isEqualTo("/not-a-pointer");
        assertThat(request.lead().touches()).containsExactly(Touch.on(LocalDate.parse("2026-03-02"), "Called"));
        assertThat(request.lead().extras()).containsExactly(new ExtraField("Fixed", new BigDecimal(7)),
                new ExtraField("Flag", false));
        assertThat(request.criteriaMet()).as("one text becomes one criterion").containsExactly("Visited pricing");
        assertThat(problems(intake, "script", JSON.readTree("""
                {"n": 1, "who": "Dana", "touches": [{"at": "2026-03-02", "what": "Called", "by": "Sam"}]}""")))
                .containsExactly(new MappedProblem("$.lead.touches[0].by", "/touches/0/by", "is not a known field"));
    }

    @Test
    void theOriginOfAProblemInsideAValueContinuesItsPointer() {
        Map<String, String> origins = Map.of("$.lead.touches", "/activity", "$.lead.name", "{/first} {/last}");

        assertThat(MappedIntake.origin("$.lead.touches[3].at", origins)).isEqualTo("/activity/3/at");
        assertThat(MappedIntake.origin("$.lead.touches", origins)).isEqualTo("/activity");
        assertThat(MappedIntake.origin("$.lead.name", origins)).isEqualTo("{/first} {/last}");
        assertThat(MappedIntake.origin("$.lead", origins)).isNull();
    }
}
