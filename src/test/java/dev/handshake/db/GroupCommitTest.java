package dev.handshake.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupCommitTest {

    @TempDir
    Path dir;
    private Jdbi jdbi;
    private GroupCommit writes;

    @BeforeEach
    void open() {
        jdbi = Database.open("jdbc:sqlite:" + dir.resolve("group.db")).jdbi();
        jdbi.useHandle(h -> h.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL)"));
        writes = new GroupCommit(jdbi, 128, 1024).start();
    }

    @AfterEach
    void close() {
        writes.close();
    }

    @Test
    void theCheckpointerCopiesTheLogIntoTheDatabaseFileWhileTheWriterOnlyAppends() throws Exception {
        Path file = dir.resolve("checkpointed.db");
        Jdbi checkpointed = Database.open("jdbc:sqlite:" + file).jdbi();
        checkpointed.useHandle(h -> h.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL)"));
        GroupCommit writer = new GroupCommit(checkpointed, 128, 1024).checkpointEvery(java.time.Duration.ofMillis(20))
                .start();
        try {
            String kilobyte = "x".repeat(1024);
            long longestLog = 0;
            // 12 MB of rows in 1,200 commits: far less than the log the writer lets grow before it copies it itself
            // (10,000 pages, 40 MB), so only the checkpointer can have put them into the database file.
            for (int i = 0; i < 1_200; i++) {
                int first = i * 10;
                writer.inTransaction(h -> {
                    for (int row = first; row < first + 10; row++) {
                        h.createUpdate("INSERT INTO t (id, name) VALUES (:id, :name)").bind("id", row)
                                .bind("name", kilobyte).execute();
                    }
                    return null;
                });
                longestLog = Math.max(longestLog, java.nio.file.Files.size(Path.of(file + "-wal")));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (java.nio.file.Files.size(file) < 11L << 20 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(java.nio.file.Files.size(file)).isGreaterThanOrEqualTo(11L << 20);
            assertThat(longestLog).isLessThan(44L << 20);
            int rows = checkpointed.withHandle(h -> h.createQuery("SELECT count(*) FROM t").mapTo(Integer.class).one());
            assertThat(rows).isEqualTo(12_000);
        } finally {
            writer.close();
        }
    }

    @Test
    void aFailingTransactionIsRolledBackAloneAndTheRestOfItsBatchIsCommitted() throws Exception {
        CountDownLatch writerHeld = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Integer> first = writes.submit(h -> {
            writerHeld.countDown();
            await(release);
            return h.execute("INSERT INTO t (id, name) VALUES (1, 'first')");
        });
        assertThat(writerHeld.await(10, TimeUnit.SECONDS)).isTrue();
        // Queued while the writer is busy, so the next batch takes all of them together.
        List<CompletableFuture<Integer>> batch = new ArrayList<>();
        batch.add(writes.submit(h -> h.execute("INSERT INTO t (id, name) VALUES (2, 'second')")));
        batch.add(writes.submit(h -> {
            h.execute("INSERT INTO t (id, name) VALUES (3, 'half-written')");
            return h.execute("INSERT INTO t (id, name) VALUES (2, 'duplicate key')");
        }));
        batch.add(writes.submit(h -> h.execute("INSERT INTO t (id, name) VALUES (4, 'fourth')")));
        release.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(batch.get(0).get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThatThrownBy(() -> batch.get(1).get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasMessageContaining("UNIQUE");
        assertThat(batch.get(2).get(10, TimeUnit.SECONDS)).isEqualTo(1);
        List<String> names = jdbi.withHandle(h -> h.createQuery("SELECT name FROM t ORDER BY id")
                .mapTo(String.class).list());
        assertThat(names).containsExactly("first", "second", "fourth");
    }

    @Test
    void everyCallerIsAnsweredOnlyWithItsOwnCommittedResult() throws Exception {
        List<Thread> callers = new ArrayList<>();
        List<Integer> answered = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 1; i <= 200; i++) {
            int id = i;
            Thread caller = new Thread(() -> answered.add(writes.inTransaction(h -> {
                h.execute("INSERT INTO t (id, name) VALUES (?, ?)", id, "n" + id);
                return id;
            })));
            callers.add(caller);
            caller.start();
        }
        for (Thread caller : callers) {
            caller.join(TimeUnit.SECONDS.toMillis(30));
        }
        assertThat(answered).hasSize(200).doesNotHaveDuplicates();
        int rows = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM t").mapTo(Integer.class).one());
        assertThat(rows).isEqualTo(200);
    }

    @Test
    void aCommitTakenByTheWriterButNotEndedInTimeIsReportedAsUnknownAndMayStillCommit() throws Exception {
        LockWait lockWait = new LockWait();
        GroupCommit slow = new GroupCommit(jdbi, 8, 16, lockWait, java.time.Duration.ofMillis(100)).start();
        try {
            CountDownLatch taken = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Throwable> answer = CompletableFuture.supplyAsync(() -> {
                try {
                    lockWait.atMost(java.time.Duration.ofMillis(300), () -> slow.inTransaction(h -> {
                        taken.countDown();
                        await(release); // a commit under way that takes longer than its caller may wait
                        return h.execute("INSERT INTO t (id, name) VALUES (7, 'late')");
                    }));
                    return null;
                } catch (RuntimeException e) {
                    return e;
                }
            });
            assertThat(taken.await(10, TimeUnit.SECONDS)).isTrue();

            assertThat(answer.get(10, TimeUnit.SECONDS)).isInstanceOf(OutcomeUnknownException.class)
                    .hasMessageContaining("may still be committed");
            release.countDown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            int rows = 0;
            while (rows == 0 && System.nanoTime() < deadline) {
                rows = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM t WHERE id = 7")
                        .mapTo(Integer.class).one());
                Thread.sleep(10);
            }
            assertThat(rows).as("the transaction its caller gave up on was committed").isEqualTo(1);
        } finally {
            slow.close();
        }
    }

    @Test
    void aTransactionThatNeverStartedInTimeIsDroppedAndReportedAsNotStored() throws Exception {
        LockWait lockWait = new LockWait();
        GroupCommit slow = new GroupCommit(jdbi, 1, 16, lockWait, java.time.Duration.ofMillis(100)).start();
        try {
            CountDownLatch writerHeld = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            slow.submit(h -> {
                writerHeld.countDown();
                await(release);
                return 0;
            });
            assertThat(writerHeld.await(10, TimeUnit.SECONDS)).isTrue();
            assertThatThrownBy(() -> lockWait.atMost(java.time.Duration.ofMillis(200), () -> slow.inTransaction(
                    h -> h.execute("INSERT INTO t (id, name) VALUES (8, 'never')"))))
                    .isInstanceOf(LockWaitExceededException.class).hasMessageContaining("nothing was stored");
            release.countDown();
            slow.submit(h -> 0).get(10, TimeUnit.SECONDS);
            int rows = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM t WHERE id = 8")
                    .mapTo(Integer.class).one());
            assertThat(rows).isZero();
        } finally {
            slow.close();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
