package dev.handshake.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.AgreementLoader;
import dev.handshake.handoff.HandoffRequestParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The bodies docs/INTAKE.md tells an admin to send make valid handoffs with the shipped agreement. */
class IntakeDocsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Agreement agreement = new AgreementLoader().load(Path.of("sla.yml")).agreement();
    private final MappedIntake intake = new MappedIntake(agreement, new HandoffRequestParser(agreement));

    private static String docs() throws Exception {
        return Files.readString(Path.of("docs/INTAKE.md"));
    }

    @Test
    void theCanonicalExampleIsValid() throws Exception {
        Matcher body = Pattern.compile("-d '(\\{\"id\".*?)'\\n```", Pattern.DOTALL).matcher(docs());
        assertThat(body.find()).isTrue();

        HandoffRequestParser.Result result = new HandoffRequestParser(agreement)
                .parse(body.group(1).getBytes(StandardCharsets.UTF_8));

        assertThat(result).as("%s", result).isInstanceOfSatisfying(HandoffRequestParser.Valid.class, valid -> {
            assertThat(valid.request().lead().touches()).hasSize(2);
            assertThat(valid.request().lead().extras()).hasSize(3);
        });
    }

    @Test
    void theMarketoTemplateFilledInAsMarketoDoesMakesAHandoffThroughTheShippedMapping() throws Exception {
        String docs = docs();
        int start = docs.indexOf("{\n     \"leadId\": {{lead.Id}}");
        String template = docs.substring(start, docs.indexOf("\n   }\n", start) + 5);
        // Text tokens arrive quoted, numbers bare, dates in Marketo's format.
        String filled = template
                .replace("{{lead.Id}}", "1048576").replace("{{lead.Lead Score}}", "71")
                .replace("{{company.Num Employees}}", "420").replace("{{company.Annual Revenue}}", "86000000")
                .replace("{{lead.Persona}}", "\"Logistics Coordinator\"")
                .replace("{{lead.Email Address}}", "\"tferreira@ridgelinesupply.example\"")
                .replace("{{lead.Phone Number}}", "\"312.555.0199 x31\"")
                .replace("{{lead.Lead Owner Email Address}}", "\"bea.sdr@freightline.example\"")
                .replaceAll("\\{\\{(lead\\.Last Interesting Moment Date|lead\\.Created At|system\\.dateTime)}}",
                        "\"2026-03-02 09:14:00\"")
                .replaceAll("\\{\\{[^}]+}}", "\"text\"");

        MappedIntake.Result result = intake.map(intake.source("marketo").orElseThrow(), JSON.readTree(filled));

        assertThat(result).as("%s", result).isInstanceOfSatisfying(MappedIntake.Valid.class, valid -> {
            assertThat(valid.request().externalId()).isEqualTo("mkto-1048576-mql");
            assertThat(valid.request().lead().touches()).hasSize(2);
        });
    }

    @Test
    void theSalesforceRequestBodyExampleMakesAHandoffThroughTheShippedMapping() throws Exception {
        String docs = docs();
        int start = docs.indexOf("```json\n   {\"lead\": {\"Id\"");
        String body = docs.substring(docs.indexOf('{', start), docs.indexOf("```", start + 7));

        MappedIntake.Result result = intake.map(intake.source("salesforce").orElseThrow(), JSON.readTree(body));

        assertThat(result).as("%s", result).isInstanceOfSatisfying(MappedIntake.Valid.class,
                valid -> assertThat(valid.request().externalId()).isEqualTo("sf-00Q5e00000BzW3fEAF-mql"));
    }
}
