package dev.handshake.agreement;

import java.util.List;

/** The targets for each person in a role, e.g. "Each SDR". */
public record IndividualGoal(String role, List<Target> targets) {

    public IndividualGoal {
        targets = List.copyOf(targets);
    }
}
