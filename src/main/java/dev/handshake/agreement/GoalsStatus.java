package dev.handshake.agreement;

import java.time.LocalDate;
import java.util.Optional;

/** Whether an agreement's goals are still current: goals for a period that has ended need the next period's. */
public final class GoalsStatus {

    private GoalsStatus() {}

    /**
     * "2026-Q3 goals ended on 2026-09-30: set this quarter's (2026-Q4) in sla.yml", or empty while the goals'
     * period lasts (or has not begun).
     */
    public static Optional<String> ended(Goals goals, LocalDate today) {
        if (goals == null || goals.period() == null || !goals.period().endedBefore(today)) {
            return Optional.empty();
        }
        GoalPeriod period = goals.period();
        GoalPeriod current = GoalPeriod.containing(period.length(), today);
        return Optional.of(period.label() + " goals ended on " + period.last() + ": set this "
                + period.length().word() + "'s (" + current.label() + ") in sla.yml");
    }
}
