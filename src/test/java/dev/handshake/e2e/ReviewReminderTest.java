package dev.handshake.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handshake.testing.BlockAction;
import dev.handshake.testing.SlackCall;
import dev.handshake.testing.StateValue;
import dev.handshake.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The quarterly review on a clock the test moves: posted once on the first business day of the quarter at 10:00
 * in the agreement's zone, with last quarter's numbers; snoozed a week; marked reviewed; one follow-up; and the
 * off-cycle recommendation when the trailing 30 days fall below the thresholds.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class ReviewReminderTest {

    @Parameter
    TestDatabase database;

    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    private static final Duration WAIT = Duration.ofSeconds(20);
    private RunningApp app;
    private MovableClock clock;

    private static Instant chicago(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(CHICAGO).toInstant();
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    private List<SlackCall> reviewPosts() {
        return app.slack().calls("chat.postMessage").stream().filter(c -> "#revops".equals(c.param("channel"))).toList();
    }

    private List<SlackCall> awaitReviewPosts(int count) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (reviewPosts().size() < count && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(reviewPosts()).as("posts in #revops").hasSizeGreaterThanOrEqualTo(count);
        return reviewPosts();
    }

    private void start(String chicagoTime) throws Exception {
        clock = new MovableClock(chicago(chicagoTime));
        app = RunningApp.start(database, Map.of(), clock);
    }

    @Test
    void theQuarterlyReviewIsPostedOnceWithLastQuartersNumbersAndCanBeSnoozedAndMarkedReviewed() throws Exception {
        start("2026-12-30T11:00:00");
        assertThat(app.postHandoff(Handoffs.json(Handoffs.unassigned("hs-q4"))).statusCode()).isEqualTo(202);
        SlackCall message = app.slack().awaitCall("chat.postMessage", WAIT);
        app.client().blockAction(BlockAction.click(message, "handoff_accept").withUser("U0REP00001"));
        Thread.sleep(2500);
        assertThat(reviewPosts()).isEmpty();

        // January 1st is a holiday in the agreement: the review falls on Monday, January 4th, at 10:00.
        clock.advanceTo(chicago("2027-01-04T09:59:00"));
        Thread.sleep(2500);
        assertThat(reviewPosts()).isEmpty();
        clock.advanceTo(chicago("2027-01-04T10:00:05"));
        SlackCall review = awaitReviewPosts(1).get(0);
        String blocks = review.json("blocks").toString();
        assertThat(blocks).contains("Time to review the SLA", "last reviewed never", "Handoffs 1", "accepted 1",
                "review_done", "review_snooze");
        assertThat(app.query(String.class, "SELECT period FROM reviews")).containsExactly("2027-Q1");

        app.restart();
        Thread.sleep(2500);
        assertThat(reviewPosts()).hasSize(1);

        // Snoozed, it comes back a week later.
        app.client().blockAction(BlockAction.click(review, "review_snooze").withUser("U0REVOPS01"));
        assertThat(app.slack().awaitResponseUrlPosts(1, WAIT).get(0).json().path("text").asText())
                .contains("again in a week");
        clock.advance(Duration.ofDays(7).plusMinutes(1));
        SlackCall again = awaitReviewPosts(2).get(1);

        // Marked reviewed through the modal: recorded once, shown on the message, and no follow-up afterwards.
        app.client().blockAction(BlockAction.click(again, "review_done").withUser("U0REVOPS01").withTriggerId("t-review"));
        SlackCall modal = app.slack().awaitCall("views.open", WAIT);
        assertThat(modal.param("trigger_id")).isEqualTo("t-review");
        var submitted = app.client().viewSubmission(modal, Map.of(
                "review_outcome", Map.of("outcome", StateValue.staticSelect("keep", "Keep")),
                "review_notes", Map.of("notes", StateValue.plainText("Numbers look right <!here>"))), "U0REVOPS01");
        assertThat(submitted.body()).doesNotContain("errors");
        assertThat(app.query(String.class, "SELECT outcome || ' ' || reviewed_by FROM reviews"))
                .containsExactly("keep U0REVOPS01");
        String reviewTs = again.response().path("ts").asText();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (app.slack().calls("chat.update").stream().noneMatch(c -> reviewTs.equals(c.param("ts")))
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        SlackCall updated = app.slack().calls("chat.update").stream().filter(c -> reviewTs.equals(c.param("ts")))
                .findFirst().orElseThrow();
        assertThat(updated.json("blocks").toString()).contains("Reviewed by <@U0REVOPS01>", "&lt;!here&gt;")
                .doesNotContain("review_done");
        clock.advance(Duration.ofDays(20));
        Thread.sleep(2500);
        assertThat(reviewPosts()).hasSize(2);
    }

    @Test
    void anUnreviewedReviewGetsExactlyOneFollowUp() throws Exception {
        start("2027-01-04T10:00:30");
        awaitReviewPosts(1);
        clock.advance(Duration.ofDays(14).plusMinutes(1));
        SlackCall followUp = awaitReviewPosts(2).get(1);
        assertThat(followUp.json("blocks").toString()).contains("still open");
        app.restart();
        clock.advance(Duration.ofDays(10));
        Thread.sleep(2500);
        assertThat(reviewPosts()).hasSize(2);
    }

    @Test
    void lowIndicatorsRecommendAReviewOnceAQuarter() throws Exception {
        start("2026-11-16T11:00:00");
        StringBuilder events = new StringBuilder("[");
        for (int i = 0; i < 60; i++) {
            events.append(i == 0 ? "" : ",").append("{\"lead_id\":\"L").append(i)
                    .append("\",\"stage\":\"lead\",\"at\":\"2026-11-10T15:00:00Z\"}");
        }
        events.append(",{\"lead_id\":\"L1\",\"stage\":\"mql\",\"at\":\"2026-11-11T15:00:00Z\"}]");
        var answer = app.post("/stage-events", events.toString(), "application/json", "Bearer " + RunningApp.HANDOFF_TOKEN);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        app.restart(); // the indicators are checked at start and then hourly
        SlackCall alert = awaitReviewPosts(1).get(0);
        assertThat(alert.json("blocks").toString()).contains("review of the SLA is recommended",
                "Lead→MQL conversion", "below the agreed minimum of 20");
        clock.advance(Duration.ofHours(2));
        app.restart();
        Thread.sleep(2500);
        assertThat(reviewPosts()).hasSize(1);
        assertThat(app.query(String.class, "SELECT quarter FROM review_alerts")).containsExactly("2026-Q4");
    }
}
