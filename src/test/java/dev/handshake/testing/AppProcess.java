package dev.handshake.testing;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A JVM started as its own process (the packaged app, or a reference app), with its output in a log file. */
public final class AppProcess implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final int port;
    private final long startedNanos;
    private final Path log;

    private AppProcess(Process process, int port, long startedNanos, Path log) {
        this.process = process;
        this.port = port;
        this.startedNanos = startedNanos;
        this.log = log;
    }

    /** Starts {@code java <jvmArgs> <mainArgs>} with these extra environment variables and PORT set to a free port. */
    public static AppProcess start(List<String> jvmArgs, List<String> mainArgs, Map<String, String> env, Path log)
            throws IOException {
        return start(jvmArgs, mainArgs, env, log, freePort());
    }

    /** As {@link #start(List, List, Map, Path)}, on a given port (to restart an app where its clients expect it). */
    public static AppProcess start(List<String> jvmArgs, List<String> mainArgs, Map<String, String> env, Path log,
            int port) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.addAll(mainArgs);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().keySet().removeIf(k -> k.startsWith("SLACK_") || k.equals("HANDOFF_TOKEN")
                || k.startsWith("DATABASE_") || k.equals("AGREEMENT_FILE") || k.equals("PORT")
                || k.equals("JAVA_TOOL_OPTIONS") || k.equals("JDK_JAVA_OPTIONS"));
        builder.environment().putAll(env);
        builder.environment().put("PORT", Integer.toString(port));
        long started = System.nanoTime();
        return new AppProcess(builder.start(), port, started, log);
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /**
     * Polls {@code path} every 5 ms until it answers {@code 200} (or, with {@code anyAnswer}, anything at all); returns
     * the time from process start to that answer.
     */
    public Duration awaitReady(HttpClient http, String path, boolean anyAnswer) throws IOException, InterruptedException {
        HttpRequest probe = HttpRequest.newBuilder(base().resolve(path)).timeout(Duration.ofSeconds(2)).GET().build();
        long deadline = startedNanos + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the process exited with " + process.exitValue() + "; see " + log
                        + ":\n" + tail());
            }
            try {
                int status = http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 200 || anyAnswer) {
                    return Duration.ofNanos(System.nanoTime() - startedNanos);
                }
            } catch (ConnectException e) {
                // Not listening yet.
            } catch (IOException e) {
                // Listening but not answering yet.
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("not ready within " + READY_TIMEOUT + "; see " + log + ":\n" + tail());
    }

    /** CPU time the process has used so far (user + system), or zero where the platform does not say. */
    public Duration cpuTime() {
        return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /**
     * CPU time the process's JIT compiler threads have used so far (Linux: each thread's {@code /proc} stat), or
     * zero where the platform does not say: how much of a measured run went to compiling rather than serving.
     */
    public Duration compilerCpuTime() {
        return cpuByThread().values().stream().filter(thread -> thread.kind().startsWith("C# Compiler"))
                .map(ThreadCpu::cpu).reduce(Duration.ZERO, Duration::plus);
    }

    /**
     * One thread's CPU so far: its kind (see {@link #cpuByThread()}), its CPU time (user + system), the part of it
     * spent in the kernel, and how many times it left a core (waiting, or taken off by the scheduler).
     */
    public record ThreadCpu(String kind, Duration cpu, Duration kernel, long switches) {}

    /**
     * CPU time each of the process's threads has used so far, by thread id (Linux: each thread's {@code /proc} stat),
     * or nothing where the platform does not say: where a measured run's CPU went. A thread's kind is the name the
     * kernel keeps (its first 15 characters) with digits left out, so a pool's threads count as one kind.
     */
    public Map<Long, ThreadCpu> cpuByThread() {
        java.nio.file.Path tasks = java.nio.file.Path.of("/proc", Long.toString(process.pid()), "task");
        Map<Long, ThreadCpu> byThread = new java.util.HashMap<>();
        try (var threads = Files.list(tasks)) {
            for (java.nio.file.Path thread : (Iterable<java.nio.file.Path>) threads::iterator) {
                String stat;
                String status;
                try {
                    stat = Files.readString(thread.resolve("stat"));
                    status = Files.readString(thread.resolve("status"));
                } catch (IOException gone) {
                    continue; // the thread ended meanwhile
                }
                String kind = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[0-9]+", "#");
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
                byThread.put(Long.parseLong(thread.getFileName().toString()), // USER_HZ is 100 on Linux
                        new ThreadCpu(kind, Duration.ofMillis(ticks * 10),
                                Duration.ofMillis(Long.parseLong(fields[12]) * 10), switchesOf(status)));
            }
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        return byThread;
    }

    private static long switchesOf(String status) {
        long switches = 0;
        for (String line : status.split("\n")) {
            if (line.startsWith("voluntary_ctxt_switches:") || line.startsWith("nonvoluntary_ctxt_switches:")) {
                switches += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        return switches;
    }

    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ")";
        }
    }

    /** {@code kill -9}: the process gets no chance to flush, close or clean up anything. */
    public void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("process " + process.pid() + " survived SIGKILL for 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGTERM and wait (the app's graceful shutdown); returns the exit code. */
    public int stop() {
        close();
        return process.isAlive() ? -1 : process.exitValue();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
