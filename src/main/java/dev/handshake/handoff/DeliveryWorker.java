package dev.handshake.handoff;

import dev.handshake.agreement.Agreement;
import dev.handshake.clock.BusinessHours;
import dev.handshake.db.Busy;
import dev.handshake.slack.SlackApi;
import dev.handshake.slack.SlackCallException;
import dev.handshake.slack.SlackStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the Slack calls handoffs owe, from the database, after the change that owes them was committed. Each lane
 * (a channel) is delivered in order; new messages are paced to one a second per channel; 429s wait for
 * {@code Retry-After}; transient failures back off with jitter; permanent ones are recorded and reported; a
 * revoked token pauses everything and probes once per {@link SlackStatus#authProbeInterval()} (a minute). Survives restarts because its queue is the database.
 * Thread-safe.
 */
public final class DeliveryWorker implements AutoCloseable {

    static final Duration CHANNEL_PACE = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    static final Duration GIVE_UP_AFTER = Duration.ofHours(72);
    static final Duration WAIT_FOR_POST = Duration.ofSeconds(1);
    private static final Duration IDLE_POLL = Duration.ofSeconds(1);
    static final Duration MIN_PASS_GAP = Duration.ofMillis(50);
    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

    private final HandoffStore store;
    private final SlackApi slack;
    private final SlackStatus status;
    private final Agreement agreement;
    private final BusinessHours hours;
    private final Clock clock;
    private final ExecutorService senders;
    private final Thread dispatcher;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final Set<String> busyLanes = ConcurrentHashMap.newKeySet();
    private final Map<String, Instant> laneOpensAt = new ConcurrentHashMap<>();
    private final Set<String> reportedProblems = ConcurrentHashMap.newKeySet();
    private volatile Instant pausedUntil = Instant.MIN;
    private volatile boolean running;
    private boolean woken;

    public DeliveryWorker(HandoffStore store, SlackApi slack, SlackStatus status, Agreement agreement,
            BusinessHours hours, Clock clock, int senderThreads) {
        this.store = Objects.requireNonNull(store, "store == null");
        this.slack = Objects.requireNonNull(slack, "slack == null");
        this.status = Objects.requireNonNull(status, "status == null");
        this.agreement = Objects.requireNonNull(agreement, "agreement == null");
        this.hours = Objects.requireNonNull(hours, "hours == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
        this.senders = Executors.newFixedThreadPool(senderThreads, named("slack-delivery"));
        this.dispatcher = named("delivery-dispatcher").newThread(this::dispatchLoop);
    }

    public void start() {
        running = true;
        dispatcher.start();
    }

    /** Tells the worker that something new is owed, so it does not wait for its next poll. */
    public void wake() {
        lock.lock();
        try {
            woken = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        running = false;
        wake();
        try {
            dispatcher.join(TimeUnit.SECONDS.toMillis(5));
            senders.shutdown();
            if (!senders.awaitTermination(15, TimeUnit.SECONDS)) {
                senders.shutdownNow();
            }
        } catch (InterruptedException e) {
            senders.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void dispatchLoop() {
        long lastPass = 0;
        while (running) {
            // Every commit that owes a delivery wakes the dispatcher; under a stream of them, passes (each scanning
            // the pending deliveries) would run back to back and take CPU from requests. One pass per gap is enough:
            // 50 ms is unnoticeable in Slack, and at 10 ms the passes took ~6 % of a core during a burst of intake.
            long sinceLast = System.nanoTime() - lastPass;
            if (sinceLast < MIN_PASS_GAP.toNanos()) {
                pause(MIN_PASS_GAP.toNanos() - sinceLast);
            }
            lastPass = System.nanoTime();
            Duration wait = IDLE_POLL;
            try {
                wait = dispatchDue();
            } catch (RuntimeException e) {
                log.warn("Delivery dispatch failed, retrying shortly: {}", e.getMessage());
            }
            sleep(wait);
        }
    }

    private void pause(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private Duration dispatchDue() {
        Instant now = clock.instant();
        if (now.isBefore(pausedUntil)) {
            return Duration.between(now, pausedUntil);
        }
        List<Delivery> heads = store.dueLaneHeads(now, 100);
        Duration wait = IDLE_POLL;
        for (Delivery delivery : heads) {
            Instant opens = laneOpensAt.getOrDefault(delivery.lane(), Instant.MIN);
            if (now.isBefore(opens)) {
                wait = min(wait, Duration.between(now, opens));
                continue;
            }
            if (busyLanes.add(delivery.lane())) {
                senders.execute(() -> send(delivery));
            }
        }
        Instant nextDue = store.nextDue().orElse(null);
        if (nextDue != null && nextDue.isAfter(now)) {
            wait = min(wait, Duration.between(now, nextDue));
        }
        return wait;
    }

    private void send(Delivery delivery) {
        Instant started = clock.instant();
        try {
            deliver(delivery, started);
        } catch (SlackCallException e) {
            handleFailure(delivery, e);
        } catch (RuntimeException e) {
            if (Busy.isBusy(e)) {
                store.retryLater(delivery, clock.instant().plusSeconds(1), "database busy");
            } else {
                log.error("Delivery {} ({}) of handoff {} failed unexpectedly; retrying with backoff",
                        delivery.id(), delivery.kind().key(), delivery.handoffId(), e);
                retryWithBackoff(delivery, "internal: " + e.getClass().getSimpleName());
            }
        } finally {
            if (delivery.kind().postsNewMessage()) {
                // Counted from the end of this call, not its start: Slack sees a post when it arrives, and a slow
                // post followed by a quick one would otherwise arrive less than a second apart.
                Instant opens = clock.instant().plus(CHANNEL_PACE);
                laneOpensAt.merge(delivery.lane(), opens, (a, b) -> a.isAfter(b) ? a : b);
            }
            busyLanes.remove(delivery.lane());
            wake();
        }
    }

    private void deliver(Delivery delivery, Instant now) {
        Handoff handoff = store.find(delivery.handoffId()).orElseThrow();
        switch (delivery.kind()) {
            case POST_HANDOFF -> postHandoff(delivery, handoff, now);
            case DM_ASSIGNEE -> {
                Rendered notice = AssigneeNotice.render(handoff, agreement, handoff.channelId());
                slack.postMessage(handoff.assignee(), notice.text(), notice.blocks(), null);
                store.delivered(delivery, clock.instant());
            }
            case UPDATE_HANDOFF -> {
                if (handoff.messageTs() == null) {
                    waitForPost(delivery, store.postFailed(handoff.id(), DeliveryKind.POST_HANDOFF));
                    return;
                }
                Rendered message = HandoffMessage.render(handoff, agreement, decisionTime(handoff),
                        contactTime(handoff));
                slack.updateMessage(handoff.channelId(), handoff.messageTs(), message.text(), message.blocks());
                store.delivered(delivery, clock.instant());
            }
            case NOTIFY_MARKETING -> {
                Rendered notice = MarketingNotice.render(handoff, agreement);
                SlackApi.Posted posted = slack.postMessage(agreement.handoff().marketingChannel(), notice.text(),
                        notice.blocks(), null);
                store.marketingPosted(delivery, posted.channel(), posted.ts(), clock.instant());
            }
            case UPDATE_MARKETING -> {
                var message = store.marketingMessage(handoff.id());
                if (message.isEmpty()) {
                    waitForPost(delivery, store.postFailed(handoff.id(), DeliveryKind.NOTIFY_MARKETING));
                    return;
                }
                Rendered notice = MarketingNotice.render(handoff, agreement);
                slack.updateMessage(message.get()[0], message.get()[1], notice.text(), notice.blocks());
                store.delivered(delivery, clock.instant());
            }
            case CONTEST -> inThread(delivery, handoff,
                    ContestNotice.render(handoff, agreement, handoff.marketingOutcome().by()));
            case REMIND_THREAD -> inThread(delivery, handoff,
                    ReminderNotice.thread(handoff, agreement, hours.between(now, handoff.dueAt())));
            case REMIND_DM -> direct(delivery, ReminderNotice.direct(handoff, agreement,
                    hours.between(now, handoff.dueAt()), handoff.channelId()));
            case ESCALATE -> inThread(delivery, handoff, EscalationNotice.render(handoff, agreement, delivery.detail()));
            case REASSIGN_THREAD -> inThread(delivery, handoff,
                    ReassignNotice.thread(handoff, agreement, delivery.detail(), handoff.assignee()));
            case REASSIGN_DM -> direct(delivery, AssigneeNotice.reassigned(handoff, agreement, handoff.channelId()));
            case CONTACT_REMIND_THREAD -> inThread(delivery, handoff, ContactNotices.reminder(handoff, agreement,
                    hours.between(now, handoff.sla().contactDueAt())));
            case CONTACT_REMIND_DM -> direct(delivery, ContactNotices.direct(handoff, agreement,
                    hours.between(now, handoff.sla().contactDueAt()), handoff.channelId()));
            case CONTACT_ESCALATE -> inThread(delivery, handoff, ContactNotices.escalation(handoff, agreement));
        }
    }

    /** A reply in the handoff's thread (in the sales channel, unthreaded, if the message never got posted). */
    private void inThread(Delivery delivery, Handoff handoff, Rendered notice) {
        String channel = handoff.channelId() != null ? handoff.channelId() : agreement.handoff().salesChannel();
        slack.postMessage(channel, notice.text(), notice.blocks(), handoff.messageTs());
        store.delivered(delivery, clock.instant());
    }

    /** A direct message to the user the delivery names. */
    private void direct(Delivery delivery, Rendered notice) {
        slack.postMessage(delivery.detail(), notice.text(), notice.blocks(), null);
        store.delivered(delivery, clock.instant());
    }

    private void postHandoff(Delivery delivery, Handoff handoff, Instant now) {
        Handoff toPost = handoff;
        if (handoff.assignee() == null) {
            String input = store.assigneeInput(handoff.id()).orElse(null);
            if (input != null && input.contains("@")) {
                var user = slack.userIdByEmail(input);
                if (user.isPresent()) {
                    store.assigneeResolved(handoff.id(), user.get(), now);
                    toPost = store.find(handoff.id()).orElseThrow();
                } else {
                    log.warn("Handoff {}: no Slack user has the assignee's email; posting it unassigned", handoff.id());
                }
            }
        }
        Rendered message = HandoffMessage.render(toPost, agreement, decisionTime(toPost));
        SlackApi.Posted posted = slack.postMessage(agreement.handoff().salesChannel(), message.text(),
                message.blocks(), null);
        store.posted(delivery, posted.channel(), posted.ts(), toPost.assignee(), clock.instant());
    }

    private void waitForPost(Delivery delivery, boolean postFailed) {
        if (postFailed) {
            store.failed(delivery, "the message to edit was never posted", clock.instant());
        } else {
            store.retryLater(delivery, clock.instant().plus(WAIT_FOR_POST), "waiting for the message to be posted");
        }
    }

    private Duration contactTime(Handoff handoff) {
        return handoff.sla().contactedAt() == null || handoff.decision() == null ? null
                : hours.between(handoff.decision().at(), handoff.sla().contactedAt());
    }

    private Duration decisionTime(Handoff handoff) {
        return handoff.decision() == null ? null : hours.between(handoff.receivedAt(), handoff.decision().at());
    }

    private void handleFailure(Delivery delivery, SlackCallException e) {
        Instant now = clock.instant();
        switch (e.kind()) {
            case RATE_LIMITED -> {
                Instant next = now.plus(e.retryAfter());
                laneOpensAt.merge(delivery.lane(), next, (a, b) -> a.isAfter(b) ? a : b);
                store.retryLater(delivery, next, e.method() + ": rate limited");
                log.info("Slack rate-limited {} in lane {}; retrying after {} s", e.method(), delivery.lane(),
                        e.retryAfter().toSeconds());
            }
            case TRANSIENT -> retryWithBackoff(delivery, e.method() + ": " + e.error());
            case AUTH -> {
                // Whoever probed last (this call, another lane, another part of the app), the next probe is due one
                // interval later; calls before then are held by SlackApi without reaching Slack.
                Instant nextProbe = status.nextAuthProbe();
                pausedUntil = nextProbe.isAfter(now) ? nextProbe : now.plus(status.authProbeInterval());
                store.retryLater(delivery, pausedUntil, e.method() + ": " + e.error());
                if (reportedProblems.add("auth:" + e.error())) {
                    log.error("Slack refused the bot token ({}). Deliveries are paused and nothing is lost; the app "
                            + "tries again every {} s. Fix: reinstall the app and set SLACK_BOT_TOKEN.", e.error(),
                            status.authProbeInterval().toSeconds());
                }
            }
            case PERMANENT -> {
                store.failed(delivery, e.method() + ": " + e.error(), now);
                String channel = delivery.lane().substring(delivery.lane().indexOf(':') + 1);
                String fix = fixFor(e.error(), channel);
                status.channelFailed(channel, e.error(), fix);
                if (reportedProblems.add(channel + ":" + e.error())) {
                    log.error("Slack refused {} to {} ({}). Fix: {}", e.method(), channel, e.error(), fix);
                }
            }
        }
    }

    private void retryWithBackoff(Delivery delivery, String error) {
        Instant now = clock.instant();
        if (Duration.between(delivery.createdAt(), now).compareTo(GIVE_UP_AFTER) > 0) {
            store.failed(delivery, "gave up after " + GIVE_UP_AFTER.toHours() + " h: " + error, now);
            return;
        }
        long capped = Math.min(MAX_BACKOFF.toMillis(), 1000L << Math.min(delivery.attempts(), 16));
        long jittered = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
        store.retryLater(delivery, now.plusMillis(jittered), error);
    }

    static String fixFor(String error, String channel) {
        return switch (error) {
            case "channel_not_found" -> "check the channel " + channel + " in sla.yml exists, and invite the app "
                    + "to it if it is private (/invite @Handshake)";
            case "not_in_channel" -> "invite the app to " + channel + " (/invite @Handshake)";
            case "is_archived" -> "unarchive " + channel + " or name another channel in sla.yml";
            case "missing_scope" -> "reinstall the app from manifest.yml so it has every scope it needs";
            default -> "see Slack's documentation for the error \"" + error + "\"";
        };
    }

    private void sleep(Duration wait) {
        lock.lock();
        try {
            if (!woken && running) {
                wake.await(Math.max(1, wait.toMillis()), TimeUnit.MILLISECONDS);
            }
            woken = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static java.util.concurrent.ThreadFactory named(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(false);
            return thread;
        };
    }
}
