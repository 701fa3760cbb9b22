package dev.handshake.outbox;

import dev.handshake.db.Busy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what the outbox holds, after the change that owes it was committed. Each lane is sent in order, one item at
 * a time; a handler's {@link OutboxHandler#pace()} spaces a lane's items, counted from the end of the previous call;
 * a rate limit waits for its {@code Retry-After}; transient failures back off with jitter and are given up after
 * {@link OutboxHandler#giveUpAfter()}; permanent ones are recorded, reported once with their fix and shown on the
 * health page; while a transport refuses the app's credentials its items wait (others go on). Survives restarts
 * because its queue is the database. Owns one dispatcher thread and a pool of senders. Thread-safe.
 */
public final class Dispatcher implements AutoCloseable {

    static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    static final Duration IDLE_POLL = Duration.ofSeconds(1);
    static final Duration MIN_PASS_GAP = Duration.ofMillis(50);
    static final Duration DATABASE_BUSY_RETRY = Duration.ofSeconds(1);
    /** How often done and failed items past their kind's retention are deleted; the first time a minute in. */
    static final Duration PRUNE_EVERY = Duration.ofMinutes(10);
    private static final int PRUNE_BATCH = 500;
    private static final int PRUNE_BATCHES_PER_RUN = 100;
    /** How often a replica sharing the database says it is alive. */
    static final Duration HEARTBEAT = Duration.ofSeconds(5);
    private static final int HEADS_PER_PASS = 100;
    /** How often a replica on PostgreSQL checks whether the outbox needs a vacuum. */
    static final Duration VACUUM_CHECK = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final OutboxStore store;
    private final Map<String, OutboxHandler> handlers;
    private final Map<String, Transport> transports;
    private final Clock clock;
    private final int senderThreads;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wakeUp = lock.newCondition();
    private final Set<String> busyLanes = ConcurrentHashMap.newKeySet();
    private final Map<String, Instant> laneOpensAt = new ConcurrentHashMap<>();
    /** When (System.nanoTime) each lane's last send ended, its outcome recorded or not. */
    private final Map<String, Long> laneFinishedAt = new ConcurrentHashMap<>();
    private final Map<String, Instant> pausedUntil = new ConcurrentHashMap<>();
    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    private ExecutorService senders;
    /** On PostgreSQL: vacuums the outbox once enough items finished ({@link OutboxStore#vacuumIfDue()}). */
    private ScheduledExecutorService vacuum;
    /** Transports that send on threads of their own ({@link Transport#senders()}), by name. */
    private final Map<String, ExecutorService> ownSenders = new ConcurrentHashMap<>();
    private Instant nextPrune;
    private Thread thread;
    private volatile boolean running;
    private boolean woken;

    Dispatcher(OutboxStore store, Map<String, OutboxHandler> handlers, Map<String, Transport> transports, Clock clock,
            int senderThreads) {
        this.store = Objects.requireNonNull(store, "store == null");
        this.handlers = handlers;
        this.transports = transports;
        this.clock = Objects.requireNonNull(clock, "clock == null");
        this.senderThreads = senderThreads;
    }

    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        running = true;
        nextPrune = clock.instant().plus(Duration.ofMinutes(1));
        senders = Executors.newFixedThreadPool(senderThreads, named("outbox-sender"));
        transports.values().stream().filter(t -> t.senders() > 0).forEach(t -> ownSenders.put(t.name(),
                Executors.newFixedThreadPool(t.senders(), named("outbox-" + t.name()))));
        if (store.leased()) {
            vacuum = Executors.newSingleThreadScheduledExecutor(named("outbox-vacuum"));
            vacuum.scheduleWithFixedDelay(this::vacuumIfDue, VACUUM_CHECK.toMillis(), VACUUM_CHECK.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        thread = named("outbox-dispatcher").newThread(this::dispatchLoop);
        thread.start();
    }

    private void vacuumIfDue() {
        try {
            store.vacuumIfDue();
        } catch (RuntimeException e) {
            log.debug("Vacuuming the outbox failed; the next check tries again: {}", e.getMessage());
        }
    }

    /** Tells the dispatcher that something new is owed, so it does not wait for its next poll. */
    public void wake() {
        lock.lock();
        try {
            woken = true;
            wakeUp.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops taking new items and waits for the calls under way (15 s at most); what is left stays owed. Among
     * replicas, this one's lanes are then given up, so the others take them without waiting for the lease to run out.
     */
    @Override
    public synchronized void close() {
        if (thread == null) {
            return;
        }
        running = false;
        wake();
        if (vacuum != null) {
            vacuum.shutdownNow();
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
            senders.shutdown();
            ownSenders.values().forEach(ExecutorService::shutdown);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            boolean finished = true;
            for (ExecutorService pool : allSenders()) {
                if (!pool.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    pool.shutdownNow();
                    finished = false;
                }
            }
            if (finished) {
                release();
            }
        } catch (InterruptedException e) {
            allSenders().forEach(ExecutorService::shutdownNow);
            Thread.currentThread().interrupt();
        }
    }

    private List<ExecutorService> allSenders() {
        List<ExecutorService> all = new java.util.ArrayList<>(ownSenders.values());
        all.add(0, senders);
        return all;
    }

    /** Lanes with a call under way now, for the health page. */
    public Set<String> busyLanes() {
        return Set.copyOf(busyLanes);
    }

    private void release() {
        try {
            store.release();
        } catch (RuntimeException e) {
            log.warn("Could not give up this replica's outbox lanes; the others take them when the lease runs out: {}",
                    e.getMessage());
        }
    }

    private void dispatchLoop() {
        long lastPass = 0;
        long nextOpening = Long.MAX_VALUE;
        long lastHeartbeat = System.nanoTime() - HEARTBEAT.toNanos();
        while (running) {
            if (System.nanoTime() - lastHeartbeat >= HEARTBEAT.toNanos()) {
                lastHeartbeat = System.nanoTime();
                heartbeat();
            }
            // Every commit that owes an item wakes the dispatcher; under a stream of them, passes (each scanning the
            // lane heads) would run back to back and take CPU from requests. One pass per gap is enough: 50 ms is
            // unnoticeable in Slack, and at 10 ms the passes took ~6 % of a core during a burst of intake. A lane
            // known to open sooner is not held back by the gap, though: a rep's direct messages going out a second
            // apart would otherwise each start up to 50 ms late, and the lateness adds up over a busy lane.
            long now = System.nanoTime();
            long sinceLast = now - lastPass;
            if (sinceLast < MIN_PASS_GAP.toNanos()) {
                pause(Math.max(0, Math.min(MIN_PASS_GAP.toNanos() - sinceLast, nextOpening - now)));
            }
            lastPass = System.nanoTime();
            Duration wait = IDLE_POLL;
            try {
                wait = dispatchDue();
                if (!clock.instant().isBefore(nextPrune)) {
                    nextPrune = clock.instant().plus(PRUNE_EVERY);
                    prune(clock.instant());
                }
            } catch (RuntimeException e) {
                log.warn("Outbox dispatch failed, retrying shortly: {}", e.getMessage());
            }
            nextOpening = wait.compareTo(IDLE_POLL) < 0 ? lastPass + wait.toNanos() : Long.MAX_VALUE;
            sleep(wait);
        }
    }

    private void heartbeat() {
        try {
            store.heartbeat();
        } catch (RuntimeException e) {
            log.debug("Replica heartbeat failed: {}", e.getMessage());
        }
    }

    /** Hands every due lane head to a sender; returns how long to wait before the next pass. */
    Duration dispatchDue() {
        Instant now = clock.instant();
        Duration wait = IDLE_POLL;
        long claimed = System.nanoTime();
        for (OutboxItem item : store.claimDue(now, HEADS_PER_PASS)) {
            Long finished = laneFinishedAt.get(item.lane());
            if (finished != null && finished - claimed >= 0) {
                // The lane's previous send ended after this claim began reading: the head read may be the item that
                // send just finished. The next pass (that send's end woke it) reads the lane afresh.
                continue;
            }
            Instant opens = laneOpensAt.getOrDefault(item.lane(), Instant.MIN);
            OutboxHandler handler = handlers.get(item.kind());
            Instant resumes = handler == null ? Instant.MIN : pausedUntil.getOrDefault(handler.transport(), Instant.MIN);
            Instant ready = opens.isAfter(resumes) ? opens : resumes;
            if (now.isBefore(ready)) {
                wait = min(wait, Duration.between(now, ready));
                continue;
            }
            if (busyLanes.add(item.lane())) {
                ExecutorService own = handler == null ? null : ownSenders.get(handler.transport());
                (own != null ? own : senders).execute(() -> send(item));
            }
        }
        Optional<Instant> nextDue = store.nextDue();
        if (nextDue.isPresent() && nextDue.get().isAfter(now)) {
            wait = min(wait, Duration.between(now, nextDue.get()));
        }
        return wait;
    }

    /**
     * Deletes the done and failed items older than their handler's {@link OutboxHandler#keepFor()} (an item without
     * a handler: {@link Outbox#KEEP_FOR}), a batch at a time so that the writer is never held long; returns how many.
     */
    int prune(Instant now) {
        Map<String, Instant> cutoffs = new java.util.HashMap<>();
        handlers.forEach((kind, handler) -> cutoffs.put(kind, handler.keepFor().equals(Outbox.FOREVER)
                ? Instant.EPOCH : now.minus(handler.keepFor())));
        Instant otherwise = now.minus(Outbox.KEEP_FOR);
        int pruned = 0;
        for (int batch = 0; batch < PRUNE_BATCHES_PER_RUN; batch++) {
            int deleted = store.prune(cutoffs, otherwise, PRUNE_BATCH);
            pruned += deleted;
            if (deleted < PRUNE_BATCH) {
                break;
            }
        }
        if (pruned > 0) {
            log.info("Deleted {} outbox items done or failed longer ago than their kind keeps them", pruned);
        }
        return pruned;
    }

    /** Sends one item and records the outcome; for the senders (and tests, on their own thread). */
    void send(OutboxItem item) {
        OutboxHandler handler = handlers.get(item.kind());
        Instant[] callEnded = {null};
        try {
            if (handler == null) {
                log.error("No handler for outbox items of kind {} (item {}); recorded as failed", item.kind(),
                        item.id());
                store.failed(item, "no handler for kind " + item.kind(), clock.instant(), null);
                return;
            }
            attempt(item, handler, callEnded);
        } catch (RuntimeException e) {
            // Recording the outcome failed (the database); the item is still pending and is taken again.
            log.warn("Outbox item {} ({}): {}", item.id(), item.kind(), e.getMessage());
        } finally {
            Duration pace = handler == null ? Duration.ZERO : handler.pace();
            if (!pace.isZero()) {
                // Counted from the end of this call, not its start: Slack sees a post when it arrives, and a slow
                // post followed by a quick one would otherwise arrive less than a second apart. Not from the end
                // of recording it, though: a lane that waited for each commit too would fall behind Slack's pace.
                Instant ended = callEnded[0] != null ? callEnded[0] : clock.instant();
                laneOpensAt.merge(item.lane(), ended.plus(pace), Dispatcher::later);
                paceAcrossReplicas(item.lane(), pace);
            }
            laneFinishedAt.put(item.lane(), System.nanoTime());
            busyLanes.remove(item.lane());
            wake();
        }
    }

    /** Among replicas, the lane's pace is kept in the database too, for whichever replica holds the lane next. */
    private void paceAcrossReplicas(String lane, Duration pace) {
        if (!store.leased()) {
            return;
        }
        try {
            store.paced(lane, pace);
        } catch (RuntimeException e) {
            // The lane stays with this replica under its lease for longer than the pace, which this replica keeps.
            log.debug("Could not record the pace of lane {}: {}", lane, e.getMessage());
        }
    }

    private void attempt(OutboxItem item, OutboxHandler handler, Instant[] callEnded) {
        Instant started = clock.instant();
        List<Long> covered = handler.coalesces() ? store.coveredBy(item) : List.of();
        Sent sent;
        try {
            sent = handler.send(item);
        } catch (RuntimeException e) {
            callEnded[0] = clock.instant();
            failed(item, handler, e);
            return;
        }
        callEnded[0] = clock.instant();
        try {
            if (sent instanceof Sent.Done finished) {
                store.done(item, clock.instant(), finished.result(), covered);
            } else if (sent instanceof Sent.Later later) {
                store.retryLater(item, clock.instant().plus(later.delay()), later.why());
            } else if (sent instanceof Sent.GaveUp gaveUp) {
                store.failed(item, gaveUp.why(), clock.instant(), handler);
            }
        } catch (RuntimeException e) {
            // The call was made; only recording it failed. Trying it again may repeat it, which is better than
            // losing it (the same holds for a crash at this point).
            log.warn("Could not record outbox item {} ({}) as sent after {} ms; it will be tried again: {}",
                    item.id(), item.kind(), Duration.between(started, clock.instant()).toMillis(), e.getMessage());
            retryQuietly(item, clock.instant().plus(DATABASE_BUSY_RETRY), "could not record the result");
        }
    }

    private void failed(OutboxItem item, OutboxHandler handler, RuntimeException e) {
        Instant now = clock.instant();
        if (Busy.isBusy(e)) {
            retryQuietly(item, now.plus(DATABASE_BUSY_RETRY), "database busy");
            return;
        }
        Transport transport = transports.get(handler.transport());
        Optional<Failure> classified = transport == null ? Optional.empty() : transport.classify(e);
        if (classified.isEmpty()) {
            log.error("Outbox item {} ({}) failed unexpectedly; retrying with backoff", item.id(), item.kind(), e);
            backOff(item, handler, "internal: " + e.getClass().getSimpleName());
            return;
        }
        Failure failure = classified.get();
        switch (failure.kind()) {
            case RETRY_AFTER -> {
                Instant next = now.plus(failure.retryAfter());
                laneOpensAt.merge(item.lane(), next, Dispatcher::later);
                retryQuietly(item, next, failure.message());
                log.info("{} rate-limited {} in lane {}; retrying after {} s", transport.name(), item.kind(),
                        item.lane(), failure.retryAfter().toSeconds());
            }
            case TRANSIENT -> backOff(item, handler, failure.message());
            case UNAUTHORIZED -> {
                Instant resume = failure.resumeAt().isAfter(now) ? failure.resumeAt() : now.plus(IDLE_POLL);
                pausedUntil.merge(handler.transport(), resume, Dispatcher::later);
                retryQuietly(item, resume, failure.message());
                if (reported.add(handler.transport() + ":auth:" + failure.code())) {
                    log.error("{} refused the app's credentials ({}). Its deliveries are paused and nothing is lost; "
                            + "the app tries again from time to time. Fix: {}", transport.name(), failure.code(),
                            failure.fix());
                }
            }
            case PERMANENT -> {
                store.failed(item, failure.message(), now, handler);
                transport.gaveUp(failure);
                if (reported.add(handler.transport() + ":" + failure.where() + ":" + failure.code())) {
                    log.error("{} refused {} to {} ({}). Fix: {}", transport.name(), item.kind(), failure.where(),
                            failure.code(), failure.fix());
                }
            }
        }
    }

    /** Retries with jittered exponential backoff (1 s doubling, at most 5 min), or gives up once it is too old. */
    private void backOff(OutboxItem item, OutboxHandler handler, String error) {
        Instant now = clock.instant();
        if (Duration.between(item.createdAt(), now).compareTo(handler.giveUpAfter()) > 0) {
            Duration limit = handler.giveUpAfter();
            String after = limit.toMinutes() % 60 == 0 ? limit.toHours() + " h" : limit.toMinutes() + " min";
            store.failed(item, "gave up after " + after + ": " + error, now, handler);
            return;
        }
        long capped = Math.min(MAX_BACKOFF.toMillis(), 1000L << Math.min(item.attempts(), 16));
        long jittered = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
        retryQuietly(item, now.plusMillis(jittered), error);
    }

    private void retryQuietly(OutboxItem item, Instant next, String error) {
        try {
            store.retryLater(item, next, error);
        } catch (RuntimeException e) {
            // The item stays due as it was; the next pass takes it again.
            log.warn("Could not record the retry of outbox item {}: {}", item.id(), e.getMessage());
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

    private void sleep(Duration wait) {
        lock.lock();
        try {
            if (!woken && running) {
                wakeUp.await(Math.max(1, wait.toMillis()), TimeUnit.MILLISECONDS);
            }
            woken = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static ThreadFactory named(String name) {
        return runnable -> new Thread(runnable, name);
    }
}
