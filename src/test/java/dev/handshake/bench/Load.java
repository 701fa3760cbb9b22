package dev.handshake.bench;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop load generator: {@code connections} threads each send one request, wait for its answer and send the
 * next, until the duration is over or the requests run out. Each thread has its own keep-alive connection
 * ({@link HttpConnection}, opened for the run and closed at its end) and keeps its own latencies, so recording costs
 * no contention. A latency runs from writing the request to reading the last byte of the answer; opening a socket
 * (at the start, or again after {@code Connection: close} or a failure) is not part of it.
 */
final class Load {

    /** Builds the next request for a worker; null when there is nothing left to send (the run then ends). */
    @FunctionalInterface
    interface Requests {
        HttpConnection.Request next(int worker);
    }

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(15);

    private final List<URI> servers;
    private final int connections;

    /** Loads {@code server} ({@code http://host:port}) over {@code connections} connections. */
    Load(URI server, int connections) {
        this(List.of(Objects.requireNonNull(server, "server == null")), connections);
    }

    /**
     * Loads several servers (replicas of one app) over {@code connections} connections in all, spread over them in
     * turn as a load balancer spreads connections: connection {@code w} goes to server {@code w % servers.size()}.
     */
    Load(List<URI> servers, int connections) {
        this.servers = List.copyOf(servers);
        this.connections = connections;
    }

    /** Runs for {@code duration} (or until {@code requests} is exhausted); {@code okStatus} is the answer that counts. */
    LoadResult run(Duration duration, Requests requests, int okStatus) throws InterruptedException {
        long[][] latencies = new long[connections][];
        int[] counts = new int[connections];
        AtomicLong other = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        AtomicBoolean exhausted = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(connections);
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        Thread[] threads = new Thread[connections];
        for (int w = 0; w < connections; w++) {
            int worker = w;
            latencies[w] = new long[4096];
            threads[w] = new Thread(() -> {
                try (HttpConnection connection = new HttpConnection(servers.get(worker % servers.size()),
                        CONNECT_TIMEOUT, READ_TIMEOUT)) {
                    while (System.nanoTime() < end) {
                        try {
                            connection.open();
                        } catch (IOException e) {
                            failures.incrementAndGet();
                            continue;
                        }
                        HttpConnection.Request request = requests.next(worker);
                        if (request == null) {
                            exhausted.set(true);
                            return;
                        }
                        long sent = System.nanoTime();
                        int status;
                        try {
                            status = connection.send(request).status();
                        } catch (IOException e) {
                            // send closed the socket; the next turn opens a new one
                            failures.incrementAndGet();
                            continue;
                        }
                        long took = System.nanoTime() - sent;
                        if (status != okStatus) {
                            other.incrementAndGet();
                            continue;
                        }
                        if (counts[worker] == latencies[worker].length) {
                            latencies[worker] = Arrays.copyOf(latencies[worker], counts[worker] * 2);
                        }
                        latencies[worker][counts[worker]++] = took;
                    }
                } finally {
                    done.countDown();
                }
            }, "load-" + w);
            threads[w].setDaemon(true);
            threads[w].start();
        }
        done.await();
        long elapsed = System.nanoTime() - start;
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int w = 0; w < connections; w++) {
            System.arraycopy(latencies[w], 0, all, at, counts[w]);
            at += counts[w];
        }
        return LoadResult.of(all, elapsed, other.get(), failures.get(), exhausted.get());
    }

    /** What a run measured: answers with the expected status and their latencies, and everything else. */
    record LoadResult(long ok, long otherStatus, long failures, double seconds, double perSecond, double p50Millis,
            double p99Millis, boolean exhausted, long[] latenciesNanos) {

        static LoadResult of(long[] latenciesNanos, long elapsedNanos, long otherStatus, long failures,
                boolean exhausted) {
            long[] sorted = latenciesNanos.clone();
            Arrays.sort(sorted);
            double seconds = elapsedNanos / 1e9;
            return new LoadResult(sorted.length, otherStatus, failures, seconds, sorted.length / seconds,
                    percentile(sorted, 50) / 1e6, percentile(sorted, 99) / 1e6, exhausted, sorted);
        }

        /** Several runs against the same server taken as one: their answers, latencies and durations together. */
        static LoadResult combined(List<LoadResult> runs) {
            long[] all = runs.stream().flatMapToLong(run -> Arrays.stream(run.latenciesNanos())).toArray();
            long elapsed = (long) (runs.stream().mapToDouble(LoadResult::seconds).sum() * 1e9);
            return of(all, elapsed, runs.stream().mapToLong(LoadResult::otherStatus).sum(),
                    runs.stream().mapToLong(LoadResult::failures).sum(),
                    runs.stream().anyMatch(LoadResult::exhausted));
        }

        /** The nearest-rank percentile of sorted values; 0 when there are none. */
        static long percentile(long[] sorted, double p) {
            if (sorted.length == 0) {
                return 0;
            }
            int rank = (int) Math.ceil(p / 100.0 * sorted.length);
            return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
        }
    }
}
