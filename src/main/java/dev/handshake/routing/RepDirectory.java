package dev.handshake.routing;

import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.PoolRep;
import dev.handshake.agreement.RoutingTerms;
import dev.handshake.agreement.SlackTarget;
import dev.handshake.agreement.StageHandoff;
import dev.handshake.slack.SlackCallException;
import dev.handshake.slack.SlackWebApi;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the profiles of the agreement's reps current: asks Slack ({@code users.info}) about every rep of a routing
 * pool (and a fallback user) whose profile is missing or older than {@link #EXPIRY}, at start and every
 * {@link #CHECK_EVERY}; takes what {@code user_change} events say; and when Slack says a rep was deactivated, hands
 * their pending leads on ({@code onDeactivated}) on its own thread. Owns one thread. Thread-safe.
 */
public final class RepDirectory implements AutoCloseable {

    /** How long what Slack said about a rep is trusted; time zones and names rarely change, events cover the rest. */
    public static final Duration EXPIRY = Duration.ofHours(24);
    static final Duration CHECK_EVERY = Duration.ofMinutes(10);
    private static final Logger log = LoggerFactory.getLogger(RepDirectory.class);

    private final Agreement agreement;
    private final RepProfiles profiles;
    private final SlackWebApi slack;
    private final Clock clock;
    private final BiConsumer<String, Instant> onDeactivated;
    private final ScheduledExecutorService worker;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    /** {@code onDeactivated} takes a rep's pending leads elsewhere, given the rep and the time Slack told us. */
    public RepDirectory(Agreement agreement, RepProfiles profiles, SlackWebApi slack, Clock clock,
            BiConsumer<String, Instant> onDeactivated) {
        this.agreement = Objects.requireNonNull(agreement, "agreement == null");
        this.profiles = Objects.requireNonNull(profiles, "profiles == null");
        this.slack = Objects.requireNonNull(slack, "slack == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
        this.onDeactivated = Objects.requireNonNull(onDeactivated, "onDeactivated == null");
        this.worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "rep-directory");
            thread.setDaemon(true);
            return thread;
        });
    }

    public void start() {
        worker.scheduleWithFixedDelay(this::refreshQuietly, 0, CHECK_EVERY.toSeconds(), TimeUnit.SECONDS);
    }

    /** The reps the agreement routes leads to: every pool's reps and every fallback user, in the agreement's order. */
    Set<String> reps() {
        Set<String> reps = new LinkedHashSet<>();
        for (StageHandoff stage : agreement.handoff().stages()) {
            Optional<RoutingTerms> routing = agreement.handoff().routingFor(stage.stage());
            routing.ifPresent(terms -> {
                terms.pool().stream().map(PoolRep::user).forEach(reps::add);
                if (terms.fallback() != null && terms.fallback().kind() == SlackTarget.Kind.USER) {
                    reps.add(terms.fallback().id());
                }
            });
        }
        return reps;
    }

    /** Asks Slack about every rep whose profile is missing or expired; returns how many it learned about. */
    int refresh() {
        Instant now = clock.instant();
        int learned = 0;
        for (String user : reps()) {
            Optional<RepProfile> known = profiles.find(user);
            if (known.isPresent() && known.get().fetchedAt().plus(EXPIRY).isAfter(now)) {
                continue;
            }
            Optional<SlackWebApi.SlackUser> answer;
            try {
                answer = slack.userInfo(user);
            } catch (SlackCallException e) {
                // Rate limited, Slack down or the token refused: the next check asks again.
                if (reported.add("call:" + e.error())) {
                    log.warn("Could not ask Slack about the agreement's reps ({}); trying again in {} min", e.error(),
                            CHECK_EVERY.toMinutes());
                }
                return learned;
            }
            if (answer.isEmpty()) {
                if (reported.add("unknown:" + user)) {
                    log.warn("Slack knows no user {} (in the agreement's routing); check the user id in sla.yml", user);
                }
                continue;
            }
            learn(answer.get(), clock.instant());
            learned++;
        }
        return learned;
    }

    /**
     * Keeps what Slack says about a user (a {@code user_change} event, or an answer); if it says they were just
     * deactivated, their pending leads are handed on soon, on this directory's thread.
     */
    public void learn(SlackWebApi.SlackUser user, Instant at) {
        boolean deactivated = profiles.record(new RepProfile(user.id(), user.name(), user.tz(), user.email(),
                user.deleted(), at));
        if (deactivated) {
            log.info("Slack says user {} was deactivated; their pending leads go to the next rep who can take them",
                    user.id());
            try {
                worker.execute(() -> handOn(user.id(), at));
            } catch (RejectedExecutionException e) {
                log.warn("Could not hand on the leads of deactivated user {}: the app is stopping", user.id());
            }
        }
    }

    private void handOn(String user, Instant at) {
        try {
            onDeactivated.accept(user, at);
        } catch (RuntimeException e) {
            log.error("Handing on the leads of deactivated user {} failed; the SLA clock will reassign them", user, e);
        }
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            log.warn("Refreshing the reps' profiles failed: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        worker.shutdown();
        try {
            if (!worker.awaitTermination(10, TimeUnit.SECONDS)) {
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            worker.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
