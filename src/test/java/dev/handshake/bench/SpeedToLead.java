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
    private static final Pattern LEAD = Pattern.compile("(Warm-up|Lone|Burst|Rush) lead (\\d{4})");

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
            int failed = burst(intake, "Burst", BURST.toNanos() / LEADS, accepted);
            Map<String, SlackCall> messages = awaitMessages(slack, "Burst", LEADS);
            int channelPosts = slack.posts("#sales-leads").size();
            figures("Speed to lead (200 leads in 10 s, 20 reps)", bounds("Burst", accepted, messages, floor), slack,
                    true);
            report.note(String.format("speed to lead: the app's own 202 → DM time for a lone lead (median of %d, the "
                            + "bound's floor) %.1f ms, all %s; %d intake requests failed; when the last DM of the "
                            + "burst arrived, %d of the sales channel's posts were out (they drain at one a second)",
                    LONE_LEADS, floor.toNanos() / 1e6, lone.stream()
                            .map(d -> String.format("%.0f", d.toNanos() / 1e6)).toList(), failed, channelPosts));

            // The same 200 leads all at once (as fast as 8 connections send them): each rep's ten messages must
            // then be a second apart, so the bound grows to about 9 s, and the app should follow it closely.
            awaitQuietLanes(slack);
            int rushFailed = burst(intake, "Rush", 0, accepted);
            figures("Speed to lead, 200 leads at once", bounds("Rush", accepted, awaitMessages(slack, "Rush", LEADS),
                    floor), slack, false);
            if (rushFailed > 0) {
                report.note("speed to lead, at once: " + rushFailed + " intake requests failed");
            }
        } finally {
            slack.enforcePostingLimit(Duration.ZERO);
            slack.setLatency(latencyBefore);
        }
    }

    /** Sends {@link #LEADS} leads of this kind {@code gapNanos} apart (0: as fast as they go); how many failed. */
    private int burst(URI intake, String kind, long gapNanos, Map<String, Instant> accepted)
            throws InterruptedException {
        ScheduledExecutorService senders = Executors.newScheduledThreadPool(gapNanos == 0 ? 8 : 4);
        AtomicInteger failed = new AtomicInteger();
        for (int i = 1; i <= LEADS; i++) {
            int n = i;
            senders.schedule(() -> {
                try {
                    send(intake, kind, n, accepted);
                } catch (Exception e) {
                    failed.incrementAndGet();
                }
            }, gapNanos * (i - 1), TimeUnit.NANOSECONDS);
        }
        senders.shutdown();
        senders.awaitTermination(1, TimeUnit.MINUTES);
        return failed.get();
    }

    /** Waits two seconds past the last direct message, so every rep's lane is free again. */
    private static void awaitQuietLanes(FakeSlack slack) throws InterruptedException {
        Thread.sleep(2 * PER_CHANNEL.toMillis());
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
    private static List<Lead> bounds(String kind, Map<String, Instant> accepted, Map<String, SlackCall> messages,
            Duration floor) {
        List<Lead> leads = new ArrayList<>();
        for (int i = 1; i <= LEADS; i++) {
            String name = kind + " lead " + number(i);
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

    private void figures(String label, List<Lead> leads, FakeSlack slack, boolean detailed) {
        double[] waited = millis(leads.stream().map(Lead::waited).toList());
        double[] bound = millis(leads.stream().map(Lead::atBest).toList());
        double p95 = percentile(waited, 0.95);
        double boundP95 = percentile(bound, 0.95);
        if (detailed) {
            report.add(label + ": 202 → DM p50", ms(percentile(waited, 0.5)), "", null);
        }
        report.add(detailed ? "Speed to lead: p95" : label + ": p95", ms(p95),
                String.format("<= 1.5 × bound (%,.0f ms)", 1.5 * boundP95), p95 <= 1.5 * boundP95);
        if (detailed) {
            report.add("Speed to lead: max", ms(waited[waited.length - 1]), "", null);
        }
        report.add(detailed ? "Speed to lead: bound p50 / p95 / max" : label + ": bound p50 / p95 / max",
                ms(percentile(bound, 0.5)) + " / " + ms(boundP95) + " / " + ms(bound[bound.length - 1]), "(computed)",
                null);
        // A message that waited on anything but its own rep's previous message (another rep's lane, the sales
        // channel's posts) would be at least a second later than its bound.
        double worstExcess = leads.stream().mapToDouble(l -> (l.waited().toNanos() - l.atBest().toNanos()) / 1e6)
                .max().orElse(0);
        report.add(detailed ? "Speed to lead: worst wait beyond its own lane's bound" : label + ": worst beyond bound",
                ms(worstExcess), "< 1,000 ms (none waits on another lane)", worstExcess < 1000);
        Map<String, Long> perRep = leads.stream().collect(Collectors.groupingBy(Lead::rep, Collectors.counting()));
        List<Double> gaps = new ArrayList<>();
        leads.stream().collect(Collectors.groupingBy(Lead::rep)).values().forEach(ofRep -> {
            List<Instant> at = ofRep.stream().map(Lead::messaged).sorted().toList();
            for (int i = 1; i < at.size(); i++) {
                gaps.add(Duration.between(at.get(i - 1), at.get(i)).toNanos() / 1e6);
            }
        });
        long refused = slack.calls("chat.postMessage").stream()
                .filter(c -> "ratelimited".equals(c.answeredWith()) && c.param("channel") != null
                        && c.param("channel").startsWith("U0SPEED")).count();
        report.note(String.format("%s: leads per rep %d–%d; consecutive messages to one rep arrived %.1f ms apart on "
                        + "average (at least %.1f ms; the limit is 1,000 ms); the fake Slack refused %d direct "
                        + "messages so far for the per-channel limit", label,
                perRep.values().stream().mapToLong(Long::longValue).min().orElse(0),
                perRep.values().stream().mapToLong(Long::longValue).max().orElse(0),
                gaps.stream().mapToDouble(Double::doubleValue).average().orElse(0),
                gaps.stream().mapToDouble(Double::doubleValue).min().orElse(0), refused));
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
