package dev.handshake.stats;

import java.util.List;

/** The core numbers by one dimension (persona, source or rep), largest groups first, with how many were left out. */
public record Breakdown(List<Group> groups, int omitted) {

    /** One group: its key as stored (empty when the handoffs did not say), a label to show, and its numbers. */
    public record Group(String key, String label, CoreNumbers numbers) {}

    public Breakdown {
        groups = List.copyOf(groups);
    }
}
