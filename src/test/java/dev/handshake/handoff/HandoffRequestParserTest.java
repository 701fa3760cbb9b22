package dev.handshake.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.AgreementLoader;
import dev.handshake.handoff.HandoffRequestParser.Invalid;
import dev.handshake.handoff.HandoffRequestParser.Malformed;
import dev.handshake.handoff.HandoffRequestParser.Result;
import dev.handshake.handoff.HandoffRequestParser.Valid;
import dev.handshake.http.Problem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code POST /handoffs} body rules, against the shipped {@code sla.yml}. */
class HandoffRequestParserTest {

    /** The example from README.md, byte for byte. */
    static final String README_EXAMPLE = """
            {"id": "hs-8812-mql",
                   "stage": "mql",
                   "lead": {"name": "Dana Whitfield", "email": "dana@northwind.example", "title": "VP Operations",
                            "company": "Northwind Logistics", "persona": "ops-leader", "score": 82,
                            "source": "webinar", "crm_url": "https://crm.example/contacts/8812"},
                   "assignee": "U0123ABCD",
                   "note": "Asked for pricing after the webinar",
                   "criteria_met": ["Fit score 60 or more", "Visited the pricing page"]}""";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static HandoffRequestParser parser;

    @BeforeAll
    static void loadAgreement() {
        Agreement agreement = new AgreementLoader().load(Path.of("sla.yml")).agreement();
        parser = new HandoffRequestParser(agreement);
    }

    private static Result parse(String body) {
        return parser.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    private static ObjectNode example() throws Exception {
        return (ObjectNode) JSON.readTree(README_EXAMPLE);
    }

    private static ObjectNode lead(ObjectNode body) {
        return (ObjectNode) body.get("lead");
    }

    private static List<Problem> problems(Result result) {
        assertThat(result).isInstanceOf(Invalid.class);
        return ((Invalid) result).problems();
    }

    /** Parses the README example changed by {@code change}; expects exactly one problem, at {@code path}. */
    private static Problem onlyProblem(Consumer<ObjectNode> change, String path) throws Exception {
        ObjectNode body = example();
        change.accept(body);
        List<Problem> problems = problems(parse(JSON.writeValueAsString(body)));
        assertThat(problems).extracting(Problem::path).containsExactly(path);
        return problems.get(0);
    }

    private static Valid valid(String body) {
        Result result = parse(body);
        assertThat(result).isInstanceOf(Valid.class);
        return (Valid) result;
    }

    @Test
    void theReadmeExampleIsValid() {
        Valid valid = valid(README_EXAMPLE);

        NewHandoff request = valid.request();
        assertThat(request.externalId()).isEqualTo("hs-8812-mql");
        assertThat(request.stage()).isEqualTo("mql");
        assertThat(request.lead()).isEqualTo(new Lead("Dana Whitfield", "dana@northwind.example", "VP Operations",
                "Northwind Logistics", "ops-leader", 82, "webinar", "https://crm.example/contacts/8812"));
        assertThat(request.assignee()).isEqualTo("U0123ABCD");
        assertThat(request.note()).isEqualTo("Asked for pricing after the webinar");
        assertThat(request.criteriaMet()).containsExactly("Fit score 60 or more", "Visited the pricing page");
        assertThat(valid.canonicalSha256()).matches("[0-9a-f]{64}");
    }

    @Test
    void onlyIdStageAndLeadNameAreNeeded() {
        Valid valid = valid("{\"id\":\"x-1\",\"stage\":\"mql\",\"lead\":{\"name\":\"Dana\"}}");

        assertThat(valid.request().lead()).isEqualTo(new Lead("Dana", null, null, null, null, null, null, null));
        assertThat(valid.request().assignee()).isNull();
        assertThat(valid.request().note()).isNull();
        assertThat(valid.request().criteriaMet()).isEmpty();
    }

    @Test
    void anEmailIsAnAcceptedAssignee() {
        Valid valid = valid("{\"id\":\"x-1\",\"stage\":\"mql\",\"lead\":{\"name\":\"Dana\"},"
                + "\"assignee\":\"rep@freightline.example\"}");

        assertThat(valid.request().assignee()).isEqualTo("rep@freightline.example");
    }

    // --- one rule at a time -------------------------------------------------------------------------------------

    @Test
    void idIsRequired() throws Exception {
        assertThat(onlyProblem(b -> b.remove("id"), "$.id").message()).isEqualTo("is required");
        assertThat(onlyProblem(b -> b.putNull("id"), "$.id").message()).isEqualTo("is required");
        assertThat(onlyProblem(b -> b.put("id", "  "), "$.id").message()).isEqualTo("must not be blank");
        assertThat(onlyProblem(b -> b.put("id", 17), "$.id").message()).isEqualTo("must be a string");
    }

    @Test
    void idIsAtMost200Characters() throws Exception {
        assertThat(onlyProblem(b -> b.put("id", "i".repeat(201)), "$.id").message()).contains("200");
        assertThat(valid(README_EXAMPLE.replace("hs-8812-mql", "i".repeat(200))).request().externalId())
                .hasSize(200);
    }

    @Test
    void lengthsCountCharactersNotUtf16Units() throws Exception {
        String twoHundredEmoji = "\ud83d\udd25".repeat(200);

        assertThat(valid(README_EXAMPLE.replace("hs-8812-mql", twoHundredEmoji)).request().externalId())
                .isEqualTo(twoHundredEmoji);
        onlyProblem(b -> b.put("id", twoHundredEmoji + "x"), "$.id");
    }

    @Test
    void anUnknownStageIsRefusedNamingTheStagesHandedToSales() throws Exception {
        Problem problem = onlyProblem(b -> b.put("stage", "hot-lead"), "$.stage");

        assertThat(problem.message()).contains("unknown stage \"hot-lead\"", "mql");
    }

    @Test
    void aStageThatExistsButIsNotHandedToSalesIsRefused() throws Exception {
        Problem problem = onlyProblem(b -> b.put("stage", "sql"), "$.stage");

        assertThat(problem.message()).contains("\"sql\" is not handed to sales").doesNotContain("unknown");
    }

    @Test
    void stageIsRequired() throws Exception {
        assertThat(onlyProblem(b -> b.remove("stage"), "$.stage").message()).isEqualTo("is required");
    }

    @Test
    void leadIsRequiredAndMustBeAnObject() throws Exception {
        assertThat(onlyProblem(b -> b.remove("lead"), "$.lead").message()).isEqualTo("is required");
        assertThat(onlyProblem(b -> b.putNull("lead"), "$.lead").message()).isEqualTo("is required");
        assertThat(onlyProblem(b -> b.put("lead", "Dana Whitfield"), "$.lead").message())
                .isEqualTo("must be an object");
        assertThat(onlyProblem(b -> b.putArray("lead").add("Dana"), "$.lead").message())
                .isEqualTo("must be an object");
    }

    @Test
    void leadNameIsRequired() throws Exception {
        assertThat(onlyProblem(b -> lead(b).remove("name"), "$.lead.name").message()).isEqualTo("is required");
        assertThat(onlyProblem(b -> lead(b).put("name", ""), "$.lead.name").message()).isEqualTo("must not be blank");
        onlyProblem(b -> lead(b).put("name", "n".repeat(201)), "$.lead.name");
    }

    @Test
    void anUnknownPersonaIsRefusedNamingTheKnownOnes() throws Exception {
        Problem problem = onlyProblem(b -> lead(b).put("persona", "astronaut"), "$.lead.persona");

        assertThat(problem.message()).contains("unknown persona \"astronaut\"", "ops-leader");
    }

    @ParameterizedTest
    @ValueSource(strings = {"82.5", "true", "99999999999", "[82]", "{\"value\": 82}"})
    void scoreMustBeAWholeNumber(String score) throws Exception {
        List<Problem> problems = problems(parse(README_EXAMPLE.replace("\"score\": 82", "\"score\": " + score)));

        assertThat(problems).containsExactly(new Problem("$.lead.score", "must be a whole number"));
    }

    @Test
    void negativeAndZeroScoresAreWholeNumbers() {
        assertThat(valid(README_EXAMPLE.replace("\"score\": 82", "\"score\": 0")).request().lead().score()).isZero();
        assertThat(valid(README_EXAMPLE.replace("\"score\": 82", "\"score\": -3")).request().lead().score())
                .isEqualTo(-3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dana", "dana@", "@northwind.example", "dana@northwind", "da na@northwind.example",
            "dana@@northwind.example"})
    void aBadEmailIsRefused(String email) throws Exception {
        assertThat(onlyProblem(b -> lead(b).put("email", email), "$.lead.email").message())
                .isEqualTo("must be an email address");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dana", "u0123abcd", "C0123ABCD", "U0", "@dana", "<@U0123ABCD>"})
    void aBadAssigneeIsRefused(String assignee) throws Exception {
        assertThat(onlyProblem(b -> b.put("assignee", assignee), "$.assignee").message())
                .contains("Slack user id");
    }

    @Test
    void criteriaMetMustBeAnArrayOfStrings() throws Exception {
        assertThat(onlyProblem(b -> b.put("criteria_met", "Visited pricing"), "$.criteria_met").message())
                .isEqualTo("must be an array of strings");
        assertThat(onlyProblem(b -> b.putObject("criteria_met"), "$.criteria_met").message())
                .isEqualTo("must be an array of strings");
        assertThat(onlyProblem(b -> ((ArrayNode) b.get("criteria_met")).add(60), "$.criteria_met[2]").message())
                .isEqualTo("must be a string");
        assertThat(onlyProblem(b -> ((ArrayNode) b.get("criteria_met")).insert(0, " "), "$.criteria_met[0]")
                .message()).isEqualTo("must not be blank");
    }

    @Test
    void criteriaMetHasAtMostFiftyItems() throws Exception {
        Problem problem = onlyProblem(b -> {
            ArrayNode criteria = b.putArray("criteria_met");
            for (int i = 1; i <= 51; i++) {
                criteria.add("criterion " + i);
            }
        }, "$.criteria_met");
        assertThat(problem.message()).contains("50");

        ObjectNode fifty = example();
        ArrayNode criteria = fifty.putArray("criteria_met");
        for (int i = 1; i <= 50; i++) {
            criteria.add("criterion " + i);
        }
        assertThat(valid(JSON.writeValueAsString(fifty)).request().criteriaMet()).hasSize(50);
    }

    @Test
    void unknownTopLevelFieldsAreRefusedAtTheirPath() throws Exception {
        assertThat(onlyProblem(b -> b.put("priority", "high"), "$.priority").message())
                .isEqualTo("is not a known field");
        assertThat(onlyProblem(b -> b.put("Stage", "mql"), "$.Stage").message())
                .as("a typo at the top level changes meaning, so it is refused, not kept")
                .isEqualTo("is not a known field");
    }

    @Test
    void aNoteOver3000CharactersIsRefused() throws Exception {
        onlyProblem(b -> b.put("note", "n".repeat(3001)), "$.note");
        ObjectNode body = example().put("note", "n".repeat(3000));
        assertThat(valid(JSON.writeValueAsString(body)).request().note()).hasSize(3000);
    }

    @Test
    void everyProblemIsReportedTogether() {
        String body = """
                {"stage": "sql", "lead": {"email": "nope", "persona": "astronaut", "score": "eighty", "fax": [1],
                 "phone": "call me", "touches": [{"at": "yesterday", "what": "Called"}]},
                 "assignee": "dana", "criteria_met": [1], "extra": true}""";

        assertThat(problems(parse(body))).extracting(Problem::path).containsExactlyInAnyOrder(
                "$.extra", "$.id", "$.stage", "$.lead.fax", "$.lead.name", "$.lead.email", "$.lead.persona",
                "$.lead.score", "$.lead.phone", "$.lead.touches[0].at", "$.assignee", "$.criteria_met[0]");
    }

    @Test
    void aBodyThatIsJsonButNotAnObjectIsInvalid() {
        assertThat(problems(parse("[1, 2]"))).extracting(Problem::path, Problem::message)
                .containsExactly(tuple("$", "must be a JSON object"));
        assertThat(problems(parse("\"hs-8812\""))).extracting(Problem::path).containsExactly("$");
    }

    // --- not JSON at all ----------------------------------------------------------------------------------------

    @Test
    void truncatedJsonIsMalformed() {
        assertThat(parse(README_EXAMPLE.substring(0, README_EXAMPLE.length() - 10))).isInstanceOf(Malformed.class);
        assertThat(parse("{\"id\": \"hs-1\",")).isInstanceOf(Malformed.class);
    }

    @Test
    void trailingGarbageIsMalformed() {
        assertThat(parse(README_EXAMPLE + " x")).isInstanceOf(Malformed.class);
        assertThat(parse(README_EXAMPLE + "{}")).isInstanceOf(Malformed.class);
    }

    @Test
    void duplicateKeysAreMalformed() {
        Result result = parse(README_EXAMPLE.replace("\"stage\": \"mql\",", "\"stage\": \"mql\", \"stage\": \"sql\","));

        assertThat(result).isInstanceOfSatisfying(Malformed.class,
                m -> assertThat(m.message()).contains("stage"));
        assertThat(parse(README_EXAMPLE.replace("\"score\": 82", "\"score\": 82, \"score\": 12")))
                .isInstanceOf(Malformed.class);
    }

    @Test
    void invalidUtf8IsMalformed() {
        byte[] body = README_EXAMPLE.getBytes(StandardCharsets.UTF_8);
        int at = README_EXAMPLE.indexOf("Dana");
        body[at] = (byte) 0xC3;
        body[at + 1] = (byte) 0x28;

        assertThat(parser.parse(body)).isInstanceOf(Malformed.class);
        assertThat(parser.parse(new byte[] {'{', '"', 'i', 'd', '"', ':', '"', (byte) 0xFF, '"', '}'}))
                .isInstanceOf(Malformed.class);
    }

    @Test
    void nestingDeeperThan32IsMalformedAndUpTo32IsNot() {
        // The body object is level 1, so 31 more levels reach 32 and 32 more pass it.
        String atLimit = "{\"id\":\"x\",\"stage\":\"mql\",\"lead\":{\"name\":\"Dana\"},\"deep\":"
                + "[".repeat(31) + "]".repeat(31) + "}";
        String overLimit = "{\"id\":\"x\",\"stage\":\"mql\",\"lead\":{\"name\":\"Dana\"},\"deep\":"
                + "[".repeat(32) + "]".repeat(32) + "}";

        assertThat(problems(parse(atLimit))).extracting(Problem::path).containsExactly("$.deep");
        assertThat(parse(overLimit)).isInstanceOfSatisfying(Malformed.class,
                m -> assertThat(m.message()).containsIgnoringCase("depth"));
        assertThat(parse("[".repeat(10_000))).isInstanceOf(Malformed.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\n\t "})
    void anEmptyBodyIsMalformed(String body) {
        assertThat(parse(body)).isInstanceOfSatisfying(Malformed.class,
                m -> assertThat(m.message()).contains("empty"));
    }

    @Test
    void malformedMessagesSayWhereAndCarryNoControlCharacters() {
        Result result = parse("{\"id\": \"hs-1\",\n \"stage\": mql}");

        assertThat(result).isInstanceOfSatisfying(Malformed.class, m -> {
            assertThat(m.message()).startsWith("malformed JSON").contains("line 2");
            assertThat(m.message()).doesNotContainPattern("\\p{Cntrl}");
        });
    }

    // --- the canonical hash -------------------------------------------------------------------------------------

    @Test
    void theHashIgnoresKeyOrderAndWhitespace() {
        String reordered = """
                {
                  "criteria_met" : [ "Fit score 60 or more", "Visited the pricing page" ],
                  "note" : "Asked for pricing after the webinar",
                  "assignee" : "U0123ABCD",
                  "lead" : {
                    "crm_url" : "https://crm.example/contacts/8812", "source" : "webinar", "score" : 82,
                    "persona" : "ops-leader", "company" : "Northwind Logistics", "title" : "VP Operations",
                    "email" : "dana@northwind.example", "name" : "Dana Whitfield"
                  },
                  "stage" : "mql",
                  "id" : "hs-8812-mql"
                }
                """;

        assertThat(valid(reordered).canonicalSha256()).isEqualTo(valid(README_EXAMPLE).canonicalSha256());
    }

    @Test
    void theHashChangesWhenAnyValueChanges() throws Exception {
        String original = valid(README_EXAMPLE).canonicalSha256();

        assertThat(valid(README_EXAMPLE.replace("\"score\": 82", "\"score\": 83")).canonicalSha256())
                .isNotEqualTo(original);
        assertThat(valid(README_EXAMPLE.replace("Dana Whitfield", "Dana Whitfeld")).canonicalSha256())
                .isNotEqualTo(original);
        assertThat(valid(README_EXAMPLE.replace("\"Fit score 60 or more\", \"Visited the pricing page\"",
                "\"Visited the pricing page\", \"Fit score 60 or more\"")).canonicalSha256())
                .as("criteria order is part of the content").isNotEqualTo(original);
        ObjectNode withoutNote = example();
        withoutNote.remove("note");
        assertThat(valid(JSON.writeValueAsString(withoutNote)).canonicalSha256()).isNotEqualTo(original);
    }

    // --- hostile text is data -----------------------------------------------------------------------------------

    @Test
    void injectionAndMentionStringsAreAcceptedByteExact() throws Exception {
        String sql = "Robert'); DROP TABLE handoffs;-- \" OR 1=1 --";
        String mention = "<!channel> <!here> <@U0BOSS001> <https://evil.example|click> *bold* &amp;";
        String unicode = "qualifi\u00e9 \u7ebf\u7d22 \ud83d\udd25 \u202e";
        ObjectNode body = example();
        body.put("id", sql);
        lead(body).put("name", mention).put("company", sql).put("title", unicode);
        body.put("note", mention + "\n" + sql);
        body.putArray("criteria_met").add(mention).add(sql).add(unicode);

        NewHandoff request = valid(JSON.writeValueAsString(body)).request();

        assertThat(request.externalId()).isEqualTo(sql);
        assertThat(request.lead().name()).isEqualTo(mention);
        assertThat(request.lead().company()).isEqualTo(sql);
        assertThat(request.lead().title()).isEqualTo(unicode);
        assertThat(request.note()).isEqualTo(mention + "\n" + sql);
        assertThat(request.criteriaMet()).containsExactly(mention, sql, unicode);
    }
}
