package dev.handshake.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One writer thread that commits several callers' write transactions together: it takes every transaction waiting,
 * runs each in its own savepoint (a failing one is rolled back alone), commits once and only then answers each
 * caller. With {@code synchronous=FULL} a commit costs an fsync, so this trades one fsync per request for one per
 * batch while keeping "answered means durable". Also removes lock contention between the app's own writers.
 * A caller whose thread has a {@link LockWait} limit waits only that long for a transaction that has not started
 * (the writer may be waiting for another process's lock); the transaction is then dropped, never run, and the
 * caller gets a {@link LockWaitExceededException}. A transaction the writer took but that did not end in time may
 * still commit: its caller gets an {@link OutcomeUnknownException}, never "nothing was stored". Thread-safe.
 */
public final class GroupCommit implements Transactions, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);
    private static final long WAIT_FOR_COMMIT_SECONDS = 30;
    /** How much longer than its limit a caller waits for a transaction the writer has taken (a commit takes ms). */
    static final Duration TAKEN_GRACE = Duration.ofMillis(500);

    private record Job<T>(HandleCallback<T, RuntimeException> work, CompletableFuture<T> result, AtomicBoolean taken) {
        Job(HandleCallback<T, RuntimeException> work) {
            this(work, new CompletableFuture<>(), new AtomicBoolean());
        }

        /** Only one of the writer (to run it) and its caller (to give up on it) takes a job; false if already taken. */
        boolean take() {
            return taken.compareAndSet(false, true);
        }

        void runIn(Handle handle, List<Runnable> onCommit) {
            if (!take()) {
                return; // its caller gave up waiting: it must not be stored
            }
            T value;
            try {
                value = work.withHandle(handle);
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
                throw e;
            }
            onCommit.add(() -> result.complete(value));
        }
    }

    private final Jdbi jdbi;
    private final LockWait lockWait;
    private final int maxBatch;
    private final Duration takenGrace;
    private final BlockingQueue<Job<?>> queue;
    private Thread writer;
    private Thread checkpointer;
    private Duration checkpointEvery;
    private volatile boolean running;

    public GroupCommit(Jdbi jdbi, int maxBatch, int queueCapacity) {
        this(jdbi, maxBatch, queueCapacity, new LockWait());
    }

    /** {@code lockWait} bounds how long a caller waits for its transaction to start (see the class comment). */
    public GroupCommit(Jdbi jdbi, int maxBatch, int queueCapacity, LockWait lockWait) {
        this(jdbi, maxBatch, queueCapacity, lockWait, TAKEN_GRACE);
    }

    /**
     * As above; a caller with a {@link LockWait} limit whose transaction the writer took just before the limit
     * passed waits {@code takenGrace} more for its end, then gets an {@link OutcomeUnknownException}.
     */
    public GroupCommit(Jdbi jdbi, int maxBatch, int queueCapacity, LockWait lockWait, Duration takenGrace) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi == null");
        this.lockWait = Objects.requireNonNull(lockWait, "lockWait == null");
        this.takenGrace = Objects.requireNonNull(takenGrace, "takenGrace == null");
        this.maxBatch = maxBatch;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
    }

    /** Starts the writer thread; transactions are refused until then. */
    public synchronized GroupCommit start() {
        if (writer != null) {
            throw new IllegalStateException("already started");
        }
        running = true;
        if (checkpointEvery != null) {
            checkpointer = new Thread(this::checkpoints, "db-checkpoint");
            checkpointer.setDaemon(true);
            checkpointer.start();
        }
        writer = new Thread(this::loop, "db-writer");
        writer.setDaemon(true);
        writer.start();
        return this;
    }

    /**
     * On SQLite in WAL mode: copies the log into the database file every {@code every} from a thread of its own
     * (a passive checkpoint, which never blocks the writer), instead of on the writer thread at the commit that
     * finds the log long. Call before {@link #start()}.
     */
    public GroupCommit checkpointEvery(Duration every) {
        this.checkpointEvery = Objects.requireNonNull(every, "every == null");
        return this;
    }

    private void checkpoints() {
        // One connection, held for the thread's life; plain JDBC, so the row the pragma answers with is closed here and
        // no statement is left open on it.
        try (Handle handle = jdbi.open()) {
            while (running) {
                Thread.sleep(checkpointEvery.toMillis());
                try (Statement statement = handle.getConnection().createStatement();
                        ResultSet done = statement.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
                    done.next();
                } catch (SQLException e) {
                    log.debug("A checkpoint failed: {}", e.getMessage());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("The checkpoints stopped; the writer's commits copy the log once it is long: {}", e.getMessage());
        }
    }

    /**
     * Runs {@code work} in a write transaction and returns its result once it is committed; throws what the work
     * threw (nothing of it was stored), or the commit's error, or {@link LockWaitExceededException} when this
     * thread's {@link LockWait} limit passed before the transaction started (nothing of it was stored), or
     * {@link OutcomeUnknownException} when it started but did not end in time (it may still be committed).
     */
    @Override
    public <T> T inTransaction(HandleCallback<T, RuntimeException> work) {
        Job<T> job = new Job<>(work);
        long waitMillis = Math.min(lockWait.remainingMillis(), TimeUnit.SECONDS.toMillis(WAIT_FOR_COMMIT_SECONDS));
        try {
            if (!running || !queue.offer(job, waitMillis, TimeUnit.MILLISECONDS)) {
                if (running && lockWait.limited()) {
                    throw new LockWaitExceededException("the database writer's queue stayed full for " + waitMillis
                            + " ms");
                }
                throw new IllegalStateException("the database writer is stopped or overloaded");
            }
            try {
                return job.result().get(waitMillis, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (job.take()) {
                    throw new LockWaitExceededException("no write transaction could start within " + waitMillis
                            + " ms; nothing was stored");
                }
                // The writer took it a moment ago: its commit is under way and does not wait for other locks. A
                // caller with a limit waits only a little longer; past that it cannot say whether it was stored.
                long grace = lockWait.limited() ? takenGrace.toMillis()
                        : TimeUnit.SECONDS.toMillis(WAIT_FOR_COMMIT_SECONDS);
                try {
                    return job.result().get(grace, TimeUnit.MILLISECONDS);
                } catch (TimeoutException stillRunning) {
                    throw new OutcomeUnknownException("the write transaction started but did not finish within "
                            + (waitMillis + grace) + " ms; it may still be committed");
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (job.take()) {
                throw new IllegalStateException("interrupted while waiting for the commit; nothing was stored", e);
            }
            throw new OutcomeUnknownException("interrupted while the write transaction ran; it may be committed");
        }
    }

    /**
     * Queues {@code work} for the next group commit without waiting for it; the future completes once it is
     * committed (or with what failed). Transactions are committed in the order they were queued, so this one is
     * durable no later than any transaction the caller queues after it. Never blocks: a full queue fails the future.
     */
    @Override
    public <T> CompletableFuture<T> submit(HandleCallback<T, RuntimeException> work) {
        Job<T> job = new Job<>(work);
        if (!running || !queue.offer(job)) {
            job.result().completeExceptionally(
                    new IllegalStateException("the database writer is stopped or overloaded"));
        }
        return job.result();
    }

    private void loop() {
        List<Job<?>> batch = new ArrayList<>(maxBatch);
        Handle handle = null;
        while (running || !queue.isEmpty()) {
            try {
                Job<?> first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                if (handle == null) {
                    handle = jdbi.open();
                    if (checkpointer != null) {
                        // The checkpointer copies the log into the database file; this thread only appends to it,
                        // unless the log grows past 40 MB (the checkpointer stopped or cannot keep up). Plain JDBC,
                        // closed at once: the pragma answers with a row.
                        try (Statement pragma = handle.getConnection().createStatement()) {
                            pragma.execute("PRAGMA wal_autocheckpoint = 10000");
                        } catch (SQLException e) {
                            throw new UnableToExecuteStatementException(e, null);
                        }
                    }
                }
                commit(handle, batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            } catch (RuntimeException e) {
                // The batch failed as a whole (begin or commit): nothing of it is stored; start on a fresh connection.
                batch.forEach(job -> job.result().completeExceptionally(e));
                log.warn("A group commit of {} transactions failed: {}", batch.size(), e.getMessage());
                if (handle != null) {
                    closeQuietly(handle);
                    handle = null;
                }
            } finally {
                batch.clear();
            }
        }
        if (handle != null) {
            closeQuietly(handle);
        }
        Job<?> left;
        while ((left = queue.poll()) != null) {
            left.result().completeExceptionally(new IllegalStateException("the database writer stopped"));
        }
    }

    private static void commit(Handle handle, List<Job<?>> batch) {
        List<Runnable> onCommit = new ArrayList<>(batch.size());
        handle.begin();
        try {
            // Plain JDBC for the savepoints: two per job, and through Jdbi each cost as much as a small insert.
            try (Statement savepoints = handle.getConnection().createStatement()) {
                for (Job<?> job : batch) {
                    savepoints.execute("SAVEPOINT job");
                    try {
                        job.runIn(handle, onCommit);
                        savepoints.execute("RELEASE job");
                    } catch (RuntimeException e) {
                        savepoints.execute("ROLLBACK TO job");
                        savepoints.execute("RELEASE job");
                    }
                }
            } catch (SQLException e) {
                throw new UnableToExecuteStatementException(e, null);
            }
            handle.commit();
        } catch (RuntimeException e) {
            try {
                handle.rollback();
            } catch (RuntimeException ignored) {
                // The connection is dropped by the caller anyway.
            }
            throw e;
        }
        onCommit.forEach(Runnable::run);
    }

    private static void closeQuietly(Handle handle) {
        try {
            handle.close();
        } catch (RuntimeException e) {
            log.debug("Closing the writer's connection failed: {}", e.getMessage());
        }
    }

    /** Commits what is queued, then stops. */
    @Override
    public synchronized void close() {
        running = false;
        if (writer == null) {
            return;
        }
        try {
            writer.join(TimeUnit.SECONDS.toMillis(WAIT_FOR_COMMIT_SECONDS));
            if (checkpointer != null) {
                checkpointer.interrupt();
                checkpointer.join(TimeUnit.SECONDS.toMillis(WAIT_FOR_COMMIT_SECONDS));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
