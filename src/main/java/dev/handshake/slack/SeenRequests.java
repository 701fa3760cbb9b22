package dev.handshake.slack;

import dev.handshake.db.Dialect;
import dev.handshake.db.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
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
 * it is committed in the same batch as, or before, any write the request itself queues after it, and a Slack request
 * never waits for it (not even while another process holds the database's write lock). A key whose row could not be
 * stored is still refused by this process until it expires. Among replicas sharing a database (PostgreSQL), a key is
 * claimed by inserting its row before the request is handled, so a request and its replay sent to two replicas have
 * one effect: the second insert waits for the first to commit and then finds the key taken. Thread-safe.
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
    private record Key(String value, long seenAt, long expiresAt) {}

    /** {@code writes} is the app's transaction runner (on SQLite its group commit, whose order this relies on). */
    public SeenRequests(Jdbi jdbi, Transactions writes, Clock clock) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi == null");
        this.writes = Objects.requireNonNull(writes, "writes == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
        this.shared = Dialect.of(jdbi).sharedByReplicas();
    }

    /**
     * True the first time {@code key} is offered, false for every repeat until {@code keepFor} has passed; from then
     * on the key counts as new again.
     */
    public boolean firstTime(String key, Duration keepFor) {
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
                return false;
            }
            if (!unstored.replace(key, claimed, expiresAt)) {
                return false;
            }
        }
        if (!deleting.containsKey(key) && stored(key, now)) {
            unstored.remove(key, expiresAt);
            return false;
        }
        toStore.add(new Key(key, now, expiresAt));
        if (storeScheduled.compareAndSet(false, true)) {
            writes.submit(this::storeQueued).whenComplete(this::afterStoring);
        }
        pruneNowAndThen(now);
        return true;
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

    /** Inserts the key's row, or takes over an expired one; false when a live row has it (another replica's, too). */
    private boolean claimRow(String key, long now, long expiresAt) {
        try {
            return writes.inTransaction(handle -> handle.createQuery("""
                            INSERT INTO slack_requests (key, seen_at, expires_at) VALUES (:key, :seen, :expires)
                            ON CONFLICT (key) DO UPDATE SET seen_at = excluded.seen_at, expires_at = excluded.expires_at
                            WHERE slack_requests.expires_at <= excluded.seen_at
                            RETURNING 1""")
                    .bind("key", key).bind("seen", now).bind("expires", expiresAt)
                    .mapTo(Integer.class).findOne().isPresent());
        } catch (RuntimeException e) {
            // As on SQLite: refusing every Slack request because this check failed would be worse than missing a
            // replay; the request's own writes meet the same database and fail or not on their own.
            long last = lastWarning.get();
            if (now - last >= WARN_EVERY.toMillis() && lastWarning.compareAndSet(last, now)) {
                log.warn("Cannot store a Slack request key, handling the request: {}", e.getMessage());
            }
            return true;
        }
    }

    /**
     * Stores every key queued so far, in one transaction of the group commit however many there are. A key queued
     * while this job waits in the writer's queue is taken by it; one queued once it has started gets a job of its
     * own, queued then: either way before anything its request queues after claiming it.
     */
    private List<Key> storeQueued(Handle handle) {
        storeScheduled.set(false);
        List<Key> keys = new ArrayList<>();
        for (Key key = toStore.poll(); key != null; key = toStore.poll()) {
            keys.add(key);
        }
        if (keys.isEmpty()) {
            return keys;
        }
        PreparedBatch insert = handle.prepareBatch("""
                INSERT INTO slack_requests (key, seen_at, expires_at) VALUES (:key, :seen, :expires)
                ON CONFLICT (key) DO UPDATE SET seen_at = excluded.seen_at, expires_at = excluded.expires_at""");
        for (Key key : keys) {
            insert.bind("key", key.value()).bind("seen", key.seenAt()).bind("expires", key.expiresAt()).add();
        }
        insert.execute();
        return keys;
    }

    private void afterStoring(List<Key> keys, Throwable error) {
        if (error == null) {
            keys.forEach(key -> unstored.remove(key.value(), key.expiresAt()));
            return;
        }
        // Keys still queued go with the next job; those this one took stay refused from memory until they expire.
        storeScheduled.set(false);
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
        try {
            return jdbi.withHandle(handle -> handle.createQuery(
                            "SELECT 1 FROM slack_requests WHERE key = :key AND expires_at > :now")
                    .bind("key", key).bind("now", now).mapTo(Integer.class).findOne().isPresent());
        } catch (RuntimeException e) {
            // Refusing every Slack request because this check failed would be worse than missing a replay.
            log.warn("Cannot check a Slack request key, handling the request: {}", e.getMessage());
            return false;
        }
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
