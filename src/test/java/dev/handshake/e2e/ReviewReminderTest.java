package dev.handshake.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handshake.testing.BlockAction;
import dev.handshake.testing.Fault;
import dev.handshake.testing.SlackCall;
import dev.handshake.testing.StateValue;
import dev.handshake.config.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The quarterly review on a clock the test moves: posted once on the first business day of the quarter at 10:00
 * in the agreement's zone, with last quarter's numbers and their chart in its thread; snoozed a week; marked
 * reviewed; one follow-up; the action items of a decision to change the agreement; and the off-cycle recommendation
 * when an indicator of the trailing 30 days falls below its threshold.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.handshake.e2e.Setup#eachTransportAndDatabase")
class ReviewReminderTest {

    @Parameter
    Setup setup;

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
        app = RunningApp.start(setup, Map.of(), clock);
    }

    @Test
    void theQuarterlyReviewIsPostedOnceWithLastQuartersNumbersAndCanBeSnoozedAndMarkedReviewed() throws Exception {
        start("2026-12-30T11:00:00");
        assertThat(app.postHandoff(Handoffs.json(Handoffs.unassigned("hs-q4"))).statusCode()).isEqualTo(202);
        SlackCall message = app.slack().awaitPosts("#sales-leads", 1, WAIT).get(0);
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
        assertThat(blocks).contains("Time to review the SLA", "last reviewed never", "*2026-Q4*", "Handoffs 1",
                "accepted 1", "acceptance 100% (1 of 1)", "review_done", "review_snooze",
                "Owners <@U04DWHITFLD> (marketing) and <@U04MBELL0SL> (sales)",
                // Goals named, held against the quarter they were set for, which has just ended.
                "2026-Q4 goals ended on 2026-12-31: set this quarter's (2027-Q1) in sla.yml",
                "MQL acceptance rate: 100% (1 of 1) in 2026-Q4, target 45% or more: on target",
                "MQLs handed to sales: 1 of 600 MQLs in 2026-Q4 (0%): missed",
                // One decision is not enough to judge an indicator; the minimum is 50.
                "MQL acceptance: not enough data (1 of 50 needed)",
                "Lead → MQL conversion: not enough data (1 of 50 needed)",
                "is in this thread")
                .doesNotContain("• — (target", "at or above");
        assertThat(app.query(String.class, "SELECT period FROM reviews")).containsExactly("2027-Q1");
        // The chart of the quarter goes in the review's thread.
        SlackCall chart = app.slack().awaitCall("files.completeUploadExternal", WAIT);
        assertThat(chart.param("thread_ts")).isEqualTo(review.response().path("ts").asText());
        assertThat(chart.param("channel_id")).isEqualTo(review.response().path("channel").asText());
        assertThat(app.slack().calls("files.getUploadURLExternal").get(0).param("filename"))
                .isEqualTo("handshake-chart-2026-10-01-to-2026-12-31.png");
        assertThat(javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(
                app.slack().awaitUploads(1, WAIT).get(0).bytes())).getWidth()).isEqualTo(1200);

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
    @HttpOnly("no Slack request reaches the app: the same over both transports")
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
    @HttpOnly("no Slack request reaches the app: the same over both transports")
    void aChartUploadSlackFailsIsRetriedInTheThreadWithoutPostingTheReviewAgain() throws Exception {
        start("2027-01-04T09:59:50");
        app.slack().failNext("files.completeUploadExternal", 1, Fault.status(500));
        clock.advanceTo(chicago("2027-01-04T10:00:05"));
        String reviewTs = awaitReviewPosts(1).get(0).response().path("ts").asText();

        List<SlackCall> completions = app.slack().awaitCalls("files.completeUploadExternal", 2, WAIT);
        assertThat(completions).allSatisfy(call -> assertThat(call.param("thread_ts")).isEqualTo(reviewTs));
        assertThat(reviewPosts()).hasSize(1);
        app.restart();
        Thread.sleep(2500);
        assertThat(reviewPosts()).hasSize(1);
        assertThat(app.slack().calls("files.completeUploadExternal")).hasSize(2);
    }

    @Test
    void aReviewThatDecidesToChangeTheAgreementPostsItsActionItemsForTheOwners() throws Exception {
        start("2027-01-04T10:00:30");
        SlackCall review = awaitReviewPosts(1).get(0);
        String reviewTs = review.response().path("ts").asText();

        app.client().blockAction(BlockAction.click(review, "review_done").withUser("U0REVOPS01").withTriggerId("t-1"));
        SlackCall modal = app.slack().awaitCall("views.open", WAIT);
        app.client().viewSubmission(modal, Map.of(
                "review_outcome", Map.of("outcome", StateValue.staticSelect("change", "Change")),
                "review_notes", Map.of("notes", StateValue.plainText("Raise the fit score to 65\n<!here> lower <b>"))),
                "U0REVOPS01");

        SlackCall items = awaitThreadReply(reviewTs);
        String blocks = items.json("blocks").toString();
        assertThat(blocks).contains("Action items of the 2027-Q1 review", "<@U0REVOPS01>", ">Raise the fit score to 65",
                "&lt;!here&gt; lower &lt;b&gt;", "<@U04DWHITFLD> (marketing) and <@U04MBELL0SL> (sales)",
                "a pull request to `sla.yml`", "review_change_opened").doesNotContain("<!here>");

        // Only an owner can say the change is open; then the action items say who, and lose the button.
        app.client().blockAction(BlockAction.click(items, "review_change_opened").withUser("U0REVOPS01"));
        assertThat(app.slack().awaitResponseUrlPosts(1, WAIT).get(0).json().path("text").asText())
                .contains("Only the agreement's owners");
        app.client().blockAction(BlockAction.click(items, "review_change_opened").withUser("U04DWHITFLD"));
        String itemsTs = items.response().path("ts").asText();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (app.slack().calls("chat.update").stream().noneMatch(c -> itemsTs.equals(c.param("ts")))
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        SlackCall updated = app.slack().calls("chat.update").stream().filter(c -> itemsTs.equals(c.param("ts")))
                .findFirst().orElseThrow();
        assertThat(updated.json("blocks").toString()).contains("<@U04DWHITFLD> opened the change on")
                .doesNotContain("review_change_opened");
        assertThat(app.query(String.class, "SELECT change_opened_by FROM reviews")).containsExactly("U04DWHITFLD");
        // Posted once, even after a restart.
        app.restart();
        Thread.sleep(2500);
        assertThat(app.slack().calls("chat.postMessage").stream().filter(c -> reviewTs.equals(c.param("thread_ts"))))
                .hasSize(1);
    }

    @Test
    void aReviewKeptAsIsAsksForNothing() throws Exception {
        start("2027-01-04T10:00:30");
        SlackCall review = awaitReviewPosts(1).get(0);
        app.client().blockAction(BlockAction.click(review, "review_done").withUser("U0REVOPS01").withTriggerId("t-2"));
        SlackCall modal = app.slack().awaitCall("views.open", WAIT);
        app.client().viewSubmission(modal, Map.of(
                "review_outcome", Map.of("outcome", StateValue.staticSelect("keep", "Keep"))), "U0REVOPS01");
        app.slack().awaitCall("chat.update", WAIT);
        Thread.sleep(1000);

        assertThat(app.slack().calls("chat.postMessage").stream()
                .filter(c -> c.param("thread_ts") != null && !c.param("thread_ts").isEmpty())).isEmpty();
    }

    private SlackCall awaitThreadReply(String threadTs) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            var reply = app.slack().calls("chat.postMessage").stream()
                    .filter(c -> threadTs.equals(c.param("thread_ts"))).findFirst();
            if (reply.isPresent()) {
                return reply.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no reply in the thread of " + threadTs);
    }

    @Test
    void lowAcceptanceAloneRecommendsAReviewWithoutWaitingForLeadEvents(@TempDir Path dir) throws Exception {
        Path agreement = dir.resolve("sla.yml");
        Files.writeString(agreement, Files.readString(Path.of("sla.yml"))
                .replace("min_leads_for_alert: 50", "min_leads_for_alert: 4"));
        clock = new MovableClock(chicago("2026-11-16T11:00:00"));
        app = RunningApp.start(setup, Map.of(Settings.AGREEMENT_FILE, agreement.toString()), clock);
        for (int i = 1; i <= 4; i++) {
            assertThat(app.postHandoff(Handoffs.json(Handoffs.unassigned("hs-low-" + i))).statusCode()).isEqualTo(202);
        }
        List<SlackCall> posts = app.slack().awaitPosts("#sales-leads", 4, WAIT);
        app.client().blockAction(BlockAction.click(posts.get(0), "handoff_accept").withUser("U0REP00001"));
        for (int i = 1; i <= 3; i++) {
            app.client().blockAction(BlockAction.click(posts.get(i), "handoff_reject").withUser("U0REP00001")
                    .withTriggerId("t-reject-" + i));
            SlackCall form = app.slack().awaitCalls("views.open", i, WAIT).get(i - 1);
            app.client().viewSubmission(form, Map.of("reject_reason", Map.of("reason",
                    StateValue.staticSelect("r1", "reason"))), "U0REP00001");
        }
        app.awaitNumber(3, WAIT, "SELECT count(*) FROM handoffs WHERE status = 'rejected'");
        app.restart(); // the indicators are checked at start and then hourly

        SlackCall alert = awaitReviewPosts(1).get(0);
        // The four handoffs are of one lead: too few new leads to judge conversion, which does not hold acceptance up.
        assertThat(alert.json("blocks").toString()).contains(
                "MQL acceptance 25% (1 of 4), below 40%: sales rejects more than agreed",
                "Lead → MQL conversion: not enough data (1 of 4 needed)");
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
                "The numbers of the last 30 days",
                "Lead → MQL conversion 2% (1 of 60), below 20%: few new leads become MQLs",
                "MQL acceptance: not enough data (0 of 50 needed)", "<@U04DWHITFLD>", "<@U04MBELL0SL>");
        clock.advance(Duration.ofHours(2));
        app.restart();
        Thread.sleep(2500);
        assertThat(reviewPosts()).hasSize(1);
        assertThat(app.query(String.class, "SELECT quarter FROM review_alerts")).containsExactly("2026-Q4");

        // The alert asks for a review, so it carries the button that records it.
        assertThat(alert.json("blocks").toString()).contains("review_done").doesNotContain("review_snooze");
        app.client().blockAction(BlockAction.click(alert, "review_done").withUser("U0REVOPS01").withTriggerId("t-a"));
        SlackCall modal = app.slack().awaitCall("views.open", WAIT);
        assertThat(modal.json("view").path("title").path("text").asText()).isEqualTo("SLA review 2026-Q4-alert");
        app.client().viewSubmission(modal, Map.of(
                "review_outcome", Map.of("outcome", StateValue.staticSelect("keep", "Keep"))), "U0REVOPS01");
        SlackCall updated = app.slack().awaitCall("chat.update", WAIT);
        assertThat(updated.param("ts")).isEqualTo(alert.response().path("ts").asText());
        assertThat(updated.json("blocks").toString()).contains("review of the SLA is recommended",
                "Reviewed by <@U0REVOPS01>", "keep the agreement as is").doesNotContain("review_done");
    }
}
