package dev.handshake.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handshake.testing.BlockAction;
import dev.handshake.testing.FakeSlack;
import dev.handshake.testing.PackagedApp;
import dev.handshake.testing.ResponseUrlPost;
import dev.handshake.testing.SlackCall;
import dev.handshake.testing.SlackClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Another process holds the packaged app's SQLite write lock ({@code BEGIN EXCLUSIVE}) for longer than the app's
 * five-second busy timeout, while marketing's automation keeps sending handoffs and stage events and people click
 * Accept and set themselves away in Slack. Checks, after the lock is gone: every handoff answered 2xx has exactly
 * one row and every one answered 503 (with Retry-After) none, until its sender retries; every Slack request got an
 * answer before Slack's three seconds ran out and either took effect or told the user to try again, never both;
 * everything works again; {@code PRAGMA integrity_check} is ok.
 */
class DatabaseLockIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    /** Slack gives up after 3 s; the app's bound is 1.5 s. Asserted below the busy timeout, the 3 s are reported. */
    private static final long SLACK_ANSWER_BOUND_MS = 4500;
    private static final long SLACK_DEADLINE_MS = 3000;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** One request sent during the lock: what, its answer and how long it took. */
    private record Sent(String kind, String key, int status, String body, long millis) {}

    @Test
    void requestsDuringALockLongerThanTheBusyTimeoutGetHonestAnswersAndNothingIsLost() throws Exception {
        Scale scale = Scale.current();
        Duration lock = Duration.ofSeconds(scale.pick(8, 30));
        int clickTargets = scale.pick(6, 20);
        int intakeSenders = scale.pick(3, 4);
        try (FakeSlack slack = FakeSlack.start(); PackagedApp app = PackagedApp.builder(slack).start()) {
            SlackClient client = app.slackClient(slack);
            List<SlackCall> messages = new ArrayList<>();
            for (int i = 0; i < clickTargets; i++) {
                assertThat(intake(app, "before-" + i).statusCode()).isEqualTo(202);
            }
            // The app posts to one channel at most once a second, as Slack allows.
            // Each lead's rep gets a direct message first, with the same buttons; the clicks go to the leads'
            // messages in the sales channel, one each.
            messages.addAll(salesPosts(slack, clickTargets, postingTime(clickTargets)));
            awaitCount(app, clickTargets, "SELECT count(*) FROM handoff_events WHERE kind = 'posted'");

            List<Sent> sent = Collections.synchronizedList(new ArrayList<>());
            AtomicBoolean locked = new AtomicBoolean(true);
            ExecutorService senders = Executors.newFixedThreadPool(intakeSenders + 2);
            ScheduledExecutorService clicks = Executors.newScheduledThreadPool(4);
            long lockedAt;
            double lockSeconds;
            try (Connection holder = DriverManager.getConnection(app.jdbcUrl())) {
                try (Statement statement = holder.createStatement()) {
                    statement.execute("BEGIN EXCLUSIVE");
                }
                lockedAt = System.nanoTime();
                List<Future<?>> running = new ArrayList<>();
                for (int s = 0; s < intakeSenders; s++) {
                    int sender = s;
                    running.add(senders.submit(() -> {
                        for (int n = 0; locked.get(); n++) {
                            String id = "lock-" + sender + "-" + n;
                            sent.add(timed("handoff", id, () -> intake(app, id)));
                        }
                        return null;
                    }));
                }
                running.add(senders.submit(() -> {
                    for (int n = 0; locked.get(); n++) {
                        String lead = "lead-" + n;
                        sent.add(timed("stage", lead, () -> stageEvent(app, lead)));
                    }
                    return null;
                }));
                // Clicks spread evenly over the lock, each on its own (each waits up to the 1.5 s bound).
                for (int c = 0; c < clickTargets; c++) {
                    int n = c;
                    running.add(clicks.schedule(() -> {
                        String responseUrl = slack.responseUrl("accept-" + n);
                        BlockAction click = BlockAction.click(messages.get(n), "handoff_accept")
                                .withUser("U0REP" + String.format("%05d", n)).withResponseUrl(responseUrl);
                        sent.add(timed("accept", Integer.toString(n), () -> client.blockAction(click)));
                        return null;
                    }, lock.toMillis() * n / (clickTargets + 1), TimeUnit.MILLISECONDS));
                }
                running.add(senders.submit(() -> {
                    for (int n = 0; locked.get(); n++) {
                        String user = "U0AWAY" + String.format("%04d", n);
                        String until = LocalDate.now().plusDays(10).toString();
                        sent.add(timed("away", user, () -> client.slashCommand("/sla", "away until " + until, user,
                                "C0GENERAL1")));
                        sent.add(timed("read", user, () -> client.slashCommand("/sla", "mql", user, "C0GENERAL1")));
                        Thread.sleep(500);
                    }
                    return null;
                }));
                Thread.sleep(lock.toMillis());
                locked.set(false);
                try (Statement statement = holder.createStatement()) {
                    statement.execute("ROLLBACK");
                }
                lockSeconds = (System.nanoTime() - lockedAt) / 1e9;
                for (Future<?> sender : running) {
                    sender.get(60, TimeUnit.SECONDS);
                }
            } finally {
                senders.shutdownNow();
                clicks.shutdownNow();
            }

            // Webhooks: 2xx means stored exactly once, 503 means nothing stored; nothing else.
            List<Sent> handoffs = of(sent, "handoff");
            List<String> refused = new ArrayList<>();
            int twoXxWithoutRow = 0;
            int refusedWithRow = 0;
            for (Sent answer : handoffs) {
                assertThat(answer.status()).as(answer.body()).isIn(202, 503);
                long rows = count(app, "SELECT count(*) FROM handoffs WHERE external_id = ?", answer.key());
                if (answer.status() == 202) {
                    twoXxWithoutRow += rows == 1 ? 0 : 1;
                } else {
                    assertThat(answer.body()).contains("database is busy");
                    refusedWithRow += rows == 0 ? 0 : 1;
                    refused.add(answer.key());
                }
            }
            List<Sent> stages = of(sent, "stage");
            int stageRefusedWithRow = 0;
            for (Sent answer : stages) {
                assertThat(answer.status()).as(answer.body()).isIn(200, 503);
                long rows = count(app, "SELECT count(*) FROM stage_events WHERE lead_id = ?", answer.key());
                assertThat(rows).as("stage event %s answered %d", answer.key(), answer.status())
                        .isEqualTo(answer.status() == 200 ? 1 : 0);
                stageRefusedWithRow += answer.status() == 503 && rows > 0 ? 1 : 0;
            }
            assertThat(twoXxWithoutRow).isZero();
            assertThat(refusedWithRow).isZero();
            assertThat(refused).as("intakes refused while locked").isNotEmpty();

            // Slack: answered in time; each either took effect or told the user to try again.
            List<Sent> slackAnswers = new ArrayList<>(of(sent, "accept"));
            slackAnswers.addAll(of(sent, "away"));
            slackAnswers.addAll(of(sent, "read"));
            long slackMaxMs = 0;
            int slackOver3s = 0;
            for (Sent answer : slackAnswers) {
                assertThat(answer.status()).as("%s %s", answer.kind(), answer.body()).isEqualTo(200);
                assertThat(answer.millis()).as("%s answered after %d ms", answer.kind(), answer.millis())
                        .isLessThan(SLACK_ANSWER_BOUND_MS);
                slackMaxMs = Math.max(slackMaxMs, answer.millis());
                slackOver3s += answer.millis() >= SLACK_DEADLINE_MS ? 1 : 0;
            }
            int tryAgain = 0;
            List<Integer> toClickAgain = new ArrayList<>();
            for (Sent click : of(sent, "accept")) {
                int n = Integer.parseInt(click.key());
                long handoffId = Long.parseLong(BlockAction.click(messages.get(n), "handoff_accept").value());
                boolean decided = count(app, "SELECT count(*) FROM handoffs WHERE id = ? AND status = 'accepted'",
                        Long.toString(handoffId)) == 1;
                // A "try again" reply goes to the click's response URL after the ack: wait for it when nothing changed.
                List<ResponseUrlPost> replies = decided ? slack.responseUrlPosts("accept-" + n)
                        : List.of(slack.awaitResponseUrlPost("accept-" + n, WAIT));
                boolean toldToRetry = replies.stream()
                        .anyMatch(reply -> reply.json().path("text").asText().contains("click again"));
                if (!decided) {
                    toClickAgain.add(n);
                }
                assertThat(decided ^ toldToRetry).as("click %d: decided %s, told to retry %s", n, decided,
                        toldToRetry).isTrue();
                tryAgain += toldToRetry ? 1 : 0;
            }
            for (Sent away : of(sent, "away")) {
                boolean stored = count(app, "SELECT count(*) FROM away WHERE user_id = ?", away.key()) == 1;
                assertThat(away.body()).contains(stored ? "away through" : "try again");
                tryAgain += stored ? 0 : 1;
            }
            for (Sent read : of(sent, "read")) {
                assertThat(read.body()).contains("MQL");
            }

            // After the lock: the senders retry, the users click again; everything works.
            for (String id : refused) {
                assertThat(intake(app, id).statusCode()).isEqualTo(202);
            }
            int lost = 0;
            for (Sent answer : handoffs) {
                lost += count(app, "SELECT count(*) FROM handoffs WHERE external_id = ?", answer.key()) == 1 ? 0 : 1;
            }
            for (int n : toClickAgain) {
                assertThat(client.blockAction(BlockAction.click(messages.get(n), "handoff_accept")
                        .withUser("U0AGAIN001")).statusCode()).isEqualTo(200);
            }
            long clicked = of(sent, "accept").size();
            assertThat(count(app, "SELECT count(*) FROM handoffs WHERE status = 'accepted'")).isEqualTo(clicked);
            assertThat(lost).isZero();
            salesPosts(slack, clickTargets + handoffs.size(), postingTime(handoffs.size()));
            assertThat(integrityCheck(app)).isEqualTo("ok");

            long intakeMaxMs = handoffs.stream().mapToLong(Sent::millis).max().orElse(0);
            new Figures("database locked past the busy timeout")
                    .put("lock_seconds", String.format("%.1f", lockSeconds))
                    .put("handoffs_sent", handoffs.size())
                    .put("handoffs_2xx", handoffs.size() - refused.size())
                    .put("handoffs_503", refused.size())
                    .put("2xx_without_row", twoXxWithoutRow)
                    .put("503_with_row", refusedWithRow)
                    .put("lost_after_retry", lost)
                    .put("stage_events_sent", stages.size())
                    .put("stage_events_503", of(stages, 503).size())
                    .put("stage_503_with_row", stageRefusedWithRow)
                    .put("handoff_answer_max_ms", intakeMaxMs)
                    .put("slack_requests", slackAnswers.size())
                    .put("slack_try_again", tryAgain)
                    .put("slack_answer_max_ms", slackMaxMs)
                    .put("slack_answer_median_ms", median(slackAnswers))
                    .put("slack_over_3s", slackOver3s)
                    .put("integrity_check", "ok")
                    .publish();
        }
    }

    /** Time for {@code posts} messages to one channel at Slack's pace of one a second, and some. */
    /** Waits for {@code count} leads' messages in the sales channel (top level: not thread replies); returns them. */
    private static List<SlackCall> salesPosts(FakeSlack slack, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<SlackCall> posts = slack.calls("chat.postMessage", "#sales-leads").stream()
                    .filter(call -> call.param("thread_ts") == null).toList();
            if (posts.size() >= count) {
                return posts.subList(0, count);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("after " + timeout + ", " + posts.size() + " of " + count
                        + " leads' messages in the sales channel");
            }
            Thread.sleep(100);
        }
    }

    private static Duration postingTime(int posts) {
        return WAIT.plusSeconds(posts);
    }

    private static List<Sent> of(List<Sent> sent, String kind) {
        synchronized (sent) {
            return sent.stream().filter(s -> s.kind().equals(kind)).toList();
        }
    }

    private static List<Sent> of(List<Sent> sent, int status) {
        return sent.stream().filter(s -> s.status() == status).toList();
    }

    private static long median(List<Sent> answers) {
        List<Long> times = answers.stream().map(Sent::millis).sorted().toList();
        return times.isEmpty() ? 0 : times.get(times.size() / 2);
    }

    /** A request that may throw, timed. */
    @FunctionalInterface
    private interface Request {
        HttpResponse<String> send() throws Exception;
    }

    private static Sent timed(String kind, String key, Request request) throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> response = request.send();
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        return new Sent(kind, key, response.statusCode(), response.body(), millis);
    }

    private HttpResponse<String> intake(PackagedApp app, String id) throws Exception {
        return post(app.base().resolve("/handoffs"), """
                {"id":"%s","stage":"mql","lead":{"name":"Dana Whitfield","company":"Northwind"}}""".formatted(id));
    }

    private HttpResponse<String> stageEvent(PackagedApp app, String lead) throws Exception {
        return post(app.base().resolve("/stage-events"), """
                {"lead_id":"%s","stage":"mql","at":"2026-11-02T15:00:00Z"}""".formatted(lead));
    }

    private HttpResponse<String> post(URI uri, String json) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + PackagedApp.HANDOFF_TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 503) {
            assertThat(response.headers().firstValue("Retry-After")).as(response.body()).isPresent();
        }
        return response;
    }

    private static long count(PackagedApp app, String sql, String... args) throws SQLException {
        try (Connection db = DriverManager.getConnection(app.jdbcUrl());
                PreparedStatement query = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                query.setString(i + 1, args[i]);
            }
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static void awaitCount(PackagedApp app, long expected, String sql) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (count(app, sql) != expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(count(app, sql)).as(sql).isEqualTo(expected);
    }

    private static String integrityCheck(PackagedApp app) throws SQLException {
        try (Connection db = DriverManager.getConnection(app.jdbcUrl());
                ResultSet rows = db.createStatement().executeQuery("PRAGMA integrity_check")) {
            rows.next();
            return rows.getString(1);
        }
    }
}
