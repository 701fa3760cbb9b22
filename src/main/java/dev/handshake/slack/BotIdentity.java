package dev.handshake.slack;

import com.slack.api.methods.response.auth.AuthTestResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot's identity in its workspace (Slack's answer to {@code auth.test}), learned in the background so the app
 * starts, takes handoffs and keeps them whether or not Slack answers at that moment. Until Slack answers, asks again
 * with backoff; while Slack refuses the token, as often as {@link SlackStatus} allows probes. Owns one thread.
 * Thread-safe.
 */
public final class BotIdentity implements AutoCloseable {

    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    static final Duration MAX_RETRY = Duration.ofMinutes(1);
    private static final Logger log = LoggerFactory.getLogger(BotIdentity.class);

    private final SlackWebApi slack;
    private final SlackStatus status;
    private final Clock clock;
    private final ScheduledExecutorService asker;
    private final AtomicReference<AuthTestResponse> known = new AtomicReference<>();
    // Touched only on the asker's thread.
    private final Set<String> reported = new HashSet<>();
    private int failures;

    public BotIdentity(SlackWebApi slack, SlackStatus status, Clock clock) {
        this.slack = Objects.requireNonNull(slack, "slack == null");
        this.status = Objects.requireNonNull(status, "status == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
        this.asker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "slack-identity");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Asks Slack now, on the identity's own thread; returns at once. */
    public void start() {
        schedule(Duration.ZERO);
    }

    /** Slack's {@code auth.test} answer, once Slack gave one. */
    public Optional<AuthTestResponse> known() {
        return Optional.ofNullable(known.get());
    }

    @Override
    public void close() {
        asker.shutdownNow();
    }

    private void ask() {
        try {
            AuthTestResponse answer = slack.authTest();
            known.set(answer);
            log.info("Connected to Slack workspace {} ({}) as bot user {}{}", answer.getTeam(), answer.getTeamId(),
                    answer.getUserId(), failures == 0 ? "" : " after " + failures + " failed tries");
        } catch (SlackCallException e) {
            if (asker.isShutdown()) {
                return; // interrupted by close()
            }
            failures++;
            report(e);
            schedule(nextTry(e));
        } catch (RuntimeException e) {
            failures++;
            log.warn("Could not ask Slack who the bot is ({}); trying again", e.getMessage());
            schedule(backoff());
        }
    }

    private Duration nextTry(SlackCallException e) {
        return switch (e.kind()) {
            case AUTH -> max(FIRST_RETRY, Duration.between(clock.instant(), status.nextAuthProbe()));
            case RATE_LIMITED -> max(e.retryAfter(), backoff());
            case TRANSIENT, PERMANENT -> backoff();
        };
    }

    /** 1 s doubling to a minute, each drawn between half and all of it so restarted apps do not ask in step. */
    private Duration backoff() {
        long capped = Math.min(MAX_RETRY.toMillis(), FIRST_RETRY.toMillis() << Math.min(failures - 1, 16));
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }

    private void report(SlackCallException e) {
        if (!reported.add(e.kind() + ":" + e.error())) {
            return;
        }
        if (e.kind() == SlackCallException.Kind.AUTH) {
            log.error("Slack refused SLACK_BOT_TOKEN ({}). Handshake runs and keeps every handoff, but cannot post to "
                    + "Slack until the token works; it tries again every {} s. Fix: reinstall the app to the "
                    + "workspace and set SLACK_BOT_TOKEN to its bot token.", e.error(),
                    status.authProbeInterval().toSeconds());
        } else {
            log.warn("Slack did not answer auth.test ({}). Handshake runs anyway: it takes handoffs and posts them "
                    + "once Slack answers; asking again with backoff. Check that SLACK_API_URL is reachable.",
                    e.error());
        }
    }

    private void schedule(Duration delay) {
        try {
            asker.schedule(this::ask, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // Closed: the app is stopping.
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
