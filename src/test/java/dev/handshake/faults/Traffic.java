package dev.handshake.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handshake.testing.BlockAction;
import dev.handshake.testing.FakeSlack;
import dev.handshake.testing.PackagedApp;
import dev.handshake.testing.SlackCall;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
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
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stream of writes for the app while faults happen, from several threads at once: marketing's handoffs (sent
 * again, same id, until one gets a 2xx, as a real sender does), marketing's stage events (the busiest writes, tens
 * a second) and reps' Accept clicks on posted handoffs, first clicks and repeats. Every request and its ending goes
 * in the {@link Ledger}; a 503 that says nothing was stored is checked against the database at once. With several
 * replicas, each request goes to one of them at random, as a load balancer without sticky sessions would send it.
 */
final class Traffic implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** New handoffs wait while the sales channel owes more posts than this. */
    private static final int MAX_SALES_BACKLOG = 15;

    private final List<PackagedApp> apps;
    private final FakeSlack slack;
    private final Ledger ledger;
    private final Random random;
    private final Duration handoffGap;
    private final int stageThreads;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger nextHandoff = new AtomicInteger();
    private final AtomicInteger nextLead = new AtomicInteger();
    private final Set<Long> clicked = ConcurrentHashMap.newKeySet();
    /** The handoff id on each posted message's Accept button (-1 for none), read once per message. */
    private final Map<SlackCall, Long> acceptValues = Collections.synchronizedMap(new IdentityHashMap<>());
    private final List<Thread> threads = new ArrayList<>();

    /**
     * {@code handoffGap}: the mean pause between two handoffs (every handoff is a post in the sales channel, which
     * takes a second of the channel's pace, so this bounds the backlog); {@code stageThreads}: senders of stage
     * events, each sending one batch after another.
     */
    Traffic(PackagedApp app, FakeSlack slack, Ledger ledger, long seed, Duration handoffGap, int stageThreads) {
        this(List.of(app), slack, ledger, seed, handoffGap, stageThreads);
    }

    /** The same over several replicas of the app sharing one database. */
    Traffic(List<PackagedApp> apps, FakeSlack slack, Ledger ledger, long seed, Duration handoffGap,
            int stageThreads) {
        this.apps = List.copyOf(apps);
        this.slack = slack;
        this.ledger = ledger;
        this.random = new Random(seed);
        this.handoffGap = handoffGap;
        this.stageThreads = stageThreads;
    }

    void start() {
        threads.add(new Thread(this::handoffs, "traffic-handoffs"));
        for (int i = 0; i < stageThreads; i++) {
            threads.add(new Thread(this::stageEvents, "traffic-stage-events-" + i));
        }
        threads.add(new Thread(this::clicks, "traffic-clicks"));
        threads.forEach(thread -> {
            thread.setDaemon(true);
            thread.start();
        });
    }

    private void handoffs() {
        while (running.get()) {
            String id = ledger.intakesUnanswered.stream().findFirst().orElse(null);
            if (id == null && salesBacklog() >= MAX_SALES_BACKLOG) {
                // The sales channel takes one post a second: more new leads than that would only grow a backlog
                // that the drain after the kills has to wait for (an undecided lead owes up to eight thread posts).
                pause(500);
                continue;
            }
            if (!intake(id != null ? id : "kill-" + nextHandoff.incrementAndGet()) && apps.size() > 1) {
                // A load balancer sends what a dead replica did not answer to another one at once.
                pause(200);
                continue;
            }
            long gap = handoffGap.toMillis();
            pause(gap / 2 + randomBelow(gap + 1));
        }
    }

    /** Sends one handoff; true when the app answered it 2xx. */
    boolean intake(String id) {
        ledger.intakeRequests.incrementAndGet();
        String body = """
                {"id":"%s","stage":"mql","lead":{"name":"Lead %s","email":"%s@northwind.example",\
                "company":"Northwind Logistics","score":82,"source":"webinar"},"assignee":"U0123ABCD",\
                "criteria_met":["Fit score 60 or more"]}""".formatted(id, id, id);
        int status = post("handoff", id, "/handoffs", body);
        if (status == 202 || status == 200) {
            ledger.answered(id);
            return true;
        }
        ledger.intakesUnanswered.add(id);
        return false;
    }

    private void stageEvents() {
        while (running.get()) {
            List<String> leads = new ArrayList<>(ledger.stageEventsUnanswered.stream().limit(3).toList());
            while (leads.size() < 3) {
                leads.add("lead-" + nextLead.incrementAndGet());
            }
            stageEvents(leads);
            pause(randomBelow(30));
        }
    }

    /** Sends one batch of stage events (one {@code mql} event per lead); true when the app answered it 200. */
    boolean stageEvents(List<String> leads) {
        ledger.stageRequests.incrementAndGet();
        StringBuilder body = new StringBuilder("[");
        for (String lead : leads) {
            body.append(body.length() > 1 ? "," : "").append("""
                    {"lead_id":"%s","stage":"mql","at":"%s"}""".formatted(lead, Instant.now().minusSeconds(60)));
        }
        body.append(']');
        int status = post("stage events", String.join(",", leads), "/stage-events", body.toString());
        if (status == 200) {
            ledger.stageEventsAnswered.addAll(leads);
            leads.forEach(ledger.stageEventsUnanswered::remove);
            return true;
        }
        ledger.stageEventsUnanswered.addAll(leads);
        return false;
    }

    /**
     * POSTs a marketing webhook and returns its status, or 0 when no answer came. A 503 saying nothing was stored
     * is checked at once: no row may exist for it (its sender has not sent it again yet).
     */
    private int post(String kind, String id, String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(anyApp().base().resolve(path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + PackagedApp.HANDOFF_TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long token = ledger.sending(kind);
        long sent = System.nanoTime();
        try {
            HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
            ledger.ended(token, kind, id, sent, Ledger.Ending.ANSWERED, answer.statusCode());
            if (answer.statusCode() == 503 && "not_stored".equals(outcome(answer.body()))
                    || answer.statusCode() == 503 && kind.equals("stage events")) {
                ledger.refusedNothingStored.incrementAndGet();
                checkNothingStored(kind, id);
            } else if (answer.statusCode() >= 500) {
                ledger.outcomeUnknown.incrementAndGet();
            }
            return answer.statusCode();
        } catch (IOException e) {
            noAnswer(token, kind, id, sent, ending(e));
        } catch (InterruptedException e) {
            ledger.ended(token, kind, id, sent, Ledger.Ending.CUT, 0);
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private void noAnswer(long token, String kind, String id, long sent, Ledger.Ending ending) {
        ledger.ended(token, kind, id, sent, ending, 0);
        if (ending == Ledger.Ending.CUT) {
            ledger.noAnswer.incrementAndGet();
        } else {
            // The app is restarting: a real sender backs off rather than hammering a closed port.
            ledger.notListening.incrementAndGet();
            pause(100);
        }
    }

    /** Posts the sales channel owes (handoffs and thread replies), read from the app's database. */
    private int salesBacklog() {
        try (Connection db = DriverManager.getConnection(apps.get(0).jdbcUrl());
                ResultSet rows = db.createStatement().executeQuery(
                        "SELECT count(*) FROM outbox WHERE state = 'pending' AND lane = 'post:#sales-leads'")) {
            return rows.next() ? rows.getInt(1) : 0;
        } catch (SQLException e) {
            return 0; // the database is being written by a restarting app; the next look will do
        }
    }

    private static Ledger.Ending ending(IOException e) {
        return e instanceof ConnectException || e instanceof HttpConnectTimeoutException
                || e.getCause() instanceof ConnectException ? Ledger.Ending.NOT_LISTENING : Ledger.Ending.CUT;
    }

    private static String outcome(String body) {
        try {
            return JSON.readTree(body).path("outcome").asText("");
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * Checks that a request answered 503 "nothing stored" has no row. A database that is down (the replicas' scenario
     * crashes PostgreSQL) is waited for, up to 30 s: the request's sender does not send it again meanwhile, so a row
     * found then was stored by the request that was answered "nothing stored".
     */
    private void checkNothingStored(String kind, String id) {
        List<String> args = kind.equals("handoff") ? List.of(id) : List.of(id.split(","));
        String sql = (kind.equals("handoff") ? "SELECT count(*) FROM handoffs WHERE external_id IN ("
                : "SELECT count(*) FROM stage_events WHERE lead_id IN (")
                + String.join(", ", Collections.nCopies(args.size(), "?")) + ")";
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try (Connection db = DriverManager.getConnection(apps.get(0).jdbcUrl());
                    PreparedStatement query = db.prepareStatement(sql)) {
                for (int i = 0; i < args.size(); i++) {
                    query.setString(i + 1, args.get(i));
                }
                try (ResultSet rows = query.executeQuery()) {
                    rows.next();
                    if (rows.getInt(1) > 0) {
                        ledger.violations.add(kind + " " + id + " was answered 503 \"nothing stored\" but has "
                                + rows.getInt(1) + " rows");
                    }
                }
                return;
            } catch (SQLException e) {
                boolean unreachable = e.getSQLState() != null && (e.getSQLState().startsWith("08")
                        || e.getSQLState().startsWith("57P"));
                if (!unreachable || System.nanoTime() > deadline) {
                    ledger.violations.add("cannot check the 503 of " + kind + " " + id + ": " + e.getMessage());
                    return;
                }
                pause(200);
            }
        }
    }

    private void clicks() {
        while (running.get()) {
            List<SlackCall> posts = slack.calls("chat.postMessage").stream()
                    .filter(post -> post.tookEffect() && accept(post) > 0).toList();
            for (SlackCall post : posts) {
                if (!running.get()) {
                    return;
                }
                long handoff = accept(post);
                // Leave every fifth handoff undecided, so its reminder, escalation and reassignment happen.
                if (handoff % 5 == 0 || clicked.contains(handoff)) {
                    continue;
                }
                click(post, handoff);
                pause(randomBelow(100));
            }
            // Reps click again on what was already decided (double clicks, a second look): writes as well.
            if (!posts.isEmpty()) {
                SlackCall post = posts.get(randomBelow(posts.size()));
                if (accept(post) % 5 != 0) {
                    click(post, accept(post));
                }
            }
            pause(50 + randomBelow(100));
        }
    }

    /** The handoff id on the message's Accept button; -1 for a message without one (a thread reply, a DM notice). */
    private long accept(SlackCall post) {
        return acceptValues.computeIfAbsent(post, p -> {
            if (p.param("thread_ts") != null || p.param("blocks") == null) {
                return -1L;
            }
            Long value = Invariants.acceptValue(p.json("blocks"));
            return value == null ? -1L : value;
        });
    }

    /** Clicks Accept; true when the app answered 200. A click cut off is clicked again on a later pass. */
    boolean click(SlackCall post, long handoff) {
        ledger.clickRequests.incrementAndGet();
        long token = ledger.sending("click");
        long sent = System.nanoTime();
        try {
            int status = anyApp().slackClient(slack).blockAction(BlockAction.click(post, "handoff_accept"))
                    .statusCode();
            ledger.ended(token, "click", Long.toString(handoff), sent, Ledger.Ending.ANSWERED, status);
            if (status == 200) {
                ledger.clicksAnswered.add(handoff);
                clicked.add(handoff);
                return true;
            }
        } catch (UncheckedIOException e) {
            noAnswer(token, "click", Long.toString(handoff), sent, ending(e.getCause()));
        }
        return false;
    }

    private int randomBelow(long bound) {
        synchronized (random) {
            return random.nextInt((int) Math.max(1, Math.min(Integer.MAX_VALUE, bound)));
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

    /**
     * Sends every handoff and stage event without a final answer again until the app answers it, as marketing's
     * automation would, and clicks again every Accept that got no answer.
     */
    void settle() {
        for (String id : List.copyOf(ledger.intakesUnanswered)) {
            for (int attempt = 0; attempt < 20 && !intake(id); attempt++) {
                pause(500);
            }
        }
        List<String> leads = List.copyOf(ledger.stageEventsUnanswered);
        for (int from = 0; from < leads.size(); from += 50) {
            List<String> batch = leads.subList(from, Math.min(leads.size(), from + 50));
            for (int attempt = 0; attempt < 20 && !stageEvents(batch); attempt++) {
                pause(500);
            }
        }
        for (SlackCall post : slack.calls("chat.postMessage")) {
            long handoff = post.tookEffect() ? accept(post) : -1;
            if (handoff <= 0 || handoff % 5 == 0 || clicked.contains(handoff)) {
                continue;
            }
            for (int attempt = 0; attempt < 20 && !click(post, handoff); attempt++) {
                pause(500);
            }
        }
    }

    /**
     * Accepts every posted handoff still undecided, those the traffic leaves undecided on purpose included, so their
     * timers are cancelled: a short run then drains without waiting for escalations a minute away.
     */
    void decideTheRest() {
        for (SlackCall post : slack.calls("chat.postMessage")) {
            long handoff = post.tookEffect() ? accept(post) : -1;
            if (handoff <= 0 || clicked.contains(handoff)) {
                continue;
            }
            for (int attempt = 0; attempt < 20 && !click(post, handoff); attempt++) {
                pause(500);
            }
        }
    }

    /** How many writes are in flight right now (sent, not yet ended). */
    int writesInFlight() {
        return ledger.inFlight.size();
    }
}
