package dev.handshake.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handshake.agreement.AgreementLoader;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code /sla away} and {@code /sla back} into the real app and its database, over signed HTTP and Socket Mode. */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.handshake.e2e.Setup#eachTransportAndDatabase")
class AwayCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static RunningApp app;
    private static ZoneId zone;

    /** Read by {@link #start}: one app per setup. */
    @Parameter
    Setup setup;

    @BeforeParameterizedClassInvocation
    static void start(Setup setup) throws Exception {
        app = RunningApp.start(setup);
        zone = new AgreementLoader().load(Path.of("sla.yml")).agreement().calendar().zone();
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        app.close();
    }

    private static JsonNode ask(String text, String userId) throws Exception {
        HttpResponse<String> response = app.client().slashCommand("/sla", text, userId, "C0GENERAL1");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(response.body());
        assertThat(answer.path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(answer.path("blocks").get(0).path("text").path("text").asText())
                .isEqualTo(answer.path("text").asText());
        return answer;
    }

    private static LocalDate today() {
        return LocalDate.now(zone);
    }

    private static String shown(LocalDate date) {
        return DateTimeFormatter.ofPattern("EEE, MMM d uuuu", Locale.ENGLISH).format(date);
    }

    @Test
    void awayIsRecordedShownAndEndedByBack() throws Exception {
        LocalDate until = today().plusDays(10);

        JsonNode set = ask("away until " + until + " share", "U0REP00001");
        assertThat(set.path("text").asText()).isEqualTo("You're away through " + shown(until)
                + ". You're in no routing pool, so no rotation changes. A lead sent straight to you is reassigned to"
                + " the next rep in rotation, with a note saying why. You hold no undecided leads now. `/sla back`"
                + " ends it early.");
        assertThat(app.query(String.class, "SELECT until_date FROM away WHERE user_id = ?", "U0REP00001"))
                .containsExactly(until.toString());

        assertThat(ask("away", "U0REP00001").path("text").asText())
                .startsWith("You're away through " + shown(until) + ".");

        assertThat(ask("back", "U0REP00001").path("text").asText())
                .isEqualTo("Welcome back — round robin includes you again.");
        assertThat(app.number("SELECT count(*) FROM away WHERE user_id = ?", "U0REP00001")).isZero();
        assertThat(ask("away", "U0REP00001").path("text").asText()).startsWith("You're not marked away.");
        assertThat(ask("back", "U0REP00001").path("text").asText())
                .isEqualTo("You weren't marked away; round robin already includes you.");
    }

    @Test
    void aPastDateIsRefused() throws Exception {
        LocalDate past = today().minusDays(3);

        assertThat(ask("away " + past, "U0REP00002").path("text").asText())
                .startsWith("`" + past + "` is in the past.");
        assertThat(app.number("SELECT count(*) FROM away WHERE user_id = ?", "U0REP00002")).isZero();
    }

    @Test
    void junkIsEchoedEscapedSoItCannotPingTheChannel() throws Exception {
        JsonNode answer = ask("away until <!channel> next week", "U0REP00003");

        String text = answer.path("text").asText();
        assertThat(text).startsWith("I couldn't read `&lt;!channel&gt; next week` as a date. Use `/sla away until ");
        assertThat(answer.toString()).doesNotContain("<!channel>");
        assertThat(app.number("SELECT count(*) FROM away WHERE user_id = ?", "U0REP00003")).isZero();
    }
}
