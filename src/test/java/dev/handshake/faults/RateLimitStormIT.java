package dev.handshake.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handshake.testing.FakeSlack;
import dev.handshake.testing.Fault;
import dev.handshake.testing.PackagedApp;
import dev.handshake.testing.SlackCall;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;

/**
 * A storm of HTTP 429 answers with {@code Retry-After} (of varying lengths, first standing, then scattered) while a
 * burst of leads is delivered to one sales channel and several direct-message channels. No call is tried again
 * before the {@code Retry-After} it was given, and posts to one channel stay about a second apart.
 */
class RateLimitStormIT {

    private static final Scale SCALE = Scale.current();
    private static final int LEADS = SCALE.pick(12, 120);
    private static final Duration STANDING_STORM = Duration.ofSeconds(SCALE.pick(8, 120));
    private static final int SCATTERED_429S = SCALE.pick(10, 120);
    private static final int[] RETRY_AFTERS = {1, 2, 3, 5};

    private static int count429s(FakeSlack slack) {
        return (int) slack.calls("chat.postMessage").stream().filter(c -> c.status() == 429).count();
    }

    private static void awaitCount(IntSupplier count, int atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (count.getAsInt() < atLeast) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected at least " + atLeast + " within 60 s, got " + count.getAsInt());
            }
            Thread.sleep(20);
        }
    }

    @Test
    void noCallComesBeforeItsRetryAfterAndPostsToOneChannelStayASecondApart() throws Exception {
        try (FakeSlack slack = FakeSlack.start(); PackagedApp app = PackagedApp.builder(slack).start()) {
            SlackFaultChecks checks = new SlackFaultChecks(app, slack);
            Random random = new Random(7);
            Instant stormStarted = Instant.now();
            slack.failAlways("chat.postMessage", Fault.rateLimited(3));
            for (int n = 0; n < LEADS; n++) {
                checks.handOff("storm", n);
            }
            Thread.sleep(STANDING_STORM.toMillis());
            slack.clearFaults();
            // Then 429s scattered among successes, each with its own Retry-After, so channels meet different waits.
            int standing429s = count429s(slack);
            for (int i = 0; i < SCATTERED_429S; i++) {
                int retryAfter = RETRY_AFTERS[random.nextInt(RETRY_AFTERS.length)];
                slack.failNext("chat.postMessage", 1, Fault.rateLimited(retryAfter));
                awaitCount(() -> count429s(slack), standing429s + i + 1);
                if (random.nextBoolean()) {
                    int before = slack.calls("chat.postMessage").size();
                    awaitCount(() -> slack.calls("chat.postMessage").size(), before + 1);
                }
            }
            Duration drained = checks.awaitDrained(Duration.ofMinutes(SCALE.pick(3, 20)));
            SlackFaultChecks.Outcome outcome = checks.check();

            List<SlackCall> calls = slack.calls("chat.postMessage");
            List<SlackCall> limited = calls.stream().filter(c -> c.status() == 429).toList();
            Duration smallestMargin = null;
            Map<String, List<SlackCall>> byChannel = new HashMap<>();
            calls.forEach(c -> byChannel.computeIfAbsent(c.param("channel"), k -> new ArrayList<>()).add(c));
            for (List<SlackCall> channel : byChannel.values()) {
                for (int i = 0; i + 1 < channel.size(); i++) {
                    SlackCall call = channel.get(i);
                    if (call.status() != 429) {
                        continue;
                    }
                    Duration retryAfter = call.retryAfter().orElseThrow();
                    Duration waited = Duration.between(call.at(), channel.get(i + 1).at());
                    assertThat(waited).as("wait after %s (Retry-After %s s)", call, retryAfter.toSeconds())
                            .isGreaterThanOrEqualTo(retryAfter);
                    Duration margin = waited.minus(retryAfter);
                    if (smallestMargin == null || margin.compareTo(smallestMargin) < 0) {
                        smallestMargin = margin;
                    }
                }
            }
            Duration minGap = SlackFaultChecks.minPostGapPerChannel(calls);
            assertThat(limited.size()).as("429s answered").isGreaterThanOrEqualTo(SCATTERED_429S);
            assertThat(minGap).as("smallest gap between posts to one channel").isGreaterThan(Duration.ofMillis(950));
            assertThat(outcome.duplicatePosts() + outcome.duplicateDms()).isZero();

            new Figures("slack-429-storm")
                    .put("leads", LEADS)
                    .put("faults injected", limited.size() + " x 429 (Retry-After 1-5 s; standing "
                            + STANDING_STORM.toSeconds() + " s, then " + SCATTERED_429S + " scattered)")
                    .put("channels", byChannel.size())
                    .put("calls", calls.size())
                    .put("retries before Retry-After", 0)
                    .put("smallest margin past Retry-After", SlackFaultChecks.millis(smallestMargin))
                    .put("min gap per channel", SlackFaultChecks.millis(minGap))
                    .put("max calls in 1 s", SlackFaultChecks.maxPerSecond(calls))
                    .put("drained", SlackFaultChecks.millis(Duration.between(stormStarted, Instant.now())))
                    .put("drain wait after storm", SlackFaultChecks.millis(drained))
                    .put("lost", outcome.intakes() - outcome.posted())
                    .put("duplicate posts", outcome.duplicatePosts() + outcome.duplicateDms())
                    .publish();
        }
    }
}
