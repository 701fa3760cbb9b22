package dev.handshake.slack;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's own executor for work that must wait until Slack has its acknowledgement (ephemeral replies, opening
 * modals, posting shared answers). Bounded, and drained on shutdown. Thread-safe.
 */
public final class AfterAck implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AfterAck.class);

    private final ThreadPoolExecutor executor;

    public AfterAck(int threads, int queueCapacity) {
        AtomicInteger count = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queueCapacity), runnable -> {
                    Thread thread = new Thread(runnable, "after-ack-" + count.incrementAndGet());
                    thread.setDaemon(false);
                    return thread;
                });
        this.executor.allowCoreThreadTimeOut(true);
    }

    /**
     * Runs the task soon; a failure is logged once, never thrown at the caller, which has already acked. Returns
     * false when the task was dropped (shutting down, or the queue is full).
     */
    public boolean run(String what, SlackTask task) {
        try {
            executor.execute(() -> {
                try {
                    task.run();
                } catch (SlackCallException e) {
                    log.warn("{} failed after the ack: {} ({})", what, e.error(), e.method());
                } catch (Exception e) {
                    log.error("{} failed after the ack", what, e);
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            log.warn("{} dropped: the app is shutting down or overloaded", what);
            return false;
        }
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** Work to do after the ack; may call Slack. */
    @FunctionalInterface
    public interface SlackTask {
        void run() throws Exception;
    }
}
