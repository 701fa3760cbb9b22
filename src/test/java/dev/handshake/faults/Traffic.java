package dev.handshake.faults;

import dev.handshake.testing.BlockAction;
import dev.handshake.testing.FakeSlack;
import dev.handshake.testing.PackagedApp;
import dev.handshake.testing.SlackCall;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stream of work for the app while faults happen: marketing's intakes (sent again, same id, when no answer came,
 * as a real sender does) and reps' Accept clicks on posted handoffs (clicked again when the app did not answer 200);
 * every answer goes in the {@link Ledger}. With several replicas, each request goes to one of them at random, as a
 * load balancer without sticky sessions would send it.
 */
final class Traffic implements AutoCloseable {

    private final List<PackagedApp> apps;
    private final FakeSlack slack;
    private final Ledger ledger;
    private final Random random;
    private final Duration intakeGap;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger next = new AtomicInteger();
    private final Set<Long> clicked = new HashSet<>();
    private final List<Thread> threads = new ArrayList<>();

    Traffic(PackagedApp app, FakeSlack slack, Ledger ledger, long seed, Duration intakeGap) {
        this(List.of(app), slack, ledger, seed, intakeGap);
    }

    Traffic(List<PackagedApp> apps, FakeSlack slack, Ledger ledger, long seed, Duration intakeGap) {
        this.apps = List.copyOf(apps);
        this.slack = slack;
        this.ledger = ledger;
        this.random = new Random(seed);
        this.intakeGap = intakeGap;
    }

    void start() {
        threads.add(new Thread(this::intakes, "traffic-intakes"));
        threads.add(new Thread(this::clicks, "traffic-clicks"));
        threads.forEach(thread -> {
            thread.setDaemon(true);
            thread.start();
        });
    }

    private void intakes() {
        while (running.get()) {
            String id = ledger.intakesUnanswered.stream().findFirst().orElseGet(() -> "kill-" + next.incrementAndGet());
            if (!intake(id) && apps.size() > 1) {
                // A load balancer sends what a dead replica did not answer to another one at once.
                pause(200);
                continue;
            }
            pause(intakeGap.toMillis() / 2 + random.nextInt((int) Math.max(1, intakeGap.toMillis())));
        }
    }

    /** Sends one intake; true when the app answered it 2xx. */
    boolean intake(String id) {
        ledger.intakeRequests.incrementAndGet();
        String body = """
                {"id":"%s","stage":"mql","lead":{"name":"Lead %s","email":"%s@northwind.example",\
                "company":"Northwind Logistics","score":82,"source":"webinar"},"assignee":"U0123ABCD",\
                "criteria_met":["Fit score 60 or more"]}""".formatted(id, id, id);
        HttpRequest request = HttpRequest.newBuilder(anyApp().base().resolve("/handoffs"))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + PackagedApp.HANDOFF_TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status == 202 || status == 200) {
                ledger.answered(id);
                return true;
            }
            ledger.refused.incrementAndGet();
            ledger.intakesUnanswered.add(id);
        } catch (IOException e) {
            ledger.noAnswer.incrementAndGet();
            ledger.intakesUnanswered.add(id);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    private void clicks() {
        while (running.get()) {
            for (SlackCall post : slack.calls("chat.postMessage")) {
                if (!running.get()) {
                    return;
                }
                if (!post.succeeded() || post.param("thread_ts") != null || post.param("blocks") == null) {
                    continue;
                }
                Long handoff = Invariants.acceptValue(post.json("blocks"));
                // Leave every fifth handoff undecided, so its reminder, escalation and reassignment happen.
                if (handoff == null || handoff % 5 == 0 || clicked.contains(handoff)) {
                    continue;
                }
                click(post, handoff);
            }
            pause(200);
        }
    }

    private void click(SlackCall post, long handoff) {
        ledger.clickRequests.incrementAndGet();
        try {
            int status = anyApp().slackClient(slack).blockAction(BlockAction.click(post, "handoff_accept"))
                    .statusCode();
            if (status == 200) {
                ledger.clicksAnswered.add(handoff);
                clicked.add(handoff);
            }
        } catch (RuntimeException e) {
            ledger.noAnswer.incrementAndGet(); // killed mid-click: clicked again on the next pass
        }
    }

    private PackagedApp anyApp() {
        if (apps.size() == 1) {
            return apps.get(0);
        }
        synchronized (random) {
            return apps.get(random.nextInt(apps.size()));
        }
    }

    private void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            running.set(false);
            Thread.currentThread().interrupt();
        }
    }

    /** Stops sending; what was sent without an answer stays in the ledger for {@link #settle()}. */
    @Override
    public void close() {
        running.set(false);
        for (Thread thread : threads) {
            try {
                thread.join(15_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Sends every unanswered intake again until the app answers it, as marketing's automation would. */
    void settle() {
        for (String id : List.copyOf(ledger.intakesUnanswered)) {
            for (int attempt = 0; attempt < 20 && !intake(id); attempt++) {
                pause(500);
            }
        }
    }
}
