package dev.handshake.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handshake.agreement.Agreement;
import dev.handshake.clock.Quarter;
import dev.handshake.handoff.HandoffActions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sample story a fresh demo starts with, played through the app's real endpoints and clicks: the quarter's
 * funnel facts ({@code POST /stage-events}), four leads handed off the business day before (two accepted, one
 * rejected with a reason, one left to go overdue, escalate and move to another rep), then a jump to today, two
 * fresh leads, and the marketing owner sharing the quarter's numbers in the review channel. So {@code /sla stats}
 * and the App Home have something to show.
 */
final class DemoSeed {

    /** Leads of the quarter reported to {@code /stage-events}, besides the six handed off. */
    static final int OTHER_LEADS = 42;
    /** Of those, how many became MQLs without being handed off through the demo. */
    static final int OTHER_MQLS = 8;
    static final int HANDOFFS = SampleLeads.USED_BY_STORY;
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(DemoSeed.class);

    private final Workspace workspace;
    private final Interactions interactions;
    private final Clicks clicks;
    private final DemoClock clock;
    private final SampleLeads samples;
    private final Agreement agreement;
    private final URI base;
    private final String handoffToken;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    DemoSeed(Workspace workspace, Interactions interactions, Clicks clicks, DemoClock clock, SampleLeads samples,
            Agreement agreement, URI base, String handoffToken, ObjectMapper json) {
        this.workspace = Objects.requireNonNull(workspace, "workspace == null");
        this.interactions = Objects.requireNonNull(interactions, "interactions == null");
        this.clicks = Objects.requireNonNull(clicks, "clicks == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
        this.samples = Objects.requireNonNull(samples, "samples == null");
        this.agreement = Objects.requireNonNull(agreement, "agreement == null");
        this.base = Objects.requireNonNull(base, "base == null");
        this.handoffToken = Objects.requireNonNull(handoffToken, "handoffToken == null");
        this.json = Objects.requireNonNull(json, "json == null");
    }

    /** Plays the story from the clock's current time (the day before) up to {@code today}. */
    void run(Instant today) throws IOException, InterruptedException {
        List<String> pool = agreement.handoff().reps();
        String ava = person(pool, 0);
        String ben = person(pool, 1);
        String chloe = person(pool, 2);
        String dev = person(pool, 3);
        String sales = channel(agreement.handoff().salesChannel());

        funnelFacts();
        String accepted = handOff(0, ava, sales);
        String acceptedToo = handOff(1, ben, sales);
        String rejected = handOff(3, chloe, sales);
        String overdue = handOff(5, dev, sales);

        later(Duration.ofMinutes(25));
        click(ava, sales, accepted, HandoffActions.ACCEPT);
        awaitMessage(sales, accepted, m -> m.text().contains("accepted"));
        later(Duration.ofMinutes(15));
        click(ben, sales, acceptedToo, HandoffActions.ACCEPT);
        later(Duration.ofMinutes(20));
        reject(chloe, sales, rejected);
        later(Duration.ofMinutes(25));
        awaitMessage(sales, accepted, m -> button(m.blocks(), HandoffActions.CONTACTED).isPresent());
        click(ava, sales, accepted, HandoffActions.CONTACTED);

        clock.advanceTo(today);
        awaitMessage(sales, null, m -> overdue.equals(m.threadTs()));
        settle();
        handOff(4, ava, sales);
        handOff(2, null, sales);
        settle();
        String review = channel(agreement.review().channel());
        expect(interactions.type(agreement.owners().marketing().slackUser(), review, "/sla stats share", null),
                "sharing the numbers in the review channel");
        log.info("The demo's sample story is ready");
    }

    /** The quarter's leads and MQLs so far, spread evenly over the quarter up to an hour ago. */
    private void funnelFacts() throws IOException, InterruptedException {
        ZoneId zone = agreement.calendar().zone();
        Instant now = clock.instant();
        Instant quarterStart = Quarter.of(now.atZone(zone).toLocalDate()).start().atStartOfDay(zone).toInstant();
        Instant from = quarterStart.isAfter(now.minus(Duration.ofDays(60))) ? quarterStart
                : now.minus(Duration.ofDays(60));
        Duration span = Duration.between(from, now.minus(Duration.ofHours(1)));
        ArrayNode events = json.createArrayNode();
        for (int i = 0; i < OTHER_LEADS; i++) {
            Instant at = from.plus(span.multipliedBy(i).dividedBy(OTHER_LEADS));
            String lead = "prospect" + (i + 1) + "@inbound.example";
            events.addObject().put("lead_id", lead).put("stage", "lead").put("at", at.toString());
            if (i % (OTHER_LEADS / OTHER_MQLS) == 1 && i / (OTHER_LEADS / OTHER_MQLS) < OTHER_MQLS) {
                events.addObject().put("lead_id", lead).put("stage", "mql")
                        .put("at", at.plus(Duration.ofDays(3)).isBefore(now) ? at.plus(Duration.ofDays(3)).toString()
                                : at.toString());
            }
        }
        for (int i = 0; i < HANDOFFS; i++) {
            events.addObject().put("lead_id", samples.handoff(SampleLeads.SAMPLES.get(i), "x").path("lead")
                    .path("email").asText()).put("stage", "lead").put("at", from.plus(span.dividedBy(2)).toString());
        }
        post("/stage-events", events, 200);
    }

    /** Hands off sample {@code index} and waits for its message in the sales channel; returns the message's ts. */
    private String handOff(int index, String assignee, String sales) throws IOException, InterruptedException {
        SampleLeads.Sample sample = SampleLeads.SAMPLES.get(index);
        ObjectNode body = samples.handoff(sample, "demo-story-" + (index + 1));
        if (assignee != null) {
            body.put("assignee", assignee);
        }
        post("/handoffs", body, 202);
        return awaitMessage(sales, null, m -> m.threadTs() == null && m.text().contains(sample.name())).ts();
    }

    private void reject(String user, String sales, String ts) throws InterruptedException {
        click(user, sales, ts, HandoffActions.REJECT);
        Views.View modal = await("the reject modal", () -> workspace.views().modalsOf(user).stream().findFirst());
        JsonNode select = modal.json().path("blocks").findValue("options");
        String reason = null;
        for (JsonNode option : select) {
            if (option.path("text").path("text").asText().startsWith("Timing")) {
                reason = option.path("value").asText();
            }
        }
        ObjectNode values = json.createObjectNode();
        values.putObject(HandoffActions.REASON_BLOCK).put(HandoffActions.REASON_ACTION,
                reason != null ? reason : select.get(0).path("value").asText());
        values.putObject(HandoffActions.COMMENT_BLOCK).put(HandoffActions.COMMENT_ACTION,
                "Spoke with their controller: budget is frozen until the next fiscal year. Worth nurturing for Q2.");
        expect(interactions.submit(user, modal.id(), values), "submitting the reject modal");
        String marketing = channel(agreement.handoff().marketingChannel());
        await("marketing's notice", () -> workspace.messages().in(marketing).stream()
                .filter(m -> m.text().startsWith("Sales rejected")).findFirst());
    }

    private void click(String user, String conversation, String ts, String actionId) {
        Messages.Message message = workspace.messages().find(conversation, ts).orElseThrow();
        JsonNode block = button(message.blocks(), actionId)
                .orElseThrow(() -> new IllegalStateException("no " + actionId + " button on message " + ts));
        expect(clicks.onMessage(user, conversation, ts, block.path("block_id").asText(), actionId, null),
                "clicking " + actionId);
    }

    /** The block holding the button {@code actionId}. */
    static Optional<JsonNode> button(JsonNode blocks, String actionId) {
        if (blocks == null) {
            return Optional.empty();
        }
        for (JsonNode block : blocks) {
            for (JsonNode element : block.path("elements")) {
                if (actionId.equals(element.path("action_id").asText())) {
                    return Optional.of(block);
                }
            }
        }
        return Optional.empty();
    }

    private Messages.Message awaitMessage(String conversation, String ts, Predicate<Messages.Message> test)
            throws InterruptedException {
        return await("a message in " + conversation, () -> workspace.messages().in(conversation).stream()
                .filter(m -> ts == null || m.ts().equals(ts)).filter(test).findFirst());
    }

    private <T> T await(String what, java.util.function.Supplier<Optional<T>> probe) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        long seen = -1;
        while (System.nanoTime() < deadline) {
            Optional<T> found = probe.get();
            if (found.isPresent()) {
                return found.get();
            }
            seen = workspace.changes().awaitChange(seen < 0 ? workspace.changes().version() : seen,
                    Duration.ofMillis(200));
        }
        throw new IllegalStateException("the sample story waited " + WAIT.toSeconds() + " s in vain for " + what);
    }

    /** Waits until the workspace has been still for a moment: what the app owed Slack is delivered. */
    private void settle() throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        long version = workspace.changes().version();
        while (System.nanoTime() < deadline) {
            long next = workspace.changes().awaitChange(version, Duration.ofMillis(1200));
            if (next == version) {
                return;
            }
            version = next;
        }
    }

    private void later(Duration step) {
        clock.advanceTo(clock.instant().plus(step));
    }

    private void post(String path, JsonNode body, int expected) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + handoffToken)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body), StandardCharsets.UTF_8))
                .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != expected) {
            throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
    }

    private static void expect(Outcome outcome, String what) {
        if (!outcome.done()) {
            throw new IllegalStateException(what + " failed: " + outcome.problem());
        }
    }

    private String channel(String nameOrId) {
        return workspace.conversation(nameOrId).orElseThrow();
    }

    private String person(List<String> pool, int index) {
        return pool.size() > index ? pool.get(index) : workspace.cast().people().get(0).id();
    }
}
