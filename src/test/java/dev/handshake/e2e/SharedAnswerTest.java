package dev.handshake.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A {@code /sla} answer shared in a channel pings nobody: the people and groups the agreement names are shown by name.
 * Over HTTP only: the command's listener runs over Socket Mode in {@link SlaCommandTest}.
 */
class SharedAnswerTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private RunningApp app;

    @BeforeEach
    void start() throws Exception {
        app = RunningApp.start();
        app.slack().addUser("ava@freightline.example", "U05SDRAVA01", "Ava Reyes", "America/Chicago");
        app.slack().addUserGroup("S0SALESMGR1", "sales-managers");
    }

    @AfterEach
    void stop() {
        app.close();
    }

    private JsonNode ask(String text) throws Exception {
        return JSON.readTree(app.client().slashCommand("/sla", text, "U0ASKER001", "C0GENERAL1").body());
    }

    @Test
    void sharedTermsNameThePeopleAndGroupsWithoutMentioningThem() throws Exception {
        JsonNode first = ask("terms share");
        assertThat(first.path("response_type").asText()).isEqualTo("in_channel");
        assertThat(first.toString()).doesNotContain("<@", "<!subteam", "\\u003c@", "\\u003c!subteam");

        // Names Handshake did not know yet are learnt after the answer, for the next one.
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode named = ask("terms share");
        while (!named.toString().contains("Ava Reyes") && System.nanoTime() < deadline) {
            Thread.sleep(50);
            named = ask("terms share");
        }
        assertThat(named.toString()).contains("escalated to the sales-managers group", "Ava Reyes", "Dana Whitfield")
                .doesNotContain("<@", "<!subteam");

        // Asked privately, the same answer keeps its mentions: nobody is notified by an ephemeral answer.
        JsonNode mine = ask("terms");
        assertThat(mine.path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(mine.toString()).contains("<!subteam^S0SALESMGR1>");
    }
}
