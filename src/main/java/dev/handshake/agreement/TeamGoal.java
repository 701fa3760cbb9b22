package dev.handshake.agreement;

import java.util.List;

/** A team's share of the revenue goal. */
public record TeamGoal(Team team, List<Target> targets) {

    public TeamGoal {
        targets = List.copyOf(targets);
    }
}
