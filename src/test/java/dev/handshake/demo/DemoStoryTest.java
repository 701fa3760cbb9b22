package dev.handshake.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A fresh demo's sample story, started on Wednesday 2026-11-18 at 11:00 in Chicago: the app's own numbers for the
 * quarter match a count by hand of what the story did.
 */
class DemoStoryTest {

    private static final Instant WEDNESDAY = LocalDateTime.of(2026, 11, 18, 11, 0)
            .atZone(ZoneId.of("America/Chicago")).toInstant();
    private static RunningDemo demo;

    @BeforeAll
    static void start() throws Exception {
        Clock real = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), WEDNESDAY));
        demo = RunningDemo.start(true, real);
        assertThat(demo.demo().awaitReady(Duration.ofSeconds(60))).as("the story is set up").isTrue();
    }

    @AfterAll
    static void stop() {
        demo.close();
    }

    @Test
    void theStoryEndsOnTheDayItStartedWithTheDayBeforeBehindIt() {
        Instant now = Instant.ofEpochMilli(demo.state(RunningDemo.AVA).path("clock").path("now").asLong());
        assertThat(Duration.between(WEDNESDAY, now)).isBetween(Duration.ZERO, Duration.ofMinutes(2));
        assertThat(demo.messages(RunningDemo.AVA, RunningDemo.SALES))
                .filteredOn(m -> m.path("threadTs").isMissingNode()).hasSize(6);
    }

    @Test
    void statsCountWhatTheStoryDid() throws Exception {
        assertThat(demo.page("type", "{\"user\":\"" + RunningDemo.MARCUS + "\",\"conversation\":\""
                + RunningDemo.REVOPS + "\",\"text\":\"/sla stats\"}").statusCode()).isEqualTo(200);
        JsonNode card = demo.await("the stats card", () -> {
            for (JsonNode e : demo.state(RunningDemo.MARCUS).path("ephemerals")) {
                if (e.toString().contains("SLA stats")) {
                    return Optional.of(e);
                }
            }
            return Optional.empty();
        });
        String text = card.path("blocks").toString();
        // By hand: 42 leads reported to /stage-events and the 6 handed off; 8 of the 42 became MQLs, and a handoff
        // counts as its lead becoming one. Decided: accepted after 25 and 40 minutes, rejected after 60 minutes, all
        // before their 4-hour deadlines; the fourth lead went overdue and moved to another rep, so of the 4 handoffs
        // whose first deadline has passed, 3 were decided by it. The other 2 are not due yet.
        assertThat(text).contains("*New leads*\\n48", "*MQLs*\\n14", "*Lead → MQL conversion*\\n29% (14 of 48)",
                "*Handoffs*\\n6 (3 still undecided)", "*Accepted*\\n2", "*Rejected*\\n1",
                "*Acceptance rate*\\n67% (2 of 3)", "*Decided within SLA*\\n75% (3 of 4)",
                "*Median time to decision*\\n40 min", "*Missed the first deadline:* 1", "*Reassignments:* 1",
                "Timing — no project this year — 1");
    }

    @Test
    void theRepsHomeTabListsWhatIsOpenForThem() throws Exception {
        String before = demo.state(RunningDemo.AVA).path("home").path("hash").asText();
        assertThat(demo.page("home", "{\"user\":\"" + RunningDemo.AVA + "\"}").statusCode()).isEqualTo(200);
        JsonNode home = demo.await("Ava's Home tab published again", () -> Optional.of(
                demo.state(RunningDemo.AVA).path("home")).filter(h -> !h.path("hash").asText().equals(before)));
        // Hannah Becker was handed to Ava today, Samuel Adeyemi came to her when Dev let him go overdue, and Grace Liu
        // is nobody's yet, so anyone may take her.
        assertThat(home.path("blocks").toString()).contains("*Your open handoffs* (3)", "Hannah Becker",
                "Samuel Adeyemi", "Grace Liu");
    }
}
