package dev.handshake.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handshake.db.Database;
import dev.handshake.db.GroupCommit;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SeenRequests} on a real SQLite file through the real group-commit writer. */
class SeenRequestsTest {

    private static final Duration KEEP = Duration.ofMinutes(11);
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final SettableClock clock = new SettableClock(Instant.parse("2026-11-28T10:00:00Z"));
    private Database database;
    private GroupCommit writes;
    private SeenRequests seen;

    @BeforeEach
    void open() {
        database = Database.open("jdbc:sqlite:" + dir.resolve("seen.db"));
        writes = new GroupCommit(database.jdbi(), 16, 64, database.lockWait()).start();
        seen = new SeenRequests(database.jdbi(), writes, clock);
    }

    @AfterEach
    void close() {
        writes.close();
    }

    private long rows(String sql) {
        return database.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    /** Waits until every key offered so far has its row committed. */
    private void awaitStored(SeenRequests requests) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (requests.unstoredCount() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(requests.unstoredCount()).as("keys not yet stored").isZero();
    }

    @Test
    void aKeyIsNewOnceAndARepeatAfterwards() throws Exception {
        assertThat(seen.firstTime("sig:v0=aaa", KEEP)).isTrue();
        assertThat(seen.firstTime("sig:v0=aaa", KEEP)).isFalse();
        awaitStored(seen);
        assertThat(seen.firstTime("sig:v0=aaa", KEEP)).isFalse();
        assertThat(seen.firstTime("sig:v0=bbb", KEEP)).isTrue();

        awaitStored(seen);
        assertThat(rows("SELECT count(*) FROM slack_requests")).isEqualTo(2);
        assertThat(rows("SELECT expires_at - seen_at FROM slack_requests WHERE key = 'sig:v0=aaa'"))
                .isEqualTo(KEEP.toMillis());
    }

    @Test
    void aKeyIsCommittedNoLaterThanAnyWriteItsRequestQueuesAfterClaimingIt() {
        for (int i = 0; i < 50; i++) {
            String key = "sig:v0=ordered-" + i;
            assertThat(seen.firstTime(key, KEEP)).isTrue();
            // The request's own write, e.g. a decision: by the time it runs, the key's row is in.
            long seenByTheWrite = writes.inTransaction(h -> h.createQuery(
                    "SELECT count(*) FROM slack_requests WHERE key = :key").bind("key", key).mapTo(Long.class).one());
            assertThat(seenByTheWrite).as(key).isEqualTo(1);
        }
    }

    @Test
    void aStoredKeyIsStillARepeatForTheNextProcess() throws Exception {
        assertThat(seen.firstTime("event:T1:Ev1", KEEP)).isTrue();
        awaitStored(seen);
        writes.close();

        try (GroupCommit restartedWrites = new GroupCommit(database.jdbi(), 16, 64).start()) {
            SeenRequests restarted = new SeenRequests(database.jdbi(), restartedWrites, clock);
            assertThat(restarted.firstTime("event:T1:Ev1", KEEP)).isFalse();
            assertThat(restarted.firstTime("event:T1:Ev2", KEEP)).isTrue();
        }
    }

    @Test
    void aKeyCountsAsNewAgainOnceItsTimeHasPassed() throws Exception {
        assertThat(seen.firstTime("sig:v0=old", KEEP)).isTrue();
        awaitStored(seen);

        clock.advance(KEEP.minusSeconds(1));
        assertThat(seen.firstTime("sig:v0=old", KEEP)).isFalse();
        clock.advance(Duration.ofSeconds(2));
        assertThat(seen.firstTime("sig:v0=old", KEEP)).isTrue();
    }

    @Test
    void expiredRowsAreDeletedWhileNewOnesStay() throws Exception {
        seen.firstTime("sig:v0=expires", Duration.ofMinutes(2));
        seen.firstTime("sig:v0=stays", Duration.ofHours(1));
        awaitStored(seen);

        clock.advance(Duration.ofMinutes(3));
        seen.firstTime("sig:v0=later", KEEP); // a minute after the last pruning: this one prunes
        awaitStored(seen);
        writes.inTransaction(h -> null); // the pruning was queued before this

        List<String> keys = database.jdbi().withHandle(h -> h.createQuery("SELECT key FROM slack_requests ORDER BY key")
                .mapTo(String.class).list());
        assertThat(keys).containsExactly("sig:v0=later", "sig:v0=stays");
    }

    @Test
    void aForgottenKeyIsNewAgain() throws Exception {
        assertThat(seen.firstTime("event:T1:EvFailed", KEEP)).isTrue();
        seen.forget("event:T1:EvFailed");
        writes.inTransaction(h -> null); // the deletion was queued before this

        assertThat(rows("SELECT count(*) FROM slack_requests")).isZero();
        assertThat(seen.firstTime("event:T1:EvFailed", KEEP)).isTrue();
    }

    @Test
    void ofManyIdenticalRequestsAtOnceExactlyOneIsNew() throws Exception {
        int twins = 32;
        ExecutorService pool = Executors.newFixedThreadPool(twins);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> answers = new ArrayList<>();
        for (int i = 0; i < twins; i++) {
            answers.add(pool.submit(() -> {
                go.await();
                return seen.firstTime("sig:v0=twin", KEEP);
            }));
        }
        go.countDown();
        int fresh = 0;
        for (Future<Boolean> answer : answers) {
            fresh += answer.get() ? 1 : 0;
        }
        pool.shutdown();

        assertThat(fresh).isEqualTo(1);
    }

    @Test
    void whileAnotherProcessHoldsTheWriteLockKeysAreCheckedWithoutWaitingAndRepeatsStillRefused() throws Exception {
        boolean first;
        boolean repeat;
        long tookMs;
        try (Connection holder = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("seen.db"));
                Statement statement = holder.createStatement()) {
            statement.execute("BEGIN EXCLUSIVE");
            long started = System.nanoTime();
            first = seen.firstTime("sig:v0=locked", KEEP);
            repeat = seen.firstTime("sig:v0=locked", KEEP);
            tookMs = Duration.ofNanos(System.nanoTime() - started).toMillis();
            statement.execute("ROLLBACK");
        }

        assertThat(first).isTrue();
        assertThat(repeat).isFalse();
        // The busy timeout is 5 s; these did not wait for the lock at all.
        assertThat(tookMs).as("took %d ms", tookMs).isLessThan(2000);
        // Once the lock is gone the key's row is stored after all (or kept in memory if its batch failed).
        assertThat(seen.firstTime("sig:v0=locked", KEEP)).isFalse();
    }

    /** A clock a test moves by hand. */
    private static final class SettableClock extends Clock {
        private volatile Instant now;

        SettableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
