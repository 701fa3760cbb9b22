package dev.handshake.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LockWait} bounds, per thread, how long writes wait for another process's lock: through the group-commit
 * writer (the transaction is dropped, never run) and on a pooled connection (its busy timeout), on a real SQLite file
 * locked by a second connection as another process would lock it.
 */
class LockWaitTest {

    /** Well under the five-second busy timeout, so a wait that ignored the limit would show. */
    private static final Duration LIMIT = Duration.ofMillis(300);
    private static final long UNDER_THE_BUSY_TIMEOUT_MS = Database.BUSY_TIMEOUT_MILLIS - 1000;

    @TempDir
    Path dir;

    private String url;
    private Database database;
    private GroupCommit writes;

    @BeforeEach
    void open() {
        url = "jdbc:sqlite:" + dir.resolve("lock.db");
        database = Database.open(url);
        writes = new GroupCommit(database.jdbi(), 16, 64, database.lockWait()).start();
    }

    @AfterEach
    void close() {
        writes.close();
    }

    private static void insert(Handle handle, String externalId) {
        handle.execute("""
                INSERT INTO handoffs (external_id, body_sha256, stage, lead_name, received_at, due_at,
                    agreement_version)
                VALUES (?, 'sha', 'mql', 'Dana', 1, 2, 'v1')""", externalId);
    }

    private long count(String externalId) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM handoffs WHERE external_id = ?")
                .bind(0, externalId).mapTo(Long.class).one());
    }

    /** Another process's write lock, as {@code BEGIN EXCLUSIVE} in a second connection takes it. */
    private Connection lockTheDatabase() throws SQLException {
        Connection holder = DriverManager.getConnection(url);
        try (Statement statement = holder.createStatement()) {
            statement.execute("BEGIN EXCLUSIVE");
        }
        return holder;
    }

    private static void release(Connection holder) throws SQLException {
        try (holder; Statement statement = holder.createStatement()) {
            statement.execute("ROLLBACK");
        }
    }

    @Test
    void aGroupCommitWriteGivesUpAtTheLimitAndIsNeverStoredLater() throws Exception {
        Connection holder = lockTheDatabase();
        long started = System.nanoTime();
        Throwable error = catchThrowable(() -> database.lockWait().atMost(LIMIT,
                () -> writes.inTransaction(h -> {
                    insert(h, "gave-up");
                    return null;
                })));
        long waitedMs = Duration.ofNanos(System.nanoTime() - started).toMillis();
        release(holder);

        assertThat(error).isInstanceOf(LockWaitExceededException.class);
        assertThat(Busy.isBusy(error)).isTrue();
        assertThat(waitedMs).as("waited %d ms", waitedMs).isLessThan(UNDER_THE_BUSY_TIMEOUT_MS);
        // The writer got the lock after the release; a write queued now commits after the dropped one would have.
        writes.useTransaction(h -> insert(h, "after"));
        assertThat(count("after")).isEqualTo(1);
        assertThat(count("gave-up")).isZero();
    }

    @Test
    void withoutALimitAGroupCommitWriteStillWaitsForTheLockWithinTheBusyTimeout() throws Exception {
        Connection holder = lockTheDatabase();
        Thread releaser = new Thread(() -> {
            try {
                Thread.sleep(LIMIT.multipliedBy(2).toMillis());
                release(holder);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        releaser.start();

        writes.useTransaction(h -> insert(h, "waited"));

        releaser.join();
        assertThat(count("waited")).isEqualTo(1);
    }

    @Test
    void aWriteOnAPooledConnectionGivesUpAtTheLimitAndTheConnectionGetsTheBusyTimeoutBack() throws Exception {
        Connection holder = lockTheDatabase();
        long started = System.nanoTime();
        Throwable error = catchThrowable(() -> database.lockWait().atMost(LIMIT,
                () -> database.jdbi().withHandle(h -> {
                    insert(h, "direct");
                    return null;
                })));
        long waitedMs = Duration.ofNanos(System.nanoTime() - started).toMillis();
        release(holder);

        assertThat(Busy.isBusy(error)).as("%s", error).isTrue();
        assertThat(waitedMs).as("waited %d ms", waitedMs).isLessThan(UNDER_THE_BUSY_TIMEOUT_MS);
        assertThat(count("direct")).isZero();
        int busyTimeout = database.jdbi().withHandle(h -> h.createQuery("PRAGMA busy_timeout")
                .mapTo(Integer.class).one());
        assertThat(busyTimeout).isEqualTo(Database.BUSY_TIMEOUT_MILLIS);
    }

    @Test
    void aConnectionOpenedUnderALimitWaitsAtMostWhatIsLeftOfIt() throws Exception {
        int inside = database.lockWait().atMost(LIMIT, () -> database.jdbi().withHandle(h -> h.createQuery(
                "PRAGMA busy_timeout").mapTo(Integer.class).one()));
        int outside = database.jdbi().withHandle(h -> h.createQuery("PRAGMA busy_timeout").mapTo(Integer.class).one());

        assertThat(inside).isBetween(0, (int) LIMIT.toMillis());
        assertThat(outside).isEqualTo(Database.BUSY_TIMEOUT_MILLIS);
    }

    @Test
    void aNestedLimitCannotExtendTheOuterOneAndEachEndsWithItsWork() throws Exception {
        LockWait lockWait = new LockWait();
        assertThat(lockWait.limited()).isFalse();
        assertThat(lockWait.remainingMillis()).isEqualTo(Long.MAX_VALUE);

        long[] seen = lockWait.atMost(Duration.ofMillis(200), () -> {
            long longerInside = lockWait.atMost(Duration.ofSeconds(60), lockWait::remainingMillis);
            long shorterInside = lockWait.atMost(Duration.ofMillis(50), lockWait::remainingMillis);
            return new long[] {longerInside, shorterInside, lockWait.remainingMillis()};
        });

        assertThat(seen[0]).isLessThanOrEqualTo(200);
        assertThat(seen[1]).isLessThanOrEqualTo(50);
        assertThat(seen[2]).isLessThanOrEqualTo(200);
        assertThat(lockWait.limited()).isFalse();
    }

    @Test
    void aLimitOnOneThreadDoesNotBoundAnother() throws Exception {
        LockWait lockWait = new LockWait();
        CompletableFuture<Boolean> otherThread = new CompletableFuture<>();

        lockWait.atMost(Duration.ofMillis(100), () -> {
            Thread other = new Thread(() -> otherThread.complete(lockWait.limited()));
            other.start();
            other.join();
            return null;
        });

        assertThat(otherThread.get()).isFalse();
    }

    @Test
    void aSubmittedWriteIsCommittedNoLaterThanAWriteQueuedAfterIt() throws Exception {
        CompletableFuture<Object> first = writes.submit(h -> {
            insert(h, "submitted");
            return null;
        });
        long seenByTheNextWrite = writes.inTransaction(h -> h.createQuery(
                "SELECT count(*) FROM handoffs WHERE external_id = 'submitted'").mapTo(Long.class).one());

        assertThat(seenByTheNextWrite).isEqualTo(1);
        assertThat(first).isCompleted();
        assertThat(count("submitted")).isEqualTo(1);
    }
}
