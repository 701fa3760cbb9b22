package dev.handshake.bench;

import dev.handshake.routing.RoutingAgreements;
import dev.handshake.testing.AppProcess;
import dev.handshake.testing.FakeSlack;
import dev.handshake.testing.SlackCall;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Speed to lead: a burst of {@link #LEADS} leads without an assignee in {@link #BURST}, routed over {@link #REPS}
 * reps, with the fake Slack refusing a second post to the same conversation within a second (as Slack's posting
 * limit does). Measures, for each lead, the time from the intake's 202 to the assignee's direct message arriving at
 * Slack, against the earliest that message could arrive: the app's own time for a lead on its own (measured first,
 * on lone leads), and no sooner than a second after the previous message to the same rep.
 */
final class SpeedToLead {

    static final int LEADS = 200;
    static final int REPS = 20;
    static final Duration BURST = Duration.ofSeconds(10);
    static final Duration PER_CHANNEL = Duration.ofSeconds(1);
    private static final int LONE_LEADS = 5;
    private static final Duration WAIT_FOR_MESSAGES = Duration.ofSeconds(120);
    private static final Pattern LEAD = Pattern.compile("(Warm-up|Lone|Burst) lead (\\d{4})");

    /** Starts the packaged app on a database file with an agreement file. */
    @FunctionalInterface
    interface Starter {
        AppProcess start(Path database, Path agreement) throws IOException;
    }

    /** One lead of the burst: its 202, the rep it went to, its direct message's arrival, and the bound. */
    private record Lead(int number, Instant accepted, String rep, Instant messaged, Instant bound) {
        Duration waited() {
            return Duration.between(accepted, messaged);
        }

        Duration atBest() {
            return Duration.between(accepted, bound);
        }
    }

    private final Path work;
    private final HttpClient http;
    private final String handoffToken;
    private final Report report;
    private final Starter starter;

    SpeedToLead(Path work, HttpClient http, String handoffToken, Report report, Starter starter) {
        this.work = work;
        this.http = http;
        this.handoffToken = handoffToken;
        this.report = report;
        this.starter = starter;
    }

    static String rep(int i) {
        return String.format("U0SPEED%04d", i);
    }

    void run(FakeSlack slack) throws Exception {
        String pool = java.util.stream.IntStream.rangeClosed(1, REPS).mapToObj(SpeedToLead::rep)
                .collect(Collectors.joining(", ", "[", "]"));
        // Reps at work whatever the hour the benchmark runs, so the figure does not depend on the clock.
        Path agreement = Files.writeString(work.resolve("speed-sla.yml"),
                RoutingAgreements.text("pool: " + pool + "\nworking_hours: false\n"));
        for (int i = 1; i <= REPS; i++) {
            slack.addUser("speed" + i + "@freightline.example", rep(i), "Speed Rep " + i, "America/Chicago");
        }
        Duration latencyBefore = Duration.ZERO;
        slack.setLatency(Duration.ZERO);
        slack.enforcePostingLimit(PER_CHANNEL);
        try (AppProcess app = starter.start(work.resolve("speed.db"), agreement)) {
            app.awaitReady(http, "/health", false);
            URI intake = app.base().resolve("/handoffs");
            Map<String, Instant> accepted = new ConcurrentHashMap<>();

            // Warm-up (not measured), then lone leads a second and a half apart: the app's own time to a message.
            for (int i = 1; i <= 40; i++) {
                send(intake, "Warm-up", i, accepted);
                Thread.sleep(100);
            }
            awaitMessages(slack, "Warm-up", 40);
            Thread.sleep(1500);
            List<Duration> lone = new ArrayList<>();
            for (int i = 1; i <= LONE_LEADS; i++) {
                send(intake, "Lone", i, accepted);
                SlackCall message = awaitMessages(slack, "Lone", i).get("Lone lead " + number(i));
                lone.add(Duration.between(accepted.get("Lone lead " + number(i)), message.at()));
                Thread.sleep(1500);
            }
            Duration floor = lone.stream().sorted().toList().get(LONE_LEADS / 2);

            // The burst: 200 leads evenly over 10 s, each sent on time whatever the previous answer's latency.
            ScheduledExecutorService senders = Executors.newScheduledThreadPool(4);
            AtomicInteger failed = new AtomicInteger();
            long gap = BURST.toNanos() / LEADS;
            for (int i = 1; i <= LEADS; i++) {
                int n = i;
                senders.schedule(() -> {
                    try {
                        send(intake, "Burst", n, accepted);
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }, gap * (i - 1), TimeUnit.NANOSECONDS);
            }
            senders.shutdown();
            senders.awaitTermination(1, TimeUnit.MINUTES);
            Map<String, SlackCall> messages = awaitMessages(slack, "Burst", LEADS);
            int channelPosts = slack.posts("#sales-leads").size();

            List<Lead> leads = bounds(accepted, messages, floor);
            figures(leads, floor, lone, failed.get(), channelPosts, slack);
        } finally {
            slack.enforcePostingLimit(Duration.ZERO);
            slack.setLatency(latencyBefore);
        }
    }

    private void send(URI intake, String kind, int n, Map<String, Instant> accepted) throws Exception {
        String name = kind + " lead " + number(n);
        String body = """
                {"id":"speed-%s-%d","stage":"mql","lead":{"name":"%s","company":"Speed Co",\
                "email":"lead%d@speed.example"},"criteria_met":["Fit score 60 or more"]}"""
                .formatted(kind.toLowerCase(), n, name, n);
        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(intake)
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + handoffToken)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
        Instant at = Instant.now();
        if (response.statusCode() != 202) {
            throw new IllegalStateException(name + " answered " + response.statusCode());
        }
        accepted.put(name, at);
    }

    private static String number(int n) {
        return String.format("%04d", n);
    }

    /** Waits until {@code count} leads of this kind have their direct message accepted by Slack; by lead name. */
    private static Map<String, SlackCall> awaitMessages(FakeSlack slack, String kind, int count)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_FOR_MESSAGES.toNanos();
        Map<String, SlackCall> found = new HashMap<>();
        while (System.nanoTime() < deadline) {
            found.clear();
            for (SlackCall call : slack.calls("chat.postMessage")) {
                String channel = call.param("channel");
                if (call.succeeded() && channel != null && channel.startsWith("U0SPEED")) {
                    Matcher m = LEAD.matcher(call.param("text"));
                    if (m.find() && m.group(1).equals(kind)) {
                        found.putIfAbsent(m.group(0), call);
                    }
                }
            }
            if (found.size() >= count) {
                return found;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("only " + found.size() + " of " + count + " " + kind
                + " leads' messages arrived within " + WAIT_FOR_MESSAGES.toSeconds() + " s");
    }

    /**
     * The earliest each burst lead's message could have arrived: its 202 plus the app's time for a lone lead, and
     * no sooner than {@link #PER_CHANNEL} after the previous message to the same rep (the per-channel limit).
     */
    private static List<Lead> bounds(Map<String, Instant> accepted, Map<String, SlackCall> messages,
            Duration floor) {
        List<Lead> leads = new ArrayList<>();
        for (int i = 1; i <= LEADS; i++) {
            String name = "Burst lead " + number(i);
            SlackCall message = messages.get(name);
            leads.add(new Lead(i, accepted.get(name), message.param("channel"), message.at(), null));
        }
        Map<String, List<Lead>> byRep = leads.stream().collect(Collectors.groupingBy(Lead::rep));
        List<Lead> bounded = new ArrayList<>();
        for (List<Lead> ofRep : byRep.values()) {
            ofRep.sort(Comparator.comparing(Lead::accepted));
            Instant previous = null;
            for (Lead lead : ofRep) {
                Instant earliest = lead.accepted().plus(floor);
                if (previous != null && earliest.isBefore(previous.plus(PER_CHANNEL))) {
                    earliest = previous.plus(PER_CHANNEL);
                }
                previous = earliest;
                bounded.add(new Lead(lead.number(), lead.accepted(), lead.rep(), lead.messaged(), earliest));
            }
        }
        bounded.sort(Comparator.comparingInt(Lead::number));
        return bounded;
    }

    private void figures(List<Lead> leads, Duration floor, List<Duration> lone, int failed, int channelPosts,
            FakeSlack slack) {
        double[] waited = millis(leads.stream().map(Lead::waited).toList());
        double[] bound = millis(leads.stream().map(Lead::atBest).toList());
        double p95 = percentile(waited, 0.95);
        double boundP95 = percentile(bound, 0.95);
        report.add("Speed to lead (200 leads in 10 s, 20 reps): 202 → DM p50", ms(percentile(waited, 0.5)),
                "", null);
        report.add("Speed to lead: p95", ms(p95), String.format("<= 1.5 × bound (%.0f ms)", 1.5 * boundP95),
                p95 <= 1.5 * boundP95);
        report.add("Speed to lead: max", ms(waited[waited.length - 1]), "", null);
        report.add("Speed to lead: bound p50 / p95 / max", ms(percentile(bound, 0.5)) + " / " + ms(boundP95) + " / "
                + ms(bound[bound.length - 1]), "(computed)", null);
        // A message that waited on anything but its own rep's previous message (another rep's lane, the sales
        // channel's posts) would be at least a second later than its bound.
        double worstExcess = leads.stream().mapToDouble(l -> (l.waited().toNanos() - l.atBest().toNanos()) / 1e6)
                .max().orElse(0);
        report.add("Speed to lead: worst wait beyond its own lane's bound", ms(worstExcess), "< 1,000 ms (none waits"
                + " on another lane)", worstExcess < 1000);
        Map<String, Long> perRep = leads.stream().collect(Collectors.groupingBy(Lead::rep, Collectors.counting()));
        long refused = slack.calls("chat.postMessage").stream()
                .filter(c -> "ratelimited".equals(c.answeredWith()) && c.param("channel") != null
                        && c.param("channel").startsWith("U0SPEED")).count();
        report.note(String.format("speed to lead: the app's own 202 → DM time for a lone lead (median of %d, the "
                        + "bound's floor) %.1f ms, all %s; leads per rep %d–%d; %d intake requests failed; the fake "
                        + "Slack refused %d direct messages for the per-channel limit; when the last DM arrived, %d of "
                        + "the 200 sales-channel posts were out (they drain at one a second)",
                LONE_LEADS, floor.toNanos() / 1e6, lone.stream().map(d -> String.format("%.0f", d.toNanos() / 1e6))
                        .toList(), perRep.values().stream().mapToLong(Long::longValue).min().orElse(0),
                perRep.values().stream().mapToLong(Long::longValue).max().orElse(0), failed, refused, channelPosts));
    }

    private static double[] millis(List<Duration> durations) {
        return durations.stream().mapToDouble(d -> d.toNanos() / 1e6).sorted().toArray();
    }

    /** The nearest-rank percentile of sorted values. */
    private static double percentile(double[] sorted, double p) {
        return sorted[Math.max(0, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static String ms(double ms) {
        return String.format("%,.1f ms", ms);
    }
}
