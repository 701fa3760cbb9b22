package dev.handshake.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handshake.agreement.AgreementLoader;
import dev.handshake.handoff.HandoffRequestParser.Invalid;
import dev.handshake.handoff.HandoffRequestParser.Result;
import dev.handshake.handoff.HandoffRequestParser.Valid;
import dev.handshake.http.Problem;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The lead fields CRMs send beyond the first version of the body: phone, touches, CRM id, extra fields, text numbers. */
class LeadFieldsParserTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static HandoffRequestParser parser;

    @BeforeAll
    static void loadAgreement() {
        parser = new HandoffRequestParser(new AgreementLoader().load(Path.of("sla.yml")).agreement());
    }

    private static ObjectNode body() {
        ObjectNode body = JSON.createObjectNode().put("id", "x-1").put("stage", "mql");
        body.putObject("lead").put("name", "Dana Whitfield");
        return body;
    }

    private static ObjectNode lead(ObjectNode body) {
        return (ObjectNode) body.get("lead");
    }

    private static Result parse(Consumer<ObjectNode> change) {
        ObjectNode body = body();
        change.accept(lead(body));
        return parser.parse(body.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static Lead valid(Consumer<ObjectNode> change) {
        Result result = parse(change);
        assertThat(result).as("%s", result).isInstanceOf(Valid.class);
        return ((Valid) result).request().lead();
    }

    private static List<Problem> problems(Consumer<ObjectNode> change) {
        Result result = parse(change);
        assertThat(result).isInstanceOf(Invalid.class);
        return ((Invalid) result).problems();
    }

    private static Problem onlyProblem(Consumer<ObjectNode> change, String path) {
        List<Problem> problems = problems(change);
        assertThat(problems).extracting(Problem::path).containsExactly(path);
        return problems.get(0);
    }

    // --- phone ------------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "+1 (312) 555-0142          | tel:+13125550142",
            "+1 (312) 555-0142 ext. 12  | tel:+13125550142;ext=12",
            "312.555.0199 x31           | tel:3125550199;ext=31",
            "(312) 555-0142 extension 7 | tel:3125550142;ext=7",
            "+44 20 7946 0958           | tel:+442079460958",
            "0049-30-901820 #4          | tel:004930901820;ext=4",
            "5550100                    | tel:5550100"})
    void aPhoneNumberAsPeopleTypeItIsKeptAsSentAndDialledByItsDigits(String phone, String tel) {
        Lead lead = valid(l -> l.put("phone", phone));

        assertThat(lead.phone()).isEqualTo(phone);
        assertThat(Phone.telUrl(lead.phone())).contains(tel);
    }

    @ParameterizedTest
    @ValueSource(strings = {"call me", "555", "+1 312 555 0142 ext", "1-800-FLOWERS", "+1 312 555 0142 ext. 1234567",
            "312-555-0142; DROP TABLE", "++1 312 555 0142", "<tel:+1|x>", "1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9"})
    void somethingThatIsNotAPhoneNumberIsRefusedSayingWhatIsAllowed(String phone) {
        assertThat(onlyProblem(l -> l.put("phone", phone), "$.lead.phone").message()).contains("digits", "+ ( ) . -");
    }

    @Test
    void aPhoneMustBeTextAndABlankOneIsNoPhone() {
        assertThat(onlyProblem(l -> l.put("phone", 3125550142L), "$.lead.phone").message())
                .isEqualTo("must be a string");
        assertThat(valid(l -> l.put("phone", "  ")).phone()).isNull();
    }

    // --- touches ----------------------------------------------------------------------------------------------------

    @Test
    void touchesAreKeptInTheOrderSentWithInstantsOrDates() {
        Lead lead = valid(l -> l.putArray("touches")
                .add(touch("2026-03-02T09:14:00-06:00", "Requested a demo"))
                .add(touch("2026-02-24", "Downloaded the rate outlook"))
                .add(touch("2026-02-11T17:02:00.000Z", "Attended a webinar")));

        assertThat(lead.touches()).containsExactly(
                Touch.at(Instant.parse("2026-03-02T15:14:00Z"), "Requested a demo"),
                Touch.on(LocalDate.parse("2026-02-24"), "Downloaded the rate outlook"),
                Touch.at(Instant.parse("2026-02-11T17:02:00Z"), "Attended a webinar"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-03-02 09:14:00", "2026-03-02T09:14:00", "03/02/2026", "1772464440000", "yesterday",
            "2026-02-30"})
    void aTouchTimeMustBeAnInstantWithItsOffsetOrADate(String at) {
        assertThat(onlyProblem(l -> l.putArray("touches").add(touch(at, "Called")), "$.lead.touches[0].at").message())
                .contains("ISO-8601", at);
    }

    @Test
    void eachTouchNeedsAtAndWhatAndNothingElse() {
        List<Problem> problems = problems(l -> {
            ArrayNode touches = l.putArray("touches");
            touches.addObject().put("what", "No time");
            touches.addObject().put("at", "2026-03-02");
            touches.add(touch("2026-03-02", " "));
            touches.add(touch("2026-03-02", "Called").put("by", "Sam"));
            touches.add("2026-03-02 Called");
        });

        assertThat(problems).extracting(Problem::path, Problem::message).containsExactly(
                tuple("$.lead.touches[0].at", "is required"),
                tuple("$.lead.touches[1].what", "is required"),
                tuple("$.lead.touches[2].what", "must not be blank"),
                tuple("$.lead.touches[3].by", "is not a known field"),
                tuple("$.lead.touches[4]", "must be an object with \"at\" and \"what\""));
    }

    @Test
    void aTouchSaysWhatInAtMost200Characters() {
        assertThat(valid(l -> l.putArray("touches").add(touch("2026-03-02", "w".repeat(200)))).touches()).hasSize(1);
        assertThat(onlyProblem(l -> l.putArray("touches").add(touch("2026-03-02", "w".repeat(201))),
                "$.lead.touches[0].what").message()).contains("200");
    }

    @Test
    void aLeadHasAtMost50Touches() {
        assertThat(valid(l -> touches(l.putArray("touches"), 50)).touches()).hasSize(50);
        assertThat(onlyProblem(l -> touches(l.putArray("touches"), 51), "$.lead.touches").message()).contains("50");
        assertThat(onlyProblem(l -> l.put("touches", "Called on Monday"), "$.lead.touches").message())
                .contains("array");
    }

    // --- extra fields -----------------------------------------------------------------------------------------------

    @Test
    void fieldsTheBodyDoesNotNameAreKeptAsExtraFieldsInTheOrderSentWithTheirTypes() {
        Lead lead = valid(l -> l.put("Industry", "Retail").put("employees", 1200).put("annual_revenue", 3.1e8)
                .put("gdpr_consent", true).put("hs_lead_status", "NEW").putNull("fax").put("website", " "));

        assertThat(lead.extras()).containsExactly(
                new ExtraField("Industry", "Retail"),
                new ExtraField("employees", new BigDecimal("1200")),
                new ExtraField("annual_revenue", new BigDecimal("3.1E+8")),
                new ExtraField("gdpr_consent", true),
                new ExtraField("hs_lead_status", "NEW"));
        assertThat(lead.extras().get(2).text()).isEqualTo("310000000");
    }

    @Test
    void anExtraFieldThatIsAnObjectOrAnArrayIsRefusedAtItsPath() {
        assertThat(onlyProblem(l -> l.putObject("address").put("city", "Portland"), "$.lead.address").message())
                .contains("extra field", "text, a number or true/false", "not an object");
        assertThat(onlyProblem(l -> l.putArray("tags").add("webinar"), "$.lead.tags").message())
                .contains("not an array");
    }

    @Test
    void aLeadKeepsAtMost30ExtraFields() {
        assertThat(valid(l -> extras(l, 30)).extras()).hasSize(30);
        assertThat(onlyProblem(l -> extras(l, 31), "$.lead").message()).contains("31 extra fields", "at most 30");
    }

    @Test
    void anExtraFieldHasANameOfAtMost64CharactersAndAValueOfAtMost500() {
        assertThat(valid(l -> l.put("n".repeat(64), "v".repeat(500))).extras()).hasSize(1);
        assertThat(onlyProblem(l -> l.put("n".repeat(65), "v"), "$.lead." + "n".repeat(40) + "…").message())
                .contains("64");
        assertThat(onlyProblem(l -> l.put("notes", "v".repeat(501)), "$.lead.notes").message()).contains("500");
    }

    // --- numbers sent as text ---------------------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource({"\"64\",64", "\" 64 \",64", "\"64.0\",64", "\"-3\",-3", "64.0,64", "\"0\",0"})
    void aScoreSentAsTextIsReadAsANumber(String json, int score) throws Exception {
        ObjectNode body = body();
        lead(body).set("score", JSON.readTree(json));

        Result result = parser.parse(body.toString().getBytes(StandardCharsets.UTF_8));

        assertThat(result).isInstanceOfSatisfying(Valid.class,
                v -> assertThat(v.request().lead().score()).isEqualTo(score));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sixty", "64.5", "6 4", "1e2", "99999999999", "0x40"})
    void aScoreAsTextThatIsNotAWholeNumberIsRefusedQuotingIt(String score) {
        assertThat(onlyProblem(l -> l.put("score", score), "$.lead.score").message())
                .isEqualTo("must be a whole number, was \"" + score + "\"");
    }

    @Test
    void aBlankScoreIsNoScore() {
        assertThat(valid(l -> l.put("score", "")).score()).isNull();
    }

    // --- the lead's id in the CRM -----------------------------------------------------------------------------------

    @Test
    void theCrmIdIsTextOrAWholeNumber() {
        assertThat(valid(l -> l.put("crm_id", 51201)).crmId()).isEqualTo("51201");
        assertThat(valid(l -> l.put("crm_id", "00Q5e00000BzW3fEAF")).crmId()).isEqualTo("00Q5e00000BzW3fEAF");
        assertThat(onlyProblem(l -> l.put("crm_id", 1.5), "$.lead.crm_id").message()).contains("whole number");
        assertThat(onlyProblem(l -> l.put("crm_id", "i".repeat(201)), "$.lead.crm_id").message()).contains("200");
    }

    // --- the canonical hash -----------------------------------------------------------------------------------------

    @Test
    void theHashCoversTheNewFields() {
        String plain = ((Valid) parse(l -> { })).canonicalSha256();

        assertThat(((Valid) parse(l -> l.put("phone", "+1 312 555 0142"))).canonicalSha256()).isNotEqualTo(plain);
        assertThat(((Valid) parse(l -> l.put("Industry", "Retail"))).canonicalSha256()).isNotEqualTo(plain);
        assertThat(((Valid) parse(l -> l.putArray("touches").add(touch("2026-03-02", "Called")))).canonicalSha256())
                .isNotEqualTo(plain);
    }

    private static ObjectNode touch(String at, String what) {
        return JSON.createObjectNode().put("at", at).put("what", what);
    }

    private static void touches(ArrayNode touches, int count) {
        for (int i = 0; i < count; i++) {
            touches.add(touch(LocalDate.parse("2026-01-01").plusDays(i).toString(), "Touch " + i));
        }
    }

    private static void extras(ObjectNode lead, int count) {
        for (int i = 0; i < count; i++) {
            lead.put("extra_" + i, "value " + i);
        }
    }
}
