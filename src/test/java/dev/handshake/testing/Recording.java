package dev.handshake.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** A thread-safe, append-only log that tests can wait on. */
final class Recording<T> {

    private final List<T> items = new ArrayList<>();

    synchronized void add(T item) {
        items.add(item);
        notifyAll();
    }

    synchronized void clear() {
        items.clear();
        notifyAll();
    }

    synchronized List<T> all() {
        return List.copyOf(items);
    }

    synchronized List<T> matching(Predicate<? super T> filter) {
        return items.stream().filter(filter).toList();
    }

    /**
     * Waits until at least {@code count} items match, then returns all matching items (so possibly more than
     * {@code count}). Fails with an AssertionError that lists everything recorded.
     */
    synchronized List<T> await(Predicate<? super T> filter, int count, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<T> found = matching(filter);
            if (found.size() >= count) {
                return found;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("expected at least " + count + " " + what + " within " + timeout
                        + " but got " + found.size() + ": " + found + "\nall recorded: " + items);
            }
            waitNanos(left);
        }
    }

    /** Waits the whole window; fails as soon as more than {@code expected} items match, or at the end if fewer do. */
    synchronized void assertCountStays(Predicate<? super T> filter, int expected, Duration during, String what) {
        long deadline = System.nanoTime() + during.toNanos();
        while (true) {
            List<T> found = matching(filter);
            if (found.size() > expected) {
                throw new AssertionError("expected exactly " + expected + " " + what + " but got " + found.size()
                        + ": " + found);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                if (found.size() != expected) {
                    throw new AssertionError("expected exactly " + expected + " " + what + " but got " + found.size()
                            + ": " + found);
                }
                return;
            }
            waitNanos(left);
        }
    }

    private void waitNanos(long nanos) {
        try {
            long millis = Math.max(1, nanos / 1_000_000);
            wait(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting", e);
        }
    }
}
