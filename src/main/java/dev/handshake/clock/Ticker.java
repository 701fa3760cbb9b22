package dev.handshake.clock;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a task now and then again a fixed delay after each run, on its own named thread, until closed. A run that
 * fails is logged and the next one comes as usual. Thread-safe.
 */
public final class Ticker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Ticker.class);

    private final String name;
    private final Duration every;
    private final Runnable task;
    private final ScheduledExecutorService scheduler;

    public Ticker(String name, Duration every, Runnable task) {
        this.name = Objects.requireNonNull(name, "name == null");
        this.every = Objects.requireNonNull(every, "every == null");
        this.task = Objects.requireNonNull(task, "task == null");
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> new Thread(runnable, name));
    }

    public void start() {
        scheduler.scheduleWithFixedDelay(this::runSafely, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void runSafely() {
        try {
            task.run();
        } catch (RuntimeException e) {
            log.warn("{} could not run now; it tries again in {} s: {}", name, every.toSeconds(), e.getMessage());
        }
    }

    @Override
    public void close() {
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
                scheduler.shutdownNow();
            }
        } catch (InterruptedException e) {
            scheduler.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
