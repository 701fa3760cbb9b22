package dev.handshake.lifecycle;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the app's parts in the order they were added and stops them in reverse. When a part fails to start, the
 * parts already started are stopped (in reverse) before the failure is thrown, so nothing keeps running. Stopping
 * goes on past a part that fails to stop. Not thread-safe: used by the composition root and the shutdown hook.
 */
public final class Lifecycle {

    private static final Logger log = LoggerFactory.getLogger(Lifecycle.class);

    private record Part(String name, Managed managed) {}

    private final List<Part> parts = new ArrayList<>();
    private final Deque<Part> started = new ArrayDeque<>();

    /** Adds a part; it starts after those added before it and stops before them. */
    public <T extends Managed> T add(String name, T managed) {
        parts.add(new Part(Objects.requireNonNull(name, "name == null"), Objects.requireNonNull(managed, name)));
        return managed;
    }

    /** Adds something that only needs closing at stop (it holds a resource, or started when built). */
    public <T extends AutoCloseable> T closeAtStop(String name, T resource) {
        add(name, Managed.stopping(resource));
        return resource;
    }

    /** Adds a part that a start-up task already started: it is stopped with the others. */
    public <T extends Managed> T started(String name, T managed) {
        Part part = new Part(Objects.requireNonNull(name, "name == null"), Objects.requireNonNull(managed, name));
        parts.add(part);
        started.push(part);
        return managed;
    }

    /** Starts every part not yet started, in order; on a failure stops the started ones and rethrows. */
    public void start() throws Exception {
        for (Part part : parts) {
            if (started.contains(part)) {
                continue;
            }
            try {
                part.managed().start();
            } catch (Exception | Error e) {
                log.error("{} failed to start; stopping what had started", part.name());
                started.push(part); // it may have begun something before failing
                stop();
                throw e;
            }
            started.push(part);
        }
    }

    /** Stops the started parts, last started first. */
    public void stop() {
        while (!started.isEmpty()) {
            Part part = started.pop();
            try {
                part.managed().stop();
            } catch (Exception e) {
                log.warn("Error while stopping {}: {}", part.name(), e.getMessage());
            }
        }
    }

    /** The names of the started parts, first started first; for tests. */
    List<String> startedNames() {
        List<String> names = new ArrayList<>();
        started.descendingIterator().forEachRemaining(part -> names.add(part.name()));
        return names;
    }
}
