package dev.handshake.agreement;

import java.util.List;

/** Round-robin reassignment of a handoff nobody decided in time: the pool of reps and how many times at most. */
public record ReassignTerms(boolean enabled, int maxTimes, List<String> pool) {

    public ReassignTerms {
        pool = List.copyOf(pool);
    }
}
