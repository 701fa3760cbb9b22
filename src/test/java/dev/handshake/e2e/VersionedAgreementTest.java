package dev.handshake.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handshake.config.Settings;
import dev.handshake.testing.BlockAction;
import dev.handshake.testing.SlackCall;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** Starting with a changed agreement stores a new version, says what changed, and asks the owners to acknowledge. */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.handshake.e2e.Setup#eachTransportAndDatabase")
class VersionedAgreementTest {

    @Parameter
    Setup setup;

    private static final Duration WAIT = Duration.ofSeconds(8);
    private static final String MARKETING_OWNER = "U04DWHITFLD";
    private static final String SALES_OWNER = "U04MBELL0SL";

    @Test
    void aChangedAgreementIsAnnouncedAndAcknowledgedByItsOwners(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sla.yml");
        String shipped = Files.readString(Path.of("sla.yml"));
        Files.writeString(file, shipped);
        try (RunningApp app = RunningApp.start(setup, Map.of(Settings.AGREEMENT_FILE, file.toString()),
                Clock.systemUTC())) {
            // The first agreement is simply recorded: nothing to announce.
            assertThat(app.number("SELECT count(*) FROM agreement_versions")).isEqualTo(1);
            app.restart();
            assertThat(app.number("SELECT count(*) FROM agreement_versions")).isEqualTo(1);
            app.slack().assertNoCall("chat.postMessage", Duration.ofSeconds(1));

            app.stopApp();
            Files.writeString(file, shipped.replace("response_hours: 4", "response_hours: 2"));
            app.startApp();
            SlackCall announcement = app.slack().awaitCall("chat.postMessage", WAIT);
            assertThat(announcement.param("channel")).isEqualTo("#revops");
            String text = announcement.json("blocks").toString();
            assertThat(text).contains("response time: 4 business hours → 2 business hours", "<@" + MARKETING_OWNER + ">",
                    "<@" + SALES_OWNER + ">", "agreement_acknowledge");
            assertThat(app.number("SELECT count(*) FROM agreement_versions")).isEqualTo(2);
            app.awaitNumber(1, WAIT, "SELECT count(*) FROM agreement_versions WHERE announced_at IS NOT NULL");

            // Someone else cannot acknowledge; each owner can, once.
            app.client().blockAction(BlockAction.click(announcement, "agreement_acknowledge").withUser("U0NOBODY01"));
            assertThat(app.slack().awaitResponseUrlPosts(1, WAIT).get(0).json().path("text").asText())
                    .contains("Only the agreement's owners");
            app.client().blockAction(BlockAction.click(announcement, "agreement_acknowledge").withUser(MARKETING_OWNER));
            SlackCall updated = app.slack().awaitCall("chat.update", WAIT);
            assertThat(updated.json("blocks").toString()).contains("acknowledged it on", "agreement_acknowledge");
            app.client().blockAction(BlockAction.click(announcement, "agreement_acknowledge").withUser(SALES_OWNER));
            SlackCall both = app.slack().awaitCalls("chat.update", 2, WAIT).get(1);
            assertThat(both.json("blocks").toString()).doesNotContain("agreement_acknowledge");
            assertThat(app.query(String.class, "SELECT role || ':' || user_id FROM agreement_acks ORDER BY role"))
                    .containsExactly("marketing:" + MARKETING_OWNER, "sales:" + SALES_OWNER);

            // /sla terms says who acknowledged the version in force.
            var terms = new ObjectMapper().readTree(
                    app.client().slashCommand("/sla", "terms", "U0ASKER001", "C0GENERAL1").body());
            assertThat(terms.toString()).contains("Acknowledged by", MARKETING_OWNER, SALES_OWNER);

            // Restarting with the same file changes nothing and announces nothing again.
            app.restart();
            Thread.sleep(1000);
            assertThat(app.number("SELECT count(*) FROM agreement_versions")).isEqualTo(2);
            List<SlackCall> posts = app.slack().calls("chat.postMessage");
            assertThat(posts).hasSize(1);
        }
    }
}
