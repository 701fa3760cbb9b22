package dev.handshake.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handshake.config.Settings;
import dev.handshake.crm.RedeliverCommand;
import dev.handshake.testing.BlockAction;
import dev.handshake.testing.SlackCall;
import dev.handshake.testing.StateValue;
import dev.handshake.testing.TestDatabase;
import dev.handshake.testing.WebhookReceiver.Answer;
import dev.handshake.testing.WebhookReceiver.Delivery;
import dev.handshake.testing.WebhookReceiver;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Outgoing webhooks against the real app: every event of the ledger reaches a local receiver signed so that the
 * official Standard Webhooks library accepts it; a receiver that is down for minutes (500s and 429s, the app's
 * clock moved on instead of waiting) then back gets every event, in order per handoff, none processed twice; 410
 * disables the endpoint until webhooks redeliver.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.class)
class WebhooksTest {

    @Parameter
    TestDatabase database;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);
    private RunningApp app;
    private WebhookReceiver receiver;
    private Path agreement;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    private void start(WebhookReceiver receiver, String events, String extraLines, Clock clock) throws Exception {
        this.receiver = receiver;
        agreement = CrmAgreements.write(CrmAgreements.endpoint(receiver.url(), events, extraLines));
        app = RunningApp.start(database, Map.of(Settings.AGREEMENT_FILE, agreement.toString(),
                CrmAgreements.SECRET_ENV, WebhookReceiver.SECRET), clock);
    }

    private SlackCall handOff(String id) {
        int before = app.slack().posts("#sales-leads").size();
        HttpResponse<String> response = app.postHandoff(Handoffs.json(Handoffs.unassigned(id)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return app.slack().awaitPosts("#sales-leads", before + 1, WAIT).get(before);
    }

    /** The ledger's events as the receiver should see them: (webhook id, kind, handoff), in recorded order. */
    private List<String> ledger() {
        return app.query(String.class, "SELECT 'evt_' || id || ' ' || kind || ' ' || handoff_id FROM handoff_events "
                + "ORDER BY id");
    }

    private static List<String> seen(List<Delivery> deliveries) {
        return deliveries.stream().map(d -> d.id() + " " + d.kind() + " " + d.handoffId()).toList();
    }

    @Test
    void everyEventReachesTheReceiverSignedSoTheStandardWebhooksLibraryAcceptsIt() throws Exception {
        start(WebhookReceiver.start(), "all", "", Clock.systemUTC());
        app.slack().addUser("rep@freightline.example", "U0REP00001");
        // Only marketing answers a rejection: by default the members of the marketing channel.
        app.slack().addChannelMembers("#marketing-handoffs", "U0MKT00001");
        SlackCall first = handOff("hs-webhook-accept");
        app.client().blockAction(BlockAction.click(first, "handoff_accept").withUser("U0REP00001"));
        SlackCall update = app.slack().awaitCalls("chat.update", "#sales-leads", 1, WAIT).get(0);
        app.client().blockAction(BlockAction.click(update, "handoff_contacted").withUser("U0REP00001"));

        SlackCall second = handOff("hs-webhook-reject");
        app.client().blockAction(BlockAction.click(second, "handoff_reject").withUser("U0REP00002")
                .withTriggerId("trigger-7"));
        SlackCall modal = app.slack().awaitCall("views.open", WAIT);
        app.client().viewSubmission(modal, Map.of(
                "reject_reason", Map.of("reason", StateValue.staticSelect("r1", "label")),
                "reject_comment", Map.of("comment", StateValue.plainText("Ships 20 loads a week, <!here>"))),
                "U0REP00002");
        app.awaitNumber(1, WAIT, "SELECT count(*) FROM handoff_events WHERE kind = 'marketing_notified'");
        SlackCall marketing = app.slack().calls("chat.postMessage").stream()
                .filter(c -> "#marketing-handoffs".equals(c.param("channel"))).findFirst().orElseThrow();
        app.client().blockAction(BlockAction.click(marketing, "handoff_recycle").withUser("U0MKT00001"));
        app.awaitNumber(1, WAIT, "SELECT count(*) FROM handoff_events WHERE kind = 'recycled'");

        List<String> ledger = ledger();
        assertThat(ledger).extracting(line -> line.split(" ")[1]).containsExactlyInAnyOrder("received", "routed",
                "posted", "accepted", "contacted", "received", "routed", "posted", "rejected", "marketing_notified",
                "recycled");
        List<Delivery> processed = receiver.awaitProcessed(ledger.size(), WAIT);
        assertThat(receiver.deliveries()).allSatisfy(d -> assertThat(d.verified()).as(d.verifyError()).isTrue());
        assertThat(seen(processed)).containsExactlyInAnyOrderElementsOf(ledger);
        for (long handoff : List.of(1L, 2L)) {
            assertThat(seen(processed).stream().filter(line -> line.endsWith(" " + handoff)).toList())
                    .as("handoff %d's events in the order recorded", handoff)
                    .containsExactlyElementsOf(ledger.stream().filter(line -> line.endsWith(" " + handoff)).toList());
        }

        JsonNode rejected = processed.stream().filter(d -> d.kind().equals("rejected")).findFirst().orElseThrow().json();
        assertThat(rejected.path("type").asText()).isEqualTo("handoff.rejected");
        JsonNode handoff = rejected.path("data").path("handoff");
        assertThat(handoff.path("external_id").asText()).isEqualTo("hs-webhook-reject");
        assertThat(handoff.path("decision").path("by").asText()).isEqualTo("U0REP00002");
        assertThat(handoff.path("decision").path("comment").asText()).isEqualTo("Ships 20 loads a week, <!here>");
        assertThat(handoff.path("decision").path("reason").asText()).isNotBlank();
        assertThat(rejected.path("data").path("event").path("actor").asText()).isEqualTo("U0REP00002");
        assertThat(handoff.path("lead").path("email").asText()).isEqualTo("dana@northwind.example");
        String rejectedAt = app.query(String.class, "SELECT at FROM handoff_events WHERE kind = 'rejected'").get(0);
        assertThat(Instant.parse(rejected.path("timestamp").asText()).toEpochMilli())
                .isEqualTo(Long.parseLong(rejectedAt));
        assertThat(receiver.duplicates()).isZero();
        app.awaitNumber(ledger.size(), WAIT, "SELECT count(*) FROM outbox WHERE kind = 'webhook:revops' "
                + "AND state = 'done'");
    }

    @Test
    void onlyTheKindsAnEndpointWantsAreSent() throws Exception {
        start(WebhookReceiver.start(), "[accepted]", "", Clock.systemUTC());
        SlackCall message = handOff("hs-only-accepted");
        app.client().blockAction(BlockAction.click(message, "handoff_accept").withUser("U0REP00001"));
        List<Delivery> processed = receiver.awaitProcessed(1, WAIT);
        assertThat(processed).extracting(Delivery::kind).containsExactly("accepted");
        app.awaitNumber(4, WAIT, "SELECT count(*) FROM handoff_events"); // received, routed, posted, accepted
        assertThat(app.number("SELECT count(*) FROM outbox WHERE kind = 'webhook:revops'")).isEqualTo(1);
    }

    @Test
    void aReceiverDownForMinutesThenBackGetsEveryEventInOrderAndNoneProcessedTwice() throws Exception {
        MovableClock clock = new MovableClock(Instant.now());
        WebhookReceiver down = WebhookReceiver.start(false);
        AtomicBoolean up = new AtomicBoolean(false);
        AtomicInteger refusals = new AtomicInteger();
        AtomicInteger slow = new AtomicInteger(2);
        down.answer(delivery -> {
            if (!up.get()) {
                return refusals.incrementAndGet() % 2 == 0 ? Answer.retryAfter(429, 20) : Answer.status(500);
            }
            // Back, but the first answers come after the app stopped waiting (1 s): processed here, retried there.
            return slow.getAndDecrement() > 0 ? Answer.slow(Duration.ofMillis(1_500)) : Answer.status(204);
        });
        start(down, "all", "    timeout_seconds: 1\n", clock);
        List<SlackCall> messages = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            messages.add(handOff("hs-outage-" + i));
        }
        for (SlackCall message : messages) {
            app.client().blockAction(BlockAction.click(message, "handoff_accept").withUser("U0REP00001"));
        }
        app.awaitNumber(12, WAIT, "SELECT count(*) FROM handoff_events"); // received, routed, posted, accepted
        // Four minutes of the app's time, a minute at a time: retries back off, 429s wait their Retry-After.
        for (int minute = 0; minute < 4; minute++) {
            clock.advance(Duration.ofMinutes(1));
            Thread.sleep(1_200);
        }
        assertThat(refusals.get()).as("attempts while the receiver was down").isGreaterThan(9);
        assertThat(down.processed()).isEmpty();
        JsonNode health = JSON.readTree(app.get("/health").body());
        assertThat(health.path("crm").path("status").asText()).isEqualTo("degraded");
        assertThat(health.path("crm").path("webhooks").path("revops").path("pending").asInt()).isPositive();

        up.set(true);
        List<String> ledger = ledger();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (down.processed().size() < ledger.size() && System.nanoTime() < deadline) {
            clock.advance(Duration.ofMinutes(1));
            Thread.sleep(1_200);
        }
        List<Delivery> processed = down.awaitProcessed(ledger.size(), WAIT);
        assertThat(seen(processed)).containsExactlyInAnyOrderElementsOf(ledger);
        for (long handoff = 1; handoff <= 3; handoff++) {
            String suffix = " " + handoff;
            assertThat(seen(processed).stream().filter(line -> line.endsWith(suffix)).toList())
                    .as("handoff %d in order", handoff)
                    .containsExactlyElementsOf(ledger.stream().filter(line -> line.endsWith(suffix)).toList());
        }
        assertThat(down.duplicates()).as("repeats the receiver dropped by webhook-id").isPositive();
        assertThat(down.deliveries()).allSatisfy(d -> assertThat(d.verified()).as(d.verifyError()).isTrue());
        app.awaitNumber(0, WAIT, "SELECT count(*) FROM outbox WHERE kind LIKE 'webhook:%' AND state <> 'done'");
    }

    @Test
    void goneDisablesTheEndpointUntilRedeliveryWhichSendsWhatFailed() throws Exception {
        WebhookReceiver gone = WebhookReceiver.start();
        AtomicBoolean wanted = new AtomicBoolean(false);
        gone.answer(delivery -> Answer.status(wanted.get() ? 200 : 410));
        start(gone, "all", "    concurrency: 1\n", Clock.systemUTC());
        SlackCall message = handOff("hs-gone");
        app.client().blockAction(BlockAction.click(message, "handoff_accept").withUser("U0REP00001"));
        // received, routed (the lead went to the next rep in rotation), posted, accepted
        app.awaitNumber(4, WAIT, "SELECT count(*) FROM outbox WHERE kind = 'webhook:revops' AND state = 'failed'");
        assertThat(gone.deliveries()).as("one 410, then nothing is sent").hasSize(1);
        assertThat(app.number("SELECT count(*) FROM disabled_endpoints WHERE name = 'revops'")).isEqualTo(1);
        JsonNode revops = JSON.readTree(app.get("/health").body()).path("crm").path("webhooks").path("revops");
        assertThat(revops.path("state").asText()).isEqualTo("disabled");
        assertThat(revops.path("disabled").path("answered").asText()).isEqualTo("410 Gone");

        wanted.set(true);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = new RedeliverCommand(app.jdbcUrl(), agreement, Clock.systemUTC())
                .run(List.of("redeliver", "--since", "2020-01-01", "--endpoint", "revops"),
                        new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertThat(exit).isEqualTo(RedeliverCommand.QUEUED);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Queued 4 failed deliveries", "webhook:revops: 4");
        List<Delivery> processed = gone.awaitProcessed(4, WAIT);
        assertThat(seen(processed)).containsExactlyElementsOf(ledger());
        assertThat(app.number("SELECT count(*) FROM disabled_endpoints")).isZero();
    }

}
