package dev.handshake.stats;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The business times to decision of one period's decided handoffs, overall and per persona, source and rep, for
 * medians and percentiles. Holds one {@code long} per decision (a quarter of 100,000 handoffs is under a megabyte);
 * the values come from the stored {@code decision_business_ms}, so nothing is recomputed here.
 */
final class DecisionTimesInPeriod {

    private final Values all = new Values();
    private final Map<String, Values> byPersona = new HashMap<>();
    private final Map<String, Values> bySource = new HashMap<>();
    private final Map<String, Values> byRep = new HashMap<>();

    void add(String persona, String source, String rep, long millis) {
        all.add(millis);
        byPersona.computeIfAbsent(persona, k -> new Values()).add(millis);
        bySource.computeIfAbsent(source, k -> new Values()).add(millis);
        byRep.computeIfAbsent(rep, k -> new Values()).add(millis);
    }

    Optional<Duration> median() {
        return all.median();
    }

    Optional<Duration> p90() {
        return all.nearestRank(90);
    }

    Optional<Duration> medianOf(String dimension, String key) {
        Map<String, Values> groups = switch (dimension) {
            case "lead_persona" -> byPersona;
            case "lead_source" -> bySource;
            case "decided_by" -> byRep;
            default -> throw new IllegalArgumentException("unknown dimension " + dimension);
        };
        Values values = groups.get(key);
        return values == null ? Optional.empty() : values.median();
    }

    /** A growable array of millis, sorted on first read. */
    private static final class Values {
        private long[] values = new long[16];
        private int size;
        private boolean sorted = true;

        void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
            sorted = false;
        }

        private void sort() {
            if (!sorted) {
                Arrays.sort(values, 0, size);
                sorted = true;
            }
        }

        /** The middle value, or the mean of the two middle values when their number is even. */
        Optional<Duration> median() {
            if (size == 0) {
                return Optional.empty();
            }
            sort();
            long low = values[(size - 1) / 2];
            long high = values[size / 2];
            return Optional.of(Duration.ofMillis(Math.round((low + high) / 2.0)));
        }

        /** The ⌈p/100 · n⌉-th smallest value (nearest rank). */
        Optional<Duration> nearestRank(int percent) {
            if (size == 0) {
                return Optional.empty();
            }
            sort();
            int rank = (int) ((percent * (long) size + 99) / 100);
            return Optional.of(Duration.ofMillis(values[Math.max(rank, 1) - 1]));
        }
    }
}
