package dev.handshake.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handshake.testing.FakeSlack;
import dev.handshake.testing.PackagedApp;
import dev.handshake.testing.WebhookReceiver;
import dev.handshake.testing.WebhookReceiver.Answer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} of the packaged app while webhooks are in flight (the receiver answers slowly, so deliveries are
 * under way at every kill): after the last restart every event of the ledger reaches the receiver, none lost;
 * repeats are allowed (at least once) and dropped by the receiver's {@code webhook-id}. 5 kills in the normal run,
 * 50 under {@code faults/run}.
 */
class WebhookKillIT {

    private static final Duration DRAIN = Duration.ofMinutes(3);
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void noEventIsLostAcrossKillsWithWebhooksInFlight() throws Exception {
        int kills = Integer.getInteger("faults.webhookKills", Scale.current().pick(5, 50));
        long seed = Long.getLong("faults.seed", System.nanoTime());
        Random random = new Random(seed);
        AtomicBoolean slow = new AtomicBoolean(true);
        long started = System.nanoTime();
        try (FakeSlack slack = FakeSlack.start(); WebhookReceiver receiver = WebhookReceiver.start()) {
            receiver.answer(delivery -> slow.get() ? Answer.slow(Duration.ofMillis(300)) : Answer.status(200));
            Path agreement = Files.createTempFile("webhook-kill-sla", ".yml");
            Files.writeString(agreement, Files.readString(Path.of("sla.yml")) + """

                    webhooks:
                      - name: revops
                        url: %s
                        events: all
                        secret_env: REVOPS_WEBHOOK_SECRET
                        concurrency: 4
                    """.formatted(receiver.url()));
            try (PackagedApp app = PackagedApp.builder(slack).agreement(agreement)
                    .env("REVOPS_WEBHOOK_SECRET", WebhookReceiver.SECRET).build()) {
                app.start();
                int answered = 0;
                for (int kill = 0; kill < kills; kill++) {
                    for (int i = random.nextInt(5) + 3; i > 0; i--) {
                        answered += handOff(app, "kill-" + kill + "-" + i) ? 1 : 0;
                    }
                    Thread.sleep(200 + random.nextInt(600));
                    app.kill();
                    app.start();
                }
                slow.set(false);
                Set<String> ledger = awaitDrained(app);
                Set<String> processed = new HashSet<>();
                receiver.processed().forEach(d -> processed.add(d.id()));
                assertThat(ledger).as("events recorded").hasSizeGreaterThanOrEqualTo(answered);
                assertThat(processed).as("every event of the ledger reached the receiver").containsAll(ledger);
                assertThat(receiver.deliveries()).allSatisfy(d -> assertThat(d.verified()).isTrue());
                new Figures("webhooks kill -9")
                        .put("kills survived", kills)
                        .put("seed", seed)
                        .put("handoffs answered", answered)
                        .put("events recorded", ledger.size())
                        .put("events processed by the receiver", processed.size())
                        .put("requests (repeats dropped by webhook-id)", receiver.deliveries().size()
                                + " (" + receiver.duplicates() + ")")
                        .put("lost", ledger.stream().filter(id -> !processed.contains(id)).count())
                        .put("minutes", String.format("%.1f", (System.nanoTime() - started) / 6e10))
                        .publish();
            }
        }
    }

    private boolean handOff(PackagedApp app, String id) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(app.base().resolve("/handoffs"))
                .header("Authorization", "Bearer " + PackagedApp.HANDOFF_TOKEN)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"id":"%s","stage":"mql","lead":{"name":"Dana Whitfield"}}""".formatted(id)))
                .build(), HttpResponse.BodyHandlers.ofString());
        return answer.statusCode() == 202;
    }

    /** Waits until nothing is pending in the outbox; returns the webhook ids of every event recorded. */
    private static Set<String> awaitDrained(PackagedApp app) throws Exception {
        long deadline = System.nanoTime() + DRAIN.toNanos();
        while (true) {
            try (Connection db = DriverManager.getConnection(app.jdbcUrl());
                    ResultSet pending = db.createStatement().executeQuery(
                            "SELECT count(*) FROM outbox WHERE state = 'pending'")) {
                pending.next();
                if (pending.getInt(1) == 0) {
                    Set<String> ids = new HashSet<>();
                    try (ResultSet events = db.createStatement().executeQuery("SELECT id FROM handoff_events")) {
                        while (events.next()) {
                            ids.add("evt_" + events.getLong(1));
                        }
                    }
                    return ids;
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the outbox did not drain within " + DRAIN + ": " + pending.getInt(1)
                            + " pending");
                }
            }
            Thread.sleep(250);
        }
    }
}
