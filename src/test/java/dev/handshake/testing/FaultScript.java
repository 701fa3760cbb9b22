package dev.handshake.testing;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The faults a test has scripted, per method or for every method ({@code "*"}). One-shot faults win over standing
 * ones, and a method's own script wins over the wildcard. Thread-safe.
 */
final class FaultScript {

    static final String ANY_METHOD = "*";

    private final Map<String, Deque<Fault>> next = new HashMap<>();
    private final Map<String, Fault> always = new HashMap<>();

    synchronized void failNext(String method, int times, Fault fault) {
        Objects.requireNonNull(method, "method == null");
        Objects.requireNonNull(fault, "fault == null");
        if (times < 1) {
            throw new IllegalArgumentException("times < 1: " + times);
        }
        Deque<Fault> queue = next.computeIfAbsent(method, m -> new ArrayDeque<>());
        for (int i = 0; i < times; i++) {
            queue.addLast(fault);
        }
    }

    synchronized void failAlways(String method, Fault fault) {
        Objects.requireNonNull(method, "method == null");
        always.put(method, Objects.requireNonNull(fault, "fault == null"));
    }

    synchronized void clear() {
        next.clear();
        always.clear();
    }

    /** Takes the fault for this call, consuming a one-shot fault if one applies. */
    synchronized Optional<Fault> take(String method) {
        for (String key : new String[] {method, ANY_METHOD}) {
            Deque<Fault> queue = next.get(key);
            if (queue != null && !queue.isEmpty()) {
                return Optional.of(queue.removeFirst());
            }
            Fault standing = always.get(key);
            if (standing != null) {
                return Optional.of(standing);
            }
        }
        return Optional.empty();
    }
}
