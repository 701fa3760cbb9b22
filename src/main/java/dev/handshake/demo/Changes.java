package dev.handshake.demo;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The workspace's version: bumped on every change, so the page can wait for the next one (a long poll) and the
 * workspace can be saved after it. Thread-safe.
 */
final class Changes {

    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private long version;

    /** Records a change, wakes every waiting page and tells the listeners. */
    void bump() {
        synchronized (this) {
            version++;
            notifyAll();
        }
        listeners.forEach(Runnable::run);
    }

    synchronized long version() {
        return version;
    }

    /** Waits until the version differs from {@code seen} or {@code timeout} passes; returns the version then. */
    synchronized long awaitChange(long seen, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (version == seen) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return version;
    }

    /** {@code listener} runs after every change, on the thread that made it; it must return quickly. */
    void onChange(Runnable listener) {
        listeners.add(Objects.requireNonNull(listener, "listener == null"));
    }
}
