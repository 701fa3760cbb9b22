package dev.handshake.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handshake.clock.Quarter;
import dev.handshake.db.Database;
import dev.handshake.faults.HostileBodies.Input;
import dev.handshake.faults.HostileBodies.Target;
import dev.handshake.handoff.HandoffActions;
import dev.handshake.review.ReviewActions;
import dev.handshake.testing.BlockAction;
import dev.handshake.testing.FakeSlack;
import dev.handshake.testing.PackagedApp;
import dev.handshake.testing.ResponseUrlPost;
import dev.handshake.testing.SlackCall;
import dev.handshake.testing.SlackClient;
import dev.handshake.testing.StateValue;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thousands of malformed and hostile bodies (seeded: {@code -Dhostile.seed=N} replays a run, {@code -Dhostile.inputs=N}
 * sets how many) against the packaged app's three doors: {@code POST /handoffs} and {@code POST /stage-events} with
 * the right bearer token, and {@code POST /slack/events} signed correctly, so each reaches the parsers. The app must
 * answer every one 2xx or 4xx without a stack trace, stay up, keep its database intact, never let user markup reach
 * Slack unescaped, and never write a secret or a whole request body to its log.
 */
class HostileInputIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A Slack user id no real workspace has, made of markup: a hostile sender's id, as far as the app can tell. */
    private static final String HOSTILE_USER = "U0X><!channel>|<@U0EVIL666>&Zamp";
    private static final int SEED_HANDOFFS = 40;
    private static final int SENDERS = 8;
    private static final Path KEPT_LOG = Path.of("target", "HostileInputIT-app.log");
    private static final Pattern STACK_TRACE = Pattern.compile(
            "\\bat [a-z][\\w$]*(\\.[\\w$]+)+\\(|Exception\\b|Caused by:|\\.java:\\d+\\)");

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** How the app answered one input: a status and the start of its body, or no answer ({@code status} -1). */
    private record Answer(int index, Target target, String kind, int status, String excerpt, String problem) {
        String describe(HostileBodies bodies) {
            Input input = bodies.input(index);
            String sent = new String(input.body(), 0, Math.min(input.body().length, 200), StandardCharsets.UTF_8);
            return "#" + index + " " + target + "/" + kind + " (" + input.contentType() + ", " + input.body().length
                    + " bytes" + (input.chunked() ? ", chunked" : "") + ") -> "
                    + (status < 0 ? problem : status + " " + excerpt) + "\n   sent: " + sent;
        }
    }

    /** What the answers showed, gathered while the senders run; thread-safe. */
    private static final class Tally {
        final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<String> acceptedHandoffs = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<String> unescapedInAcks = new ConcurrentLinkedQueue<>();
        final AtomicInteger escapedInAcks = new AtomicInteger();
        final AtomicInteger ackTexts = new AtomicInteger();

        /** {@code json}: the answer says it is JSON (a url_verification answer, say, is the challenge as text). */
        void record(Input input, int status, String body, boolean json, String error) {
            Matcher trace = body == null ? null : STACK_TRACE.matcher(body);
            boolean traced = trace != null && trace.find();
            String excerpt = body == null ? null : traced
                    ? body.substring(Math.max(0, trace.start() - 100), Math.min(body.length(), trace.end() + 200))
                    : abbreviate(body);
            answers.add(new Answer(input.index(), input.target(), input.kind(), status, excerpt,
                    traced ? "stack trace" : error));
            if (input.target() == Target.HANDOFFS && status / 100 == 2) {
                try {
                    acceptedHandoffs.add(JSON.readTree(input.body()).path("id").textValue());
                } catch (IOException e) {
                    acceptedHandoffs.add("#" + input.index() + " is not JSON, yet was answered " + status);
                }
            }
            if (input.target() == Target.SLACK && status == 200 && json && body != null && !body.isEmpty()) {
                for (String text : Hostile.mrkdwnTexts(parse(body))) {
                    ackTexts.incrementAndGet();
                    List<String> markers = Hostile.unescaped(text);
                    if (!markers.isEmpty()) {
                        unescapedInAcks.add(markers + " in the answer to #" + input.index() + ": " + abbreviate(text));
                    } else if (text.contains("&lt;Zlt") || text.contains("Zgt&gt;")) {
                        escapedInAcks.incrementAndGet();
                    }
                }
            }
        }

        /** The first 20 answers that match, described with what was sent. */
        List<String> describe(HostileBodies bodies, Predicate<Answer> which) {
            return answers.stream().filter(which).sorted(Comparator.comparingInt(Answer::index)).limit(20)
                    .map(a -> a.describe(bodies)).toList();
        }

        long count(Predicate<Answer> which) {
            return answers.stream().filter(which).count();
        }
    }

    @Test
    void hostileInputsAreRefusedOrEscapedAndNothingBreaks() throws Exception {
        Scale scale = Scale.current();
        long seed = Long.getLong("hostile.seed", scale == Scale.SHORT ? 20261128L : System.currentTimeMillis());
        int inputs = Integer.getInteger("hostile.inputs", scale.pick(10_500, 100_000));
        System.out.println("[hostile] seed=" + seed + " inputs=" + inputs
                + " (replay with -Dhostile.seed=" + seed + " -Dhostile.inputs=" + inputs + ")");
        try (FakeSlack slack = FakeSlack.start();
                PackagedApp app = app(slack)) {
            String period = prepareReview(app);
            app.start();

            // Hostile handoffs for the fuzzed clicks and modals to act on, and a hostile sender acting on them.
            HostileBodies seeding = new HostileBodies(seed, List.of(), period, slack);
            List<Long> ids = new ArrayList<>();
            List<ObjectNode> seeded = new ArrayList<>();
            for (int i = 0; i < SEED_HANDOFFS; i++) {
                ObjectNode handoff = seeding.hostileHandoff(seeding.random(-1 - i), "hostile-" + seed + "-" + i);
                HttpResponse<String> answer = post(app, handoff);
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
                ids.add(JSON.readTree(answer.body()).path("handoff_id").asLong());
                seeded.add(handoff);
            }
            actAsHostileUser(app.slackClient(slack), ids, period);

            HostileBodies fuzz = new HostileBodies(seed, ids, period, slack);
            Tally tally = new Tally();
            long started = System.nanoTime();
            AtomicInteger next = new AtomicInteger();
            ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < SENDERS; t++) {
                running.add(senders.submit(() -> {
                    for (int i = next.getAndIncrement(); i < inputs; i = next.getAndIncrement()) {
                        send(app, fuzz.input(i), tally);
                    }
                    return null;
                }));
            }
            for (Future<?> future : running) {
                future.get(scale.pick(10, 60), TimeUnit.MINUTES);
            }
            senders.shutdown();
            Duration fuzzing = Duration.ofNanos(System.nanoTime() - started);
            settle(slack);
            // Kept after the temporary folder is gone, to read what the app said about any failure below.
            Files.copy(app.log(), KEPT_LOG, StandardCopyOption.REPLACE_EXISTING);
            System.out.println("[hostile] statuses " + statuses(tally.answers) + "; app log kept in " + KEPT_LOG);

            // The process is up and healthy.
            assertThat(app.isAlive()).as("the app process is alive").isTrue();
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(app.base().resolve("/health")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).as(health.body()).isEqualTo(200);

            // Every input was answered 2xx or 4xx, with a message and without a stack trace.
            assertThat(tally.answers).hasSize(inputs);
            assertThat(tally.describe(fuzz, a -> a.status() >= 500)).as("5xx answers").isEmpty();
            assertThat(tally.describe(fuzz, a -> a.status() < 0 && !refusedByClosing(fuzz, a)))
                    .as("inputs without an answer").isEmpty();
            assertThat(tally.describe(fuzz, a -> a.status() / 100 != 2 && a.status() / 100 != 4
                    && !refusedByClosing(fuzz, a)))
                    .as("answers neither 2xx nor 4xx").isEmpty();
            assertThat(tally.describe(fuzz, a -> "stack trace".equals(a.problem()))).as("answers with a stack trace")
                    .isEmpty();
            assertThat(tally.describe(fuzz, a -> a.status() / 100 == 4 && (a.excerpt() == null
                    || a.excerpt().isBlank()))).as("4xx answers without a message").isEmpty();

            // No user markup reached Slack unescaped: messages, views, response URL posts and the acks themselves.
            List<String> texts = slackTexts(slack);
            List<String> unescaped = new ArrayList<>(tally.unescapedInAcks);
            texts.stream().filter(t -> !Hostile.unescaped(t).isEmpty())
                    .forEach(t -> unescaped.add(Hostile.unescaped(t) + " in: " + abbreviate(t)));
            assertThat(unescaped).as("mrkdwn texts with unescaped user markup").isEmpty();
            long escaped = texts.stream().filter(t -> t.contains("&lt;Zlt") || t.contains("Zgt&gt;")).count();
            assertThat(escaped).as("hostile text reached Slack messages, escaped (else the scan proves nothing)")
                    .isPositive();
            assertThat(tally.escapedInAcks.get()).as("hostile text reached slash command answers, escaped")
                    .isPositive();

            // Hostile text is stored as sent, each answered handoff exists once, and the file is sound.
            assertThat(storedDifferently(app, seeded)).as("seeded handoffs stored differently from what was sent")
                    .isEmpty();
            assertThat(notStoredOnce(app, tally.acceptedHandoffs)).as("handoffs answered 2xx not stored exactly once")
                    .isEmpty();
            assertThat(integrityCheck(app)).isEqualTo("ok");

            // The log holds no secret and no whole request body.
            String log = app.logText();
            List<String> secrets = Stream.of(PackagedApp.BOT_TOKEN, PackagedApp.SIGNING_SECRET,
                    PackagedApp.HANDOFF_TOKEN).filter(log::contains).toList();
            assertThat(secrets).as("secrets in the app log").isEmpty();
            List<String> logged = new ArrayList<>();
            for (int i = 0; i < inputs && logged.size() < 20; i++) {
                byte[] body = fuzz.input(i).body();
                // Long and varied enough not to match by chance (a body of only 9s matches a logged action id of 9s).
                String text = new String(body, StandardCharsets.UTF_8);
                if (body.length >= 48 && text.chars().distinct().count() >= 8 && log.contains(text)) {
                    logged.add("#" + i + ": " + abbreviate(text));
                }
            }
            assertThat(logged).as("whole request bodies in the app log").isEmpty();

            Figures figures = new Figures("HostileInputIT")
                    .put("seed", seed)
                    .put("inputs", inputs + SEED_HANDOFFS + 3)
                    .put("fuzz_seconds", String.format(Locale.ROOT, "%.1f", fuzzing.toMillis() / 1000.0))
                    .put("inputs_per_s", Math.round(inputs * 1000.0 / Math.max(1, fuzzing.toMillis())));
            for (Target target : Target.values()) {
                String name = target.path.substring(1).replace('/', '_').replace('-', '_');
                figures.put(name, tally.count(a -> a.target() == target))
                        .put(name + "_2xx", tally.count(a -> a.target() == target && a.status() / 100 == 2))
                        .put(name + "_4xx", tally.count(a -> a.target() == target && a.status() / 100 == 4))
                        .put(name + "_5xx", tally.count(a -> a.target() == target && a.status() >= 500));
            }
            figures.put("statuses", statuses(tally.answers))
                    .put("over_1MiB_refused_by_closing", tally.count(a -> refusedByClosing(fuzz, a)))
                    .put("unanswered", tally.count(a -> a.status() < 0 && !refusedByClosing(fuzz, a)))
                    .put("stack_traces", tally.count(a -> "stack trace".equals(a.problem())))
                    .put("slack_calls", slack.calls().size())
                    .put("response_url_posts", slack.responseUrlPosts().size())
                    .put("mrkdwn_texts_scanned", texts.size() + tally.ackTexts.get())
                    .put("escaped_hostile_texts", escaped + tally.escapedInAcks.get())
                    .put("unescaped", unescaped.size())
                    .put("secrets_in_log", secrets.size())
                    .put("bodies_in_log", logged.size())
                    .put("hostile_markup_pieces_in_log", Hostile.MARKUP.stream().filter(log::contains).count())
                    .put("log_bytes", log.length())
                    .put("integrity", "ok")
                    .publish();
        }
    }

    // ---- set-up

    /** The packaged app; {@code -Dhostile.appJvm=<option>} adds a JVM option (say, a logback file with full traces). */
    private PackagedApp app(FakeSlack slack) {
        PackagedApp.Builder builder = PackagedApp.builder(slack).directory(dir);
        String option = System.getProperty("hostile.appJvm", "");
        if (!option.isBlank()) {
            builder.jvm(option);
        }
        return builder.build();
    }

    /** Applies the migrations and records this quarter's review as posted, so its buttons and modal have one. */
    private static String prepareReview(PackagedApp app) throws SQLException {
        Database.open(app.jdbcUrl());
        String period = Quarter.of(LocalDate.now(ZoneId.of("America/Chicago"))).toString();
        long now = Instant.now().toEpochMilli();
        try (Connection db = DriverManager.getConnection(app.jdbcUrl());
                PreparedStatement insert = db.prepareStatement("""
                        INSERT INTO reviews (period, due_at, posted_at, channel_id, message_ts, follow_up_posted_at)
                        VALUES (?, ?, ?, 'C0REVOPS01', '1764000000.000100', ?)""")) {
            insert.setString(1, period);
            insert.setLong(2, now - Duration.ofDays(30).toMillis());
            insert.setLong(3, now - Duration.ofDays(30).toMillis());
            insert.setLong(4, now);
            insert.executeUpdate();
        }
        return period;
    }

    /**
     * A sender whose Slack user id is markup accepts one handoff, rejects another with a hostile comment and marks
     * the review reviewed with hostile notes: each puts that id and text in front of other people later.
     */
    private static void actAsHostileUser(SlackClient client, List<Long> ids, String period) {
        HttpResponse<String> accepted = client.blockAction(BlockAction.button(HandoffActions.ACCEPT)
                .withValue(Long.toString(ids.get(0))).withUser(HOSTILE_USER, "evil"));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        HttpResponse<String> rejected = client.viewSubmission(HandoffActions.REJECT_MODAL, Long.toString(ids.get(1)),
                Map.of(HandoffActions.REASON_BLOCK, Map.of(HandoffActions.REASON_ACTION,
                                StateValue.staticSelect("r0", "Not a fit")),
                        HandoffActions.COMMENT_BLOCK, Map.of(HandoffActions.COMMENT_ACTION,
                                StateValue.plainText("<!channel> call me: <http://evil.example|click> &Zamp Zgt>"))),
                HOSTILE_USER);
        assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(200);
        HttpResponse<String> reviewed = client.viewSubmission(ReviewActions.MODAL, period,
                Map.of(ReviewActions.OUTCOME_BLOCK, Map.of(ReviewActions.OUTCOME_ACTION,
                                StateValue.staticSelect("keep", "Keep")),
                        ReviewActions.NOTES_BLOCK, Map.of(ReviewActions.NOTES_ACTION,
                                StateValue.plainText("<!here> <Zlt all good Zgt> &Zamp"))),
                HOSTILE_USER);
        assertThat(reviewed.statusCode()).as(reviewed.body()).isEqualTo(200);
    }

    // ---- sending

    private HttpResponse<String> post(PackagedApp app, JsonNode handoff) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(app.base().resolve(Target.HANDOFFS.path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + PackagedApp.HANDOFF_TOKEN)
                .POST(HttpRequest.BodyPublishers.ofByteArray(HostileBodies.write(handoff, false))).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private void send(PackagedApp app, Input input, Tally tally) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(app.base().resolve(input.target().path))
                    .timeout(Duration.ofSeconds(30))
                    .POST(input.chunked()
                            ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(input.body()))
                            : HttpRequest.BodyPublishers.ofByteArray(input.body()));
            if (input.contentType() != null) {
                request.header("Content-Type", input.contentType());
            }
            if (input.target() == Target.SLACK) {
                long timestamp = Instant.now().getEpochSecond();
                request.header("X-Slack-Request-Timestamp", Long.toString(timestamp));
                request.header("X-Slack-Signature", input.signed() ? sign(timestamp, input.body()) : "v0=deadbeef");
            } else {
                request.header("Authorization", "Bearer " + PackagedApp.HANDOFF_TOKEN);
            }
            HttpResponse<String> response = http.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            boolean json = response.headers().firstValue("Content-Type").orElse("").startsWith("application/json");
            tally.record(input, response.statusCode(), response.body(), json, null);
        } catch (IOException e) {
            tally.record(input, -1, null, false, e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            tally.record(input, -1, null, false, "interrupted");
        }
    }

    /**
     * A body over the server's 1 MiB limit is refused by Jetty before it is read, and the connection closed; a client
     * still uploading may see the reset before the 413. For those alone a closed connection is the refusal it is.
     * ({@code Expect: 100-continue} would avoid the race, but the JDK 17 HttpClient then hangs on a final answer.)
     */
    private static boolean refusedByClosing(HostileBodies bodies, Answer answer) {
        return answer.status() < 0 && bodies.input(answer.index()).body().length > HostileBodies.REQUEST_LIMIT;
    }

    /** Slack's v0 signature over the raw bytes, so bodies that are not UTF-8 are signed exactly as sent. */
    private static String sign(long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(PackagedApp.SIGNING_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.US_ASCII));
            return "v0=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Waits until Slack has had no new call for a second and a half (at most five seconds): deliveries are paced one
     * a second per channel, so the queue of accepted handoffs is never drained in a short run; what arrived is scanned.
     */
    private static void settle(FakeSlack slack) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        int seen = -1;
        while (System.nanoTime() < deadline) {
            int now = slack.calls().size() + slack.responseUrlPosts().size();
            if (now == seen) {
                return;
            }
            seen = now;
            Thread.sleep(1500);
        }
    }

    // ---- checks

    /** Every mrkdwn text Slack received in Web API calls and response URL posts. */
    private static List<String> slackTexts(FakeSlack slack) {
        List<String> texts = new ArrayList<>();
        for (SlackCall call : slack.calls()) {
            if (!call.method().startsWith("views.") && call.param("text") != null) {
                texts.add(call.param("text"));
            }
            if (call.param("initial_comment") != null) {
                texts.add(call.param("initial_comment"));
            }
            for (String param : List.of("blocks", "attachments", "view")) {
                if (call.param(param) != null) {
                    texts.addAll(Hostile.mrkdwnTexts(parse(call.param(param))));
                }
            }
        }
        for (ResponseUrlPost post : slack.responseUrlPosts()) {
            texts.addAll(Hostile.mrkdwnTexts(parse(post.rawBody())));
        }
        return texts;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("Slack received JSON it cannot parse: " + abbreviate(json), e);
        }
    }

    /** Seeded handoffs whose stored text differs from the text sent (an encoding or NUL problem). */
    private static List<String> storedDifferently(PackagedApp app, List<ObjectNode> seeded) throws SQLException {
        List<String> differences = new ArrayList<>();
        try (Connection db = DriverManager.getConnection(app.jdbcUrl());
                PreparedStatement select = db.prepareStatement(
                        "SELECT lead_name, lead_title, lead_company, lead_source, note FROM handoffs"
                                + " WHERE external_id = ?")) {
            for (ObjectNode sent : seeded) {
                select.setString(1, sent.path("id").asText());
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        differences.add(sent.path("id").asText() + " is missing");
                        continue;
                    }
                    JsonNode lead = sent.path("lead");
                    compare(differences, "lead.name", lead.path("name"), row.getString(1));
                    compare(differences, "lead.title", lead.path("title"), row.getString(2));
                    compare(differences, "lead.company", lead.path("company"), row.getString(3));
                    compare(differences, "lead.source", lead.path("source"), row.getString(4));
                    compare(differences, "note", sent.path("note"), row.getString(5));
                }
            }
        }
        return differences;
    }

    private static void compare(List<String> differences, String field, JsonNode sent, String stored) {
        String expected = sent.isTextual() && !sent.textValue().isBlank() ? sent.textValue() : null;
        if (expected != null && !expected.equals(stored)) {
            differences.add(field + ": sent " + ascii(expected) + ", stored " + ascii(stored));
        }
    }

    /** Of the external ids answered 200 or 202, those not in the database exactly once. */
    private static List<String> notStoredOnce(PackagedApp app, Collection<String> ids) throws SQLException {
        List<String> wrong = new ArrayList<>();
        try (Connection db = DriverManager.getConnection(app.jdbcUrl());
                PreparedStatement count = db.prepareStatement("SELECT count(*) FROM handoffs WHERE external_id = ?")) {
            for (String id : ids) {
                count.setString(1, id);
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    if (rows.getInt(1) != 1) {
                        wrong.add(ascii(id) + " stored " + rows.getInt(1) + " times");
                    }
                }
            }
        }
        return wrong;
    }

    /** A string as JSON with every char outside printable ASCII escaped, so a report shows exactly what it holds. */
    private static String ascii(String text) {
        return new String(HostileBodies.write(JSON.getNodeFactory().textNode(text), true), StandardCharsets.US_ASCII);
    }

    private static String integrityCheck(PackagedApp app) throws SQLException {
        try (Connection db = DriverManager.getConnection(app.jdbcUrl());
                ResultSet check = db.createStatement().executeQuery("PRAGMA integrity_check")) {
            check.next();
            return check.getString(1);
        }
    }

    private static Map<Integer, Long> statuses(Collection<Answer> answers) {
        Map<Integer, Long> counts = new TreeMap<>();
        answers.forEach(a -> counts.merge(a.status(), 1L, Long::sum));
        return counts;
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "null";
        }
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
