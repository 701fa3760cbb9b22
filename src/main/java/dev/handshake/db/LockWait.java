package dev.handshake.db;

import java.time.Duration;
import java.util.Objects;

/**
 * How long database work on the current thread may wait for a lock another connection (or process) holds, when that
 * must be shorter than the connections' busy timeout. A Slack request must be answered within 3 seconds in all, so
 * its writes give up sooner and the user is told to try again, rather than Slack timing out while the write waits.
 * Without a limit, work waits the full busy timeout. Thread-safe: each thread has its own limit.
 */
public final class LockWait {

    /** Work run under a limit; it throws what it throws. */
    @FunctionalInterface
    public interface Work<T, E extends Exception> {
        T run() throws E;
    }

    private final ThreadLocal<Long> deadlineNanos = new ThreadLocal<>();

    /** Runs {@code work} on this thread with database waits bounded by {@code limit} from now (or a sooner limit). */
    public <T, E extends Exception> T atMost(Duration limit, Work<T, E> work) throws E {
        Objects.requireNonNull(limit, "limit == null");
        Long outer = deadlineNanos.get();
        long deadline = System.nanoTime() + limit.toNanos();
        if (outer != null && outer - deadline < 0) {
            deadline = outer;
        }
        deadlineNanos.set(deadline);
        try {
            return work.run();
        } finally {
            if (outer == null) {
                deadlineNanos.remove();
            } else {
                deadlineNanos.set(outer);
            }
        }
    }

    /** Whether this thread's database waits are bounded. */
    public boolean limited() {
        return deadlineNanos.get() != null;
    }

    /** Milliseconds this thread may still wait for a lock: zero once the limit passed; {@code Long.MAX_VALUE} if none. */
    public long remainingMillis() {
        Long deadline = deadlineNanos.get();
        if (deadline == null) {
            return Long.MAX_VALUE;
        }
        return Math.max(0, Duration.ofNanos(deadline - System.nanoTime()).toMillis());
    }
}
