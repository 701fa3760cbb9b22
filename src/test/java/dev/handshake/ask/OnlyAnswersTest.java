package dev.handshake.ask;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OnlyAnswersTest {

    @Test
    void questionsAboutTheAgreementOnlyAnswer() {
        for (String text : new String[] {"mql", "MQL share", "", "help", "stages", "personas", "persona ops-leader",
                "goals", "terms", "speed to lead"}) {
            assertThat(SlaCommandListener.onlyAnswers(command("/sla", text))).as(text).isTrue();
        }
    }

    @Test
    void commandsOtherCapabilitiesOwnMayHaveAnEffect() {
        for (String text : new String[] {"stats", "away until 2026-12-24", "back", "export", "export share"}) {
            assertThat(SlaCommandListener.onlyAnswers(command("/sla", text))).as(text).isFalse();
        }
        assertThat(SlaCommandListener.onlyAnswers(command("/handshake", "mql"))).isFalse();
    }

    private static SlashCommandRequest command(String command, String text) {
        String body = "command=" + URLEncoder.encode(command, StandardCharsets.UTF_8) + "&text="
                + URLEncoder.encode(text, StandardCharsets.UTF_8) + "&user_id=U0REP00001&team_id=T0TEST0001";
        return new SlashCommandRequest(body, new RequestHeaders(Map.of()));
    }
}
