package dev.handshake.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handshake.testing.FakeSlack;
import dev.handshake.testing.PackagedApp;
import dev.handshake.testing.SlackCall;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * What the Slack fault scenarios share: handing off leads to the packaged app, waiting for the deliveries to drain,
 * the invariants checked after each scenario, and the call-rate figures measured from the fake Slack's record.
 * (A stand-in for the suite's shared invariants, covering what these scenarios need.)
 */
final class SlackFaultChecks {

    static final String SALES_CHANNEL = "#sales-leads";
    static final String[] ASSIGNEES = {"U0FAULT0001", "U0FAULT0002", "U0FAULT0003"};
    private static final Duration FIRST_WAVE = Duration.ofMillis(500);
    private static final List<String> DELIVERY_METHODS =
            List.of("chat.postMessage", "chat.update", "users.lookupByEmail", "conversations.open");

    /** One lead handed off and answered 2xx: its sender's id, the lead's (unique) name and its assignee. */
    record Intake(String id, String leadName, String assignee) {}

    /** The outcome of the invariant check, for the figures. */
    record Outcome(int intakes, int handoffs, int posted, int duplicatePosts, int duplicateDms) {}

    private final PackagedApp app;
    private final FakeSlack slack;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Intake> accepted = new ArrayList<>();
    private int refused;

    SlackFaultChecks(PackagedApp app, FakeSlack slack) {
        this.app = Objects.requireNonNull(app, "app == null");
        this.slack = Objects.requireNonNull(slack, "slack == null");
    }

    /** Hands off one lead; fails unless the app answers 202, as it must whatever Slack is doing. */
    Intake handOff(String scenario, int n) throws IOException, InterruptedException {
        String id = scenario + "-" + String.format("%04d", n);
        Intake intake = new Intake(id, "Lead " + id, ASSIGNEES[n % ASSIGNEES.length]);
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(app.base().resolve("/handoffs"))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + PackagedApp.HANDOFF_TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"id":"%s","stage":"mql","lead":{"name":"%s","company":"Faultline Freight"},"assignee":"%s"}"""
                        .formatted(intake.id(), intake.leadName(), intake.assignee())))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() / 100 == 2) {
            accepted.add(intake);
        } else {
            refused++;
        }
        assertThat(answer.statusCode()).as("intake %s: %s", id, answer.body()).isEqualTo(202);
        return intake;
    }

    List<Intake> accepted() {
        return List.copyOf(accepted);
    }

    int refused() {
        return refused;
    }

    HttpResponse<String> health() throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(app.base().resolve("/health")).timeout(Duration.ofSeconds(5)).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Waits until every accepted lead is posted and nothing is owed to Slack any more; returns the time it took. */
    Duration awaitDrained(Duration timeout) throws SQLException, InterruptedException {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        while (true) {
            long posted = number("SELECT count(*) FROM handoffs WHERE message_ts IS NOT NULL");
            long pending = number("SELECT count(*) FROM outbox WHERE state = 'pending'");
            if (posted >= accepted.size() && pending == 0) {
                return Duration.ofNanos(System.nanoTime() - started);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not drained within " + timeout + ": " + posted + " of " + accepted.size()
                        + " posted, " + pending + " deliveries pending: "
                        + texts("SELECT kind || ' ' || lane || ' attempts=' || attempts || ' ' || coalesce(last_error, '')"
                                + " FROM outbox WHERE state = 'pending'") + "\n" + app.process().tail());
            }
            Thread.sleep(200);
        }
    }

    /**
     * The invariants: every intake answered 2xx has exactly one handoff; every handoff was posted (a successful
     * chat.postMessage is recorded with the ts the handoff keeps) and its assignee told; duplicates are counted; no
     * delivery is pending or failed; each lane was delivered in order; {@code PRAGMA integrity_check} is ok.
     */
    Outcome check() throws SQLException {
        assertThat(refused).as("intakes refused").isZero();
        List<SlackCall> posts = slack.calls("chat.postMessage").stream().filter(SlackCall::succeeded).toList();
        Map<String, Long> idsByName = new HashMap<>();
        int duplicatePosts = 0;
        int duplicateDms = 0;
        for (Intake intake : accepted) {
            List<Long> rows = numbers("SELECT id FROM handoffs WHERE external_id = ?", intake.id());
            assertThat(rows).as("handoff rows for %s", intake.id()).hasSize(1);
            idsByName.put(intake.leadName(), rows.get(0));
            String ts = text("SELECT message_ts FROM handoffs WHERE external_id = ?", intake.id());
            assertThat(ts).as("message_ts of %s", intake.id()).isNotNull();
            List<SlackCall> salesPosts = posts.stream()
                    .filter(inChannel(SALES_CHANNEL).and(topLevel()).and(mentions(intake.leadName()))).toList();
            assertThat(salesPosts).as("posts of %s", intake.id())
                    .anySatisfy(call -> assertThat(call.response().path("ts").asText()).isEqualTo(ts));
            duplicatePosts += salesPosts.size() - 1;
            List<SlackCall> dms = posts.stream()
                    .filter(inChannel(intake.assignee()).and(mentions(intake.leadName()))).toList();
            assertThat(dms).as("direct messages to the assignee of %s", intake.id()).isNotEmpty();
            duplicateDms += dms.size() - 1;
        }
        assertThat(number("SELECT count(*) FROM handoffs")).as("handoff rows in all").isEqualTo(accepted.size());
        assertThat(number("SELECT count(*) FROM outbox WHERE state = 'pending'")).as("pending deliveries").isZero();
        assertThat(texts("SELECT kind || ': ' || last_error FROM outbox WHERE state = 'failed'"))
                .as("failed deliveries").isEmpty();
        assertThat(texts("PRAGMA integrity_check")).containsExactly("ok");
        assertInLaneOrder(posts, idsByName);
        return new Outcome(accepted.size(), (int) number("SELECT count(*) FROM handoffs"),
                (int) number("SELECT count(*) FROM handoffs WHERE message_ts IS NOT NULL"), duplicatePosts,
                duplicateDms);
    }

    /** In each channel (a lane), the leads' first successful posts came in the order the leads were handed off. */
    private void assertInLaneOrder(List<SlackCall> posts, Map<String, Long> idsByName) {
        Map<String, List<Long>> orderByChannel = new LinkedHashMap<>();
        for (SlackCall post : posts) {
            Long id = idsByName.entrySet().stream().filter(e -> mentions(e.getKey()).test(post))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
            if (id != null && topLevel().test(post)) {
                List<Long> order = orderByChannel.computeIfAbsent(post.param("channel"), c -> new ArrayList<>());
                if (!order.contains(id)) {
                    order.add(id);
                }
            }
        }
        orderByChannel.forEach((channel, order) ->
                assertThat(order).as("order of first posts in %s", channel).isSorted());
    }

    // ---- figures from the fake's record

    /** Calls of the delivery methods that reached Slack in [from, to). */
    List<SlackCall> deliveryCalls(Instant from, Instant to) {
        return slack.calls().stream().filter(c -> DELIVERY_METHODS.contains(c.method()))
                .filter(c -> !c.at().isBefore(from) && c.at().isBefore(to)).toList();
    }

    /** The most calls in any one-second window. */
    static int maxPerSecond(List<SlackCall> calls) {
        List<Instant> times = calls.stream().map(SlackCall::at).sorted().toList();
        int max = 0;
        int start = 0;
        for (int end = 0; end < times.size(); end++) {
            while (!times.get(start).plusSeconds(1).isAfter(times.get(end))) {
                start++;
            }
            max = Math.max(max, end - start + 1);
        }
        return max;
    }

    /** The smallest gap between two chat.postMessage calls to one channel, over every channel (null with none). */
    static Duration minPostGapPerChannel(List<SlackCall> calls) {
        Map<String, List<Instant>> byChannel = new HashMap<>();
        calls.stream().filter(c -> c.method().equals("chat.postMessage"))
                .forEach(c -> byChannel.computeIfAbsent(c.param("channel"), k -> new ArrayList<>()).add(c.at()));
        Duration min = null;
        for (List<Instant> times : byChannel.values()) {
            List<Instant> sorted = times.stream().sorted().toList();
            for (int i = 1; i < sorted.size(); i++) {
                Duration gap = Duration.between(sorted.get(i - 1), sorted.get(i));
                if (min == null || gap.compareTo(min) < 0) {
                    min = gap;
                }
            }
        }
        return min;
    }

    /**
     * The smallest gap between probes: calls that reached Slack after the first one answered {@code error}, counted
     * from that one. Calls already under way when Slack first refused the token (within a short first wave) are left
     * out; null when no probe followed.
     */
    static Duration minGapAfterFirstRefusal(List<SlackCall> calls, String error) {
        List<SlackCall> sorted = calls.stream().sorted(java.util.Comparator.comparing(SlackCall::at)).toList();
        Instant firstRefusal = sorted.stream().filter(c -> c.answeredWith().equals(error)).map(SlackCall::at)
                .findFirst().orElseThrow(() -> new AssertionError("no call was answered " + error + ": " + calls));
        List<Instant> probes = sorted.stream().map(SlackCall::at)
                .filter(at -> at.isAfter(firstRefusal.plus(FIRST_WAVE))).toList();
        Duration min = null;
        Instant previous = firstRefusal;
        for (Instant at : probes) {
            Duration gap = Duration.between(previous, at);
            min = min == null || gap.compareTo(min) < 0 ? gap : min;
            previous = at;
        }
        return min;
    }

    static String millis(Duration duration) {
        return duration == null ? "n/a" : duration.toMillis() + " ms";
    }

    private static Predicate<SlackCall> inChannel(String channel) {
        return call -> channel.equals(call.param("channel"));
    }

    private static Predicate<SlackCall> topLevel() {
        return call -> call.param("thread_ts") == null;
    }

    private static Predicate<SlackCall> mentions(String leadName) {
        return call -> contains(call.param("text"), leadName) || contains(call.param("blocks"), leadName);
    }

    private static boolean contains(String haystack, String needle) {
        return haystack != null && haystack.contains(needle);
    }

    // ---- the database

    long number(String sql, Object... args) throws SQLException {
        List<Long> values = numbers(sql, args);
        return values.isEmpty() ? 0 : values.get(0);
    }

    private List<Long> numbers(String sql, Object... args) throws SQLException {
        List<Long> values = new ArrayList<>();
        query(sql, args, rows -> values.add(rows.getLong(1)));
        return values;
    }

    private String text(String sql, Object... args) throws SQLException {
        List<String> values = texts(sql, args);
        return values.isEmpty() ? null : values.get(0);
    }

    List<String> texts(String sql, Object... args) throws SQLException {
        List<String> values = new ArrayList<>();
        query(sql, args, rows -> values.add(rows.getString(1)));
        return values;
    }

    @FunctionalInterface
    private interface Row {
        void read(ResultSet rows) throws SQLException;
    }

    private void query(String sql, Object[] args, Row row) throws SQLException {
        try (Connection db = DriverManager.getConnection(app.jdbcUrl());
                PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    row.read(rows);
                }
            }
        }
    }
}
