package dev.handshake.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Stopping the demo and starting it again resumes where it was, clock included; {@code --fresh} starts over. */
class DemoRestartTest {

    @Test
    void resumesWithItsMessagesHomesAndClockUnlessStartedFresh() throws Exception {
        Path dir = Files.createTempDirectory("handshake-demo-restart");
        String ts;
        Instant movedTo;
        try (RunningDemo first = RunningDemo.start(dir, false, false, Clock.systemUTC())) {
            assertThat(first.handoff("{\"id\":\"restart-1\",\"stage\":\"mql\",\"lead\":{\"name\":\"Ruth Okoye\"}}")
                    .statusCode()).isEqualTo(202);
            ts = first.awaitMessage(RunningDemo.AVA, RunningDemo.SALES,
                    m -> m.path("text").asText().contains("Ruth Okoye")).path("ts").asText();
            assertThat(first.page("home", "{\"user\":\"" + RunningDemo.DANA + "\"}").statusCode()).isEqualTo(200);
            first.await("Dana's Home tab", () -> java.util.Optional.of(first.state(RunningDemo.DANA).path("home"))
                    .filter(JsonNode::isObject));
            assertThat(first.page("clock", "{\"step\":\"day\"}").statusCode()).isEqualTo(200);
            movedTo = Instant.ofEpochMilli(first.state(RunningDemo.AVA).path("clock").path("now").asLong());
        }

        try (RunningDemo again = RunningDemo.start(dir, false, false, Clock.systemUTC())) {
            assertThat(again.demo().ready()).isTrue();
            assertThat(again.messages(RunningDemo.AVA, RunningDemo.SALES)).extracting(m -> m.path("ts").asText())
                    .contains(ts);
            assertThat(again.state(RunningDemo.DANA).path("home").path("type").asText()).isEqualTo("home");
            Instant now = Instant.ofEpochMilli(again.state(RunningDemo.AVA).path("clock").path("now").asLong());
            assertThat(now).isBetween(movedTo, movedTo.plus(Duration.ofMinutes(1)));
            assertThat(again.handoff("{\"id\":\"restart-1\",\"stage\":\"mql\",\"lead\":{\"name\":\"Ruth Okoye\"}}")
                    .body()).as("the same database").contains("\"duplicate\":true");
        }

        try (RunningDemo fresh = RunningDemo.start(dir, true, false, Clock.systemUTC())) {
            assertThat(fresh.messages(RunningDemo.AVA, RunningDemo.SALES)).isEmpty();
            assertThat(fresh.handoff("{\"id\":\"restart-1\",\"stage\":\"mql\",\"lead\":{\"name\":\"Ruth Okoye\"}}")
                    .statusCode()).as("a new database").isEqualTo(202);
        }
    }
}
