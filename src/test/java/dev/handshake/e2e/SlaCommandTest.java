package dev.handshake.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.AgreementLoader;
import dev.handshake.slack.Mrkdwn;
import dev.handshake.testing.SlackClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code /sla} into the real app, answering from the shipped {@code sla.yml}: over signed HTTP, and over Socket Mode
 * (the answer in the envelope's acknowledgement).
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.handshake.e2e.Setup#eachTransportAndDatabase")
class SlaCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static RunningApp app;
    private static Agreement agreement;

    @Parameter
    Setup setup;

    @BeforeParameterizedClassInvocation
    static void start(Setup setup) throws Exception {
        app = RunningApp.start(setup);
        agreement = new AgreementLoader().load(Path.of("sla.yml")).agreement();
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        app.close();
    }

    private static JsonNode ask(String text) throws Exception {
        HttpResponse<String> response = app.client().slashCommand("/sla", text, "U0ASKER001", "C0GENERAL1");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** Every text of the answer (fallback, sections, fields, context), decoded from JSON. */
    private static String allText(JsonNode answer) {
        StringBuilder out = new StringBuilder(answer.path("text").asText()).append('\n');
        answer.path("blocks").findValues("text").forEach(t -> out.append(t.isTextual() ? t.asText() : t.path("text").asText()).append('\n'));
        return out.toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "help", "  HELP  "})
    void helpListsWhatCanBeAsked(String text) throws Exception {
        JsonNode answer = ask(text);
        assertThat(answer.path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(allText(answer)).contains("/sla mql", "/sla stages", "/sla goals", "/sla terms", "share",
                "/sla stats", "/sla export", "/sla away");
    }

    @ParameterizedTest
    @ValueSource(strings = {"mql", "MQL", "marketing qualified lead", "Marketing-Qualified Lead"})
    void stageCardAnswersByIdNameOrAlias(String text) throws Exception {
        var mql = agreement.stage("mql").orElseThrow();
        JsonNode answer = ask(text);
        String all = allText(answer);
        assertThat(answer.path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(all).contains(Mrkdwn.escape(mql.name()));
        assertThat(all).contains(Mrkdwn.escape(mql.definition().substring(0, 40)));
        assertThat(all).contains(Mrkdwn.escape(mql.entryCriteria().get(0)));
        assertThat(all).contains(mql.owner().label());
        assertThat(all).contains("4 business hours");
        String previous = agreement.previous(mql).orElseThrow().name();
        String next = agreement.stage(mql.next()).orElseThrow().name();
        assertThat(all).contains(Mrkdwn.escape(previous), Mrkdwn.escape(next));
    }

    @Test
    void stagesListsTheFunnelInOrder() throws Exception {
        String all = allText(ask("stages"));
        int last = -1;
        for (String id : new String[] {"lead", "mql", "sql", "opportunity", "customer"}) {
            String name = Mrkdwn.escape(agreement.stage(id).orElseThrow().name());
            int at = all.indexOf(name, Math.max(last, 0));
            assertThat(at).as("%s after position %d in %s", name, last, all).isGreaterThan(last);
            last = at;
        }
    }

    @Test
    void personasAndOnePersona() throws Exception {
        String list = allText(ask("personas"));
        agreement.personas().forEach(p -> assertThat(list).contains(Mrkdwn.escape(p.name())));
        var persona = agreement.persona("ops-leader").orElseThrow();
        String card = allText(ask("persona ops-leader"));
        assertThat(card).contains(Mrkdwn.escape(persona.name()), Mrkdwn.escape(persona.summary()));
        assertThat(allText(ask("persona " + persona.name()))).contains(Mrkdwn.escape(persona.summary()));
    }

    @Test
    void goalsShowTheRevenueTargetAndKpis() throws Exception {
        String all = allText(ask("goals"));
        assertThat(all).contains(agreement.goals().currency());
        agreement.goals().kpis().forEach(k -> assertThat(all).contains(Mrkdwn.escape(k.name())));
    }

    @Test
    void termsShowCommitmentsVersionAndNextReview() throws Exception {
        String all = allText(ask("terms"));
        assertThat(all).contains(Mrkdwn.escape(agreement.version()));
        assertThat(all).contains(Mrkdwn.escape(agreement.commitments().get(0).what()));
        assertThat(all).containsIgnoringCase("next review");
    }

    @Test
    void unknownTermSuggestsTheClosest() throws Exception {
        JsonNode answer = ask("mgl");
        assertThat(allText(answer)).contains("No term", "mgl", "Did you mean", "mql");
        assertThat(answer.path("response_type").asText()).isEqualTo("ephemeral");
    }

    @Test
    void injectedMentionsAreEchoedLiterallyAndPingNobody() throws Exception {
        JsonNode answer = ask("<!channel> <@U0123ABCD> <https://evil.example|bank>");
        String all = allText(answer);
        assertThat(all).contains("&lt;!channel&gt;");
        assertThat(all).doesNotContain("<!channel>", "<@U0123ABCD>", "<https://evil.example");
    }

    @Test
    void shareRepliesInTheChannel() throws Exception {
        JsonNode answer = ask("mql share");
        assertThat(answer.path("response_type").asText()).isEqualTo("in_channel");
        assertThat(allText(answer)).contains(Mrkdwn.escape(agreement.stage("mql").orElseThrow().name()));
    }

    @Test
    void nonAsciiTermsVerifyAndAreAnswered() throws Exception {
        JsonNode answer = ask("qualifié 线索 🔥");
        assertThat(allText(answer)).contains("qualifié 线索");
    }

    @Test
    void wrongSignatureIsRefused() {
        assumeTrue(setup.transport() == Transport.HTTP, "only HTTP requests are signed");
        SlackClient forger = app.client().withSigningSecret("not-the-secret");
        HttpResponse<String> response = forger.slashCommand("/sla", "mql", "U0ASKER001", "C0GENERAL1");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).doesNotContain("Exception");
    }

    @Test
    void staleAndFutureTimestampsAreRefused() {
        assumeTrue(setup.transport() == Transport.HTTP, "only HTTP requests are signed");
        SlackClient client = app.client();
        String body = "command=%2Fsla&text=mql&user_id=U0ASKER001&channel_id=C0GENERAL1";
        long now = client.now();
        assertThat(client.raw(body, "application/x-www-form-urlencoded", Map.of(), now - 301, null).statusCode())
                .isEqualTo(401);
        assertThat(client.raw(body, "application/x-www-form-urlencoded", Map.of(), now + 600, null).statusCode())
                .isEqualTo(401);
        assertThat(client.raw(body, "application/x-www-form-urlencoded", Map.of(), now - 10, "v0=deadbeef").statusCode())
                .isEqualTo(401);
    }
}
