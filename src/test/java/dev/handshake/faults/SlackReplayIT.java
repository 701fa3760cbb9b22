package dev.handshake.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handshake.testing.BlockAction;
import dev.handshake.testing.FakeSlack;
import dev.handshake.testing.PackagedApp;
import dev.handshake.testing.Replay;
import dev.handshake.testing.SlackCall;
import dev.handshake.testing.SlackClient;
import dev.handshake.testing.StateValue;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Slack requests replayed byte for byte within the signature's five minutes, and Events API retries (same event id,
 * new timestamp and signature, {@code X-Slack-Retry-Num}), against the packaged app, before and after a
 * {@code kill -9} and restart. Every request with an effect is covered: {@code /sla export} (a file upload),
 * {@code /sla away}, Accept (a decision), Reject (opens a modal), the reject reason (a decision) and
 * {@code app_home_opened} (a Home tab publish). Counts each effect against the requests that should have caused it:
 * double effects must be 0. (A question such as {@code /sla mql share} has no effect to repeat: its answer goes back
 * in the acknowledgement to whoever sent the request, so a replay gets the answer and Slack gets nothing.)
 */
class SlackReplayIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    /** How long to watch for an effect of a repeat after the last one was sent. */
    private static final Duration QUIET = Duration.ofSeconds(2);
    private static final String HOME_USER_PREFIX = "U0HOME";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Replay replay = new Replay();

    /** An original request and what a repeat of it must not cause again. */
    private record Original(String kind, HttpResponse<String> answer) {}

    @Test
    void replaysAndRetriesHaveNoSecondEffectEvenAfterARestart() throws Exception {
        Scale scale = Scale.current();
        int rounds = scale.pick(2, 10);
        int repeats = scale.pick(2, 5);
        int retries = 3;
        try (FakeSlack slack = FakeSlack.start(); PackagedApp app = PackagedApp.builder(slack).start()) {
            SlackClient client = app.slackClient(slack);
            // The exporter is one of the managers the agreement lets export.
            slack.addUserGroup("S0SALESMGR1", "sales-managers", "U0EXPORT01");
            List<Original> originals = new ArrayList<>();
            List<HttpResponse<String>> repeatAnswers = new ArrayList<>();
            long retryMaxMs = 0;
            int retriesSent = 0;
            Map<String, Long> awaySetAt = new java.util.HashMap<>();

            for (int r = 0; r < rounds; r++) {
                originals.add(new Original("export", client.slashCommand("/sla", "export", "U0EXPORT01",
                        "C0GENERAL1")));
                slack.awaitCalls("files.completeUploadExternal", r + 1, WAIT);

                String awayUser = "U0AWAY" + String.format("%04d", r);
                originals.add(new Original("away", client.slashCommand("/sla",
                        "away until " + LocalDate.now().plusDays(10 + r), awayUser, "C0GENERAL1")));
                awaySetAt.put(awayUser, count(app, "SELECT set_at FROM away WHERE user_id = ?", awayUser));

                SlackCall toAccept = handOff(app, slack, "replay-accept-" + r);
                originals.add(new Original("accept", client.blockAction(BlockAction.click(toAccept, "handoff_accept")
                        .withUser("U0REP00001").withResponseUrl(slack.responseUrl("accept-" + r)))));

                SlackCall toReject = handOff(app, slack, "replay-reject-" + r);
                originals.add(new Original("reject", client.blockAction(BlockAction.click(toReject, "handoff_reject")
                        .withUser("U0REP00002"))));
                SlackCall modal = slack.awaitCalls("views.open", r + 1, WAIT).get(r);
                Original reason = new Original("reason", client.viewSubmission(modal, Map.of(
                        "reject_reason", Map.of("reason", StateValue.staticSelect("r1", "label"))), "U0REP00002"));
                assertThat(reason.answer().body()).doesNotContain("errors");
                originals.add(reason);

                String homeEvent = "{\"type\":\"app_home_opened\",\"user\":\"" + HOME_USER_PREFIX
                        + String.format("%04d", r) + "\",\"channel\":\"D0HOME0001\",\"tab\":\"home\"}";
                String eventId = "Ev0REPLAY" + String.format("%03d", r);
                originals.add(new Original("home", client.event(homeEvent, eventId, null)));

                for (Original original : originals.subList(originals.size() - 6, originals.size())) {
                    assertThat(original.answer().statusCode()).as(original.kind()).isEqualTo(200);
                    for (int k = 0; k < repeats; k++) {
                        repeatAnswers.add(replay.of(original.answer()));
                    }
                }
                for (int retry = 1; retry <= retries; retry++) {
                    long started = System.nanoTime();
                    repeatAnswers.add(client.event(homeEvent, eventId, retry));
                    retryMaxMs = Math.max(retryMaxMs, Duration.ofNanos(System.nanoTime() - started).toMillis());
                    retriesSent++;
                }
            }
            int replayedBeforeRestart = originals.size() * repeats;
            int doubleEffectsBeforeRestart = doubleEffects(app, slack, repeatAnswers, rounds, awaySetAt);
            assertThat(doubleEffectsBeforeRestart).as("double effects before the restart").isZero();

            // Every key is durable before the kill: the restarted app must still refuse every repeat.
            awaitCount(app, originals.size(), "SELECT count(*) FROM slack_requests");
            app.kill();
            app.start();
            List<HttpResponse<String>> afterRestart = new ArrayList<>();
            for (Original original : originals) {
                afterRestart.add(replay.of(original.answer()));
            }
            for (int r = 0; r < rounds; r++) {
                String homeEvent = "{\"type\":\"app_home_opened\",\"user\":\"" + HOME_USER_PREFIX
                        + String.format("%04d", r) + "\",\"channel\":\"D0HOME0001\",\"tab\":\"home\"}";
                afterRestart.add(client.event(homeEvent, "Ev0REPLAY" + String.format("%03d", r), retries));
                retriesSent++;
            }
            int replayedAfterRestart = originals.size();
            int doubleEffects = doubleEffects(app, slack, afterRestart, rounds, awaySetAt);
            assertThat(doubleEffects).as("double effects after the restart").isZero();
            assertThat(app.logText()).contains("Ignored a repeated Slack request");
            assertThat(integrityCheck(app)).isEqualTo("ok");

            new Figures("replayed Slack requests and Events API retries")
                    .put("originals", originals.size())
                    .put("requests_replayed", replayedBeforeRestart + replayedAfterRestart)
                    .put("replayed_after_kill_restart", replayedAfterRestart)
                    .put("event_retries_sent", retriesSent)
                    .put("retry_answer_max_ms", retryMaxMs)
                    .put("double_effects_before_restart", doubleEffectsBeforeRestart)
                    .put("double_effects_after_restart", doubleEffects)
                    .put("integrity_check", "ok")
                    .publish();
        }
    }

    /**
     * The crash window: a request whose key cannot be stored (here a trigger makes every insert of a key fail, as a
     * full or failing disk would) must have no effect, so that a {@code kill -9} before its key is stored cannot let
     * a replay after the restart repeat the effect; likewise a request whose key cannot be looked up. Each such
     * request is told to try again (an event gets an error, so Slack sends it again); after the restart its replay
     * is handled once, and a second replay is refused.
     */
    @Test
    void aCrashBeforeTheKeyIsStoredCannotLetAReplayRepeatAnEffect() throws Exception {
        try (FakeSlack slack = FakeSlack.start(); PackagedApp app = PackagedApp.builder(slack).start()) {
            // The exporter is one of the managers the agreement lets export.
            slack.addUserGroup("S0SALESMGR1", "sales-managers", "U0EXPORT02");
            SlackClient client = app.slackClient(slack);
            SlackCall toReject = handOff(app, slack, "crash-window-reject");
            SlackCall toAccept = handOff(app, slack, "crash-window-accept");
            String until = LocalDate.now().plusDays(12).toString();
            String homeEvent = "{\"type\":\"app_home_opened\",\"user\":\"" + HOME_USER_PREFIX
                    + "CRSH\",\"channel\":\"D0HOME0001\",\"tab\":\"home\"}";
            String homeUser = HOME_USER_PREFIX + "CRSH";

            try (Connection db = DriverManager.getConnection(app.jdbcUrl()); Statement sql = db.createStatement()) {
                sql.execute("PRAGMA busy_timeout = 10000");
                sql.execute("CREATE TRIGGER refuse_keys BEFORE INSERT ON slack_requests "
                        + "BEGIN SELECT RAISE(ABORT, 'injected: the disk refuses the write'); END");
            }
            List<HttpResponse<String>> originals = new ArrayList<>();
            originals.add(client.slashCommand("/sla", "export", "U0EXPORT02", "C0GENERAL1"));
            originals.add(client.slashCommand("/sla", "away until " + until, "U0AWAYCRSH", "C0GENERAL1"));
            originals.add(client.blockAction(BlockAction.click(toReject, "handoff_reject").withUser("U0REP00002")
                    .withResponseUrl(slack.responseUrl("crash-reject"))));
            originals.add(client.event(homeEvent, "Ev0CRASH001", null));
            assertThat(statusAndBody(originals.get(0))).contains("try again");
            assertThat(statusAndBody(originals.get(1))).contains("try again");
            assertThat(slack.awaitResponseUrlPost("crash-reject", WAIT).json().path("text").asText())
                    .contains("again");
            assertThat(originals.get(3).statusCode()).as("an event gets an error, so Slack sends it again")
                    .isGreaterThanOrEqualTo(500);

            // The keys cannot even be looked up: a click must not act either.
            try (Connection db = DriverManager.getConnection(app.jdbcUrl()); Statement sql = db.createStatement()) {
                sql.execute("PRAGMA busy_timeout = 10000");
                sql.execute("ALTER TABLE slack_requests RENAME TO slack_requests_unreadable");
            }
            HttpResponse<String> accept = client.blockAction(BlockAction.click(toAccept, "handoff_accept")
                    .withUser("U0REP00001").withResponseUrl(slack.responseUrl("crash-accept")));
            originals.add(accept);
            assertThat(slack.awaitResponseUrlPost("crash-accept", WAIT).json().path("text").asText())
                    .contains("again");
            Thread.sleep(QUIET.toMillis());
            assertThat(slack.calls("files.completeUploadExternal")).as("uploads before the crash").isEmpty();
            assertThat(slack.calls("views.open")).as("modals before the crash").isEmpty();
            assertThat(homePublishes(slack, homeUser)).as("Home tabs before the crash").isZero();
            assertThat(count(app, "SELECT count(*) FROM away WHERE user_id = ?", "U0AWAYCRSH")).isZero();
            assertThat(count(app, "SELECT count(*) FROM handoff_events WHERE kind = 'accepted'")).isZero();

            app.kill();
            try (Connection db = DriverManager.getConnection(app.jdbcUrl()); Statement sql = db.createStatement()) {
                sql.execute("ALTER TABLE slack_requests_unreadable RENAME TO slack_requests");
                sql.execute("DROP TRIGGER refuse_keys");
            }
            app.start();
            for (HttpResponse<String> original : originals) {
                assertThat(replay.of(original).statusCode()).isEqualTo(200);
            }
            slack.awaitCalls("files.completeUploadExternal", 1, WAIT);
            slack.awaitCalls("views.open", 1, WAIT);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (homePublishes(slack, homeUser) == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            for (HttpResponse<String> original : originals) {
                HttpResponse<String> again = replay.of(original);
                assertThat(again.statusCode()).isEqualTo(200);
                assertThat(again.body()).as("a second replay is refused").isEmpty();
            }
            Thread.sleep(QUIET.toMillis());
            int effects = slack.calls("files.completeUploadExternal").size() + slack.calls("views.open").size()
                    + homePublishes(slack, homeUser)
                    + (int) count(app, "SELECT count(*) FROM away WHERE user_id = ?", "U0AWAYCRSH")
                    + (int) count(app, "SELECT count(*) FROM handoff_events WHERE kind = 'accepted'");
            assertThat(effects).as("one effect per request: upload, away, modal, Home tab, decision").isEqualTo(5);
            assertThat(integrityCheck(app)).isEqualTo("ok");
            new Figures("crash between an effect and its key")
                    .put("requests whose key could not be stored or read", originals.size())
                    .put("effects before the crash", 0)
                    .put("effects after the restart and two replays each", effects)
                    .put("double effects", effects - originals.size())
                    .publish();
        }
    }

    private static int homePublishes(FakeSlack slack, String user) {
        return (int) slack.calls("views.publish").stream().filter(call -> user.equals(call.param("user_id"))).count();
    }

    private static String statusAndBody(HttpResponse<String> answer) {
        return answer.statusCode() + " " + answer.body();
    }

    /**
     * Effects beyond one per original request: repeats answered with content (a second post to the channel, an
     * error), uploads, modals opened, Home tabs published, decisions, "already accepted" replies, away records
     * rewritten.
     */
    private static int doubleEffects(PackagedApp app, FakeSlack slack, List<HttpResponse<String>> repeats, int rounds,
            Map<String, Long> awaySetAt) throws Exception {
        int doubles = 0;
        for (HttpResponse<String> repeat : repeats) {
            assertThat(repeat.statusCode()).isEqualTo(200);
            doubles += repeat.body().isEmpty() ? 0 : 1;
        }
        Thread.sleep(QUIET.toMillis());
        doubles += excess(slack.calls("files.completeUploadExternal").size(), rounds, "uploads");
        doubles += excess(slack.calls("views.open").size(), rounds, "modals opened");
        long homePublishes = slack.calls("views.publish").stream()
                .filter(call -> call.param("user_id").startsWith(HOME_USER_PREFIX)).count();
        doubles += excess((int) homePublishes, rounds, "Home tabs published");
        doubles += excess((int) count(app, "SELECT count(*) FROM handoff_events WHERE kind = 'accepted'"), rounds,
                "acceptances");
        doubles += excess((int) count(app, "SELECT count(*) FROM handoff_events WHERE kind = 'rejected'"), rounds,
                "rejections");
        for (int r = 0; r < rounds; r++) {
            // Handled again, a repeated Accept would have been told "Already accepted".
            doubles += slack.responseUrlPosts("accept-" + r).size();
        }
        for (Map.Entry<String, Long> away : awaySetAt.entrySet()) {
            doubles += count(app, "SELECT set_at FROM away WHERE user_id = ?", away.getKey()) == away.getValue()
                    ? 0 : 1;
        }
        return doubles;
    }

    /** How many more effects than {@code expected} there were; fewer is a failure of its own. */
    private static int excess(int actual, int expected, String what) {
        assertThat(actual).as(what).isGreaterThanOrEqualTo(expected);
        return actual - expected;
    }

    private SlackCall handOff(PackagedApp app, FakeSlack slack, String id) throws Exception {
        int posted = slack.posts("#sales-leads").size();
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(app.base().resolve("/handoffs"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + PackagedApp.HANDOFF_TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"id":"%s","stage":"mql","lead":{"name":"Dana Whitfield"}}""".formatted(id)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        // The lead's post in the sales channel (its rep's direct message may go out first).
        SlackCall message = slack.awaitPosts("#sales-leads", posted + 1, WAIT).get(posted);
        // A person can click only once the message is there; the app records it once Slack answered.
        awaitCount(app, 1, "SELECT count(*) FROM handoff_events e JOIN handoffs h ON h.id = e.handoff_id "
                + "WHERE e.kind = 'posted' AND h.external_id = ?", id);
        return message;
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

    private static void awaitCount(PackagedApp app, long expected, String sql, String... args) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (count(app, sql, args) < expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(count(app, sql, args)).as(sql).isGreaterThanOrEqualTo(expected);
    }

    private static String integrityCheck(PackagedApp app) throws SQLException {
        try (Connection db = DriverManager.getConnection(app.jdbcUrl());
                ResultSet rows = db.createStatement().executeQuery("PRAGMA integrity_check")) {
            rows.next();
            return rows.getString(1);
        }
    }
}
