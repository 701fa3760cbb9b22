package dev.handshake.stats;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Week by week (Monday to Sunday), over the handoffs received in each: acceptance and median time to decide. */
public record Weekly(List<Week> weeks) {

    /** One week: its Monday, decided and accepted handoffs received in it, and their median business time. */
    public record Week(LocalDate monday, long decided, long accepted, Optional<Duration> medianToDecision) {

        public Ratio acceptance() {
            return new Ratio(accepted, decided);
        }
    }

    public Weekly {
        weeks = List.copyOf(weeks);
    }

    /** Buckets decided handoffs into weeks by the epoch-millisecond bounds of the weeks. */
    static final class Builder {
        private final LocalDate firstMonday;
        private final long[] bounds;
        private final long[] decided;
        private final long[] accepted;
        private final long[][] times;
        private final int[] sizes;

        Builder(LocalDate firstMonday, long[] bounds) {
            this.firstMonday = firstMonday;
            this.bounds = bounds.clone();
            int weeks = bounds.length - 1;
            this.decided = new long[weeks];
            this.accepted = new long[weeks];
            this.times = new long[weeks][16];
            this.sizes = new int[weeks];
        }

        /** One decided handoff: when it was received, whether accepted, its business time to decision (-1: unknown). */
        void add(long receivedAt, boolean wasAccepted, long businessMillis) {
            int found = Arrays.binarySearch(bounds, receivedAt);
            int week = found >= 0 ? found : -found - 2;
            if (week < 0 || week >= decided.length) {
                return;
            }
            decided[week]++;
            if (wasAccepted) {
                accepted[week]++;
            }
            if (businessMillis >= 0) {
                if (sizes[week] == times[week].length) {
                    times[week] = Arrays.copyOf(times[week], sizes[week] * 2);
                }
                times[week][sizes[week]++] = businessMillis;
            }
        }

        Weekly build() {
            List<Week> weeks = new ArrayList<>();
            for (int i = 0; i < decided.length; i++) {
                Optional<Duration> median = Optional.empty();
                int n = sizes[i];
                if (n > 0) {
                    Arrays.sort(times[i], 0, n);
                    median = Optional.of(Duration.ofMillis(Math.round((times[i][(n - 1) / 2] + times[i][n / 2]) / 2.0)));
                }
                weeks.add(new Week(firstMonday.plusWeeks(i), decided[i], accepted[i], median));
            }
            return new Weekly(weeks);
        }
    }
}
