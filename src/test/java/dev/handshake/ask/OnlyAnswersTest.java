package dev.handshake.ask;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OnlyAnswersTest {

    private static final SlaCommand.Handler UNUSED = request -> {
        throw new AssertionError("not answered here");
    };
    private final SlaCommandListener listener = new SlaCommandListener(new SlaAnswers(TestAgreements.realistic())
            .commands(AnswerContext::none, () -> null, List.of(
                    SlaCommand.question(List.of("stats"), List.of(), UNUSED),
                    SlaCommand.withEffect(List.of("export"), List.of(), UNUSED),
                    SlaCommand.withEffect(List.of("away", "back"), List.of(), UNUSED))));

    @Test
    void questionsAboutTheAgreementOnlyAnswer() {
        for (String text : new String[] {"mql", "MQL share", "", "help", "?", "stages", "personas",
                "persona ops-leader", "goals", "terms", "speed to lead", "exports", "stats share"}) {
            assertThat(listener.onlyAnswers(command("/sla", text))).as(text).isTrue();
        }
    }

    @Test
    void commandsDeclaredWithAnEffectAreNotOnlyAnswers() {
        for (String text : new String[] {"away until 2026-12-24", "back", "BACK", "export", "export share"}) {
            assertThat(listener.onlyAnswers(command("/sla", text))).as(text).isFalse();
        }
        assertThat(listener.onlyAnswers(command("/handshake", "mql"))).isFalse();
    }

    private static SlashCommandRequest command(String command, String text) {
        String body = "command=" + URLEncoder.encode(command, StandardCharsets.UTF_8) + "&text="
                + URLEncoder.encode(text, StandardCharsets.UTF_8) + "&user_id=U0REP00001&team_id=T0TEST0001";
        return new SlashCommandRequest(body, new RequestHeaders(Map.of()));
    }
}
