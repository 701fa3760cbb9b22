package dev.handshake.slack;

import dev.handshake.db.Dialect;
import dev.handshake.db.JoinedClaim;
import dev.handshake.db.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys of Slack requests already handled (table {@code slack_requests}), so that a repeated request has no
 * second effect. On SQLite (one process) a key is claimed in memory, checked against the table with one indexed
 * read, and its row is queued on the group-commit writer without waiting (keys claimed meanwhile share one insert):
 * it is committed in the same batch as, or before, any write the request itself queues after it. Many requests also
 * act outside the group commit (a Slack call, another store's write), so the replay guard lets a request act only
 * once its row is committed ({@link #claim}). A key whose row could not be stored is still refused by this process
 * until it expires. Among replicas sharing a database (PostgreSQL), a key is claimed by inserting its row before the
 * request is handled, so a request and its replay sent to two replicas have one effect: the second insert waits for
 * the first to commit and then finds the key taken. When the stored keys cannot be read or the key's row cannot be
 * inserted there, whether a request is a repeat is unknown: {@link ReplayStatusUnknownException}, never "new".
 * Thread-safe.
 */
public final class SeenRequests {

    private static final Logger log = LoggerFactory.getLogger(SeenRequests.class);
    static final Duration PRUNE_EVERY = Duration.ofMinutes(1);
    private static final Duration WARN_EVERY = Duration.ofMinutes(1);

    private final Jdbi jdbi;
    private final Transactions writes;
    private final boolean shared;
    private final Clock clock;
    /** Keys claimed whose row is not (yet) known to be committed, with when they expire (epoch millis). */
    private final Map<String, Long> unstored = new ConcurrentHashMap<>();
    /** Keys forgotten whose rows' deletion is not committed yet, with how many deletions are pending. */
    private final Map<String, Integer> deleting = new ConcurrentHashMap<>();
    /** Keys claimed whose rows are to be inserted by the next job of the group commit. */
    private final Queue<Key> toStore = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean storeScheduled = new AtomicBoolean();
    private final AtomicLong nextPrune = new AtomicLong();
    private final AtomicLong lastWarning = new AtomicLong(Long.MIN_VALUE / 2);

    /** A claimed key, when it was seen and when it expires (epoch millis). */
    private record Key(String value, long seenAt, long expiresAt, CompletableFuture<Void> stored) {}

    /** {@code writes} is the app's transaction runner (on SQLite its group commit, whose order this relies on). */
    public SeenRequests(Jdbi jdbi, Transactions writes, Clock clock) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi == null");
        this.writes = Objects.requireNonNull(writes, "writes == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
        this.shared = Dialect.of(jdbi).sharedByReplicas();
    }

    /**
     * True the first time {@code key} is offered, false for every repeat until {@code keepFor} has passed; from then
     * on the key counts as new again. Does not wait for the key's row (see {@link #claim}).
     *
     * @throws ReplayStatusUnknownException when the stored keys cannot be read
     */
    public boolean firstTime(String key, Duration keepFor) {
        return claim(key, keepFor).isPresent();
    }

    /**
     * Empty when {@code key} was seen within its {@code keepFor}; otherwise claims it and returns a future that
     * completes once its row is committed (or with what failed). A caller whose request acts outside the group
     * commit waits for it first, so that a crash can never leave the effect without the key.
     *
     * @throws ReplayStatusUnknownException when the stored keys cannot be read: whether this is a repeat is then
     *     unknown, and the request must have no effect
     */
    public Optional<CompletableFuture<Void>> claim(String key, Duration keepFor) {
        Objects.requireNonNull(key, "key == null");
        long now = clock.millis();
        long expiresAt = now + keepFor.toMillis();
        if (shared) {
            pruneNowAndThen(now);
            return claimRow(key, now, expiresAt);
        }
        // The claim in memory refuses a twin that arrives before this key's row is committed.
        Long claimed = unstored.putIfAbsent(key, expiresAt);
        if (claimed != null) {
            if (claimed > now) {
                return Optional.empty();
            }
            if (!unstored.replace(key, claimed, expiresAt)) {
                return Optional.empty();
            }
        }
        boolean stored;
        try {
            stored = !deleting.containsKey(key) && stored(key, now);
        } catch (RuntimeException e) {
            unstored.remove(key, expiresAt);
            throw new ReplayStatusUnknownException("cannot read the keys of Slack requests already handled: "
                    + e.getMessage(), e);
        }
        if (stored) {
            unstored.remove(key, expiresAt);
            return Optional.empty();
        }
        Key claim = new Key(key, now, expiresAt, new CompletableFuture<>());
        toStore.add(claim);
        if (storeScheduled.compareAndSet(false, true)) {
            scheduleStore();
        }
        pruneNowAndThen(now);
        return Optional.of(claim.stored());
    }

    /** Whether keys are claimed in a database shared by replicas (PostgreSQL), where {@link #join} applies. */
    boolean shared() {
        return shared;
    }

    /**
     * On a database shared by replicas: claims {@code key} in the request's own write transactions instead of one of
     * its own. Until one of them commits, each first inserts the key's row (or takes over an expired one); when a
     * live row has it, the transaction fails with {@link RepeatedRequestException} and stores nothing, and so does
     * every later one of the request. For requests whose every effect is in those transactions; closed when the
     * request is done.
     */
    Joined join(String key, Duration keepFor) {
        if (!shared) {
            throw new IllegalStateException("keys are claimed in the request's transactions only among replicas");
        }
        long now = clock.millis();
        pruneNowAndThen(now);
        return new Joined(key, now, now + keepFor.toMillis());
    }

    /** A key claimed in the transactions of the request on this thread ({@link #join}). */
    static final class Joined implements AutoCloseable {
        private final JoinedClaim claim;
        private volatile boolean repeated;

        private Joined(String key, long seenAt, long expiresAt) {
            this.claim = JoinedClaim.open(handle -> {
                if (repeated || !claimRowIn(handle, key, seenAt, expiresAt)) {
                    repeated = true;
                    throw new RepeatedRequestException();
                }
            });
        }

        /** Whether a transaction of the request committed with the key: the request is remembered. */
        boolean stored() {
            return claim.committed();
        }

        /** Whether the key was found taken: the request is a repeat, and none of its transactions stored anything. */
        boolean repeated() {
            return repeated;
        }

        @Override
        public void close() {
            claim.close();
        }
    }

    /**
     * Forgets {@code key}, for a request that failed without effect, so that Slack's retry of it is handled. The
     * row's deletion is queued after its insertion.
     */
    public void forget(String key) {
        if (shared) {
            try {
                writes.useTransaction(handle -> handle.createUpdate("DELETE FROM slack_requests WHERE key = :key")
                        .bind("key", key).execute());
            } catch (RuntimeException e) {
                log.warn("Cannot forget a failed Slack request's key: {}", e.getMessage());
            }
            return;
        }
        unstored.remove(key);
        // Until the deletion is committed, the row it deletes must not make Slack's retry look like a repeat.
        deleting.merge(key, 1, Integer::sum);
        writes.submit(handle -> handle.createUpdate("DELETE FROM slack_requests WHERE key = :key")
                        .bind("key", key).execute())
                .whenComplete((rows, error) -> {
                    deleting.computeIfPresent(key, (k, pending) -> pending == 1 ? null : pending - 1);
                    if (error != null) {
                        log.warn("Cannot forget a failed Slack request's key: {}", error.getMessage());
                    }
                });
    }

    private void scheduleStore() {
        List<Key> taken = new ArrayList<>();
        AtomicBoolean ran = new AtomicBoolean();
        writes.submit(handle -> {
            ran.set(true);
            storeQueued(handle, taken);
            return null;
        }).whenComplete((nothing, error) -> afterStoring(taken, ran.get(), error));
    }

    /**
     * Inserts the key's row, or takes over an expired one, committed before this returns: empty when a live row has
     * it (another replica's, too).
     */
    private Optional<CompletableFuture<Void>> claimRow(String key, long now, long expiresAt) {
        boolean inserted;
        try {
            inserted = writes.inTransaction(handle -> claimRowIn(handle, key, now, expiresAt));
        } catch (RuntimeException e) {
            // As on SQLite when the keys cannot be read: whether this is a repeat is unknown, so it has no effect.
            throw new ReplayStatusUnknownException("cannot claim the key of a Slack request: " + e.getMessage(), e);
        }
        return inserted ? Optional.of(CompletableFuture.completedFuture(null)) : Optional.empty();
    }

    /** Inserts the key's row or takes over an expired one, in the caller's transaction: false if a live row has it. */
    private static boolean claimRowIn(Handle handle, String key, long now, long expiresAt) {
        return handle.createQuery("""
                        INSERT INTO slack_requests (key, seen_at, expires_at) VALUES (:key, :seen, :expires)
                        ON CONFLICT (key) DO UPDATE SET seen_at = excluded.seen_at, expires_at = excluded.expires_at
                        WHERE slack_requests.expires_at <= excluded.seen_at
                        RETURNING 1""")
                .bind("key", key).bind("seen", now).bind("expires", expiresAt)
                .mapTo(Integer.class).findOne().isPresent();
    }

    /**
     * Stores every key queued so far, in one transaction of the group commit however many there are. A key queued
     * while this job waits in the writer's queue is taken by it; one queued once it has started gets a job of its
     * own, queued then: either way before anything its request queues after claiming it.
     */
    private void storeQueued(Handle handle, List<Key> keys) {
        storeScheduled.set(false);
        for (Key key = toStore.poll(); key != null; key = toStore.poll()) {
            keys.add(key);
        }
        if (keys.isEmpty()) {
            return;
        }
        PreparedBatch insert = handle.prepareBatch("""
                INSERT INTO slack_requests (key, seen_at, expires_at) VALUES (:key, :seen, :expires)
                ON CONFLICT (key) DO UPDATE SET seen_at = excluded.seen_at, expires_at = excluded.expires_at""");
        for (Key key : keys) {
            insert.bind("key", key.value()).bind("seen", key.seenAt()).bind("expires", key.expiresAt()).add();
        }
        insert.execute();
    }

    /** {@code taken}: the keys the job took (it ran when {@code ran}); completes their futures. */
    private void afterStoring(List<Key> taken, boolean ran, Throwable error) {
        if (error == null) {
            taken.forEach(key -> {
                unstored.remove(key.value(), key.expiresAt());
                key.stored().complete(null);
            });
            return;
        }
        // Keys still queued go with the next job; those this one took stay refused from memory until they expire.
        storeScheduled.set(false);
        taken.forEach(key -> key.stored().completeExceptionally(error));
        if (!ran) {
            // The job was never queued, and no other job was scheduled meanwhile: the keys waiting for it fail now.
            for (Key key = toStore.poll(); key != null; key = toStore.poll()) {
                key.stored().completeExceptionally(error);
            }
        }
        long now = clock.millis();
        long last = lastWarning.get();
        if (now - last >= WARN_EVERY.toMillis() && lastWarning.compareAndSet(last, now)) {
            log.warn("Cannot store Slack request keys ({}); repeats are refused by this process only until it is "
                    + "stored again", error.getMessage());
        }
    }

    /** How many keys are refused from memory alone because their rows are not (yet) stored; for tests. */
    int unstoredCount() {
        return unstored.size();
    }

    private boolean stored(String key, long now) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT 1 FROM slack_requests WHERE key = :key AND expires_at > :now")
                .bind("key", key).bind("now", now).mapTo(Integer.class).findOne().isPresent());
    }

    private void pruneNowAndThen(long now) {
        long due = nextPrune.get();
        if (now < due || !nextPrune.compareAndSet(due, now + PRUNE_EVERY.toMillis())) {
            return;
        }
        unstored.values().removeIf(expiresAt -> expiresAt <= now);
        writes.submit(handle -> handle.createUpdate("DELETE FROM slack_requests WHERE expires_at <= :now")
                        .bind("now", now).execute())
                .whenComplete((rows, error) -> {
                    if (error != null) {
                        log.warn("Cannot delete expired Slack request keys: {}", error.getMessage());
                    } else if (rows > 0) {
                        log.debug("Deleted {} expired Slack request keys", rows);
                    }
                });
    }
}
