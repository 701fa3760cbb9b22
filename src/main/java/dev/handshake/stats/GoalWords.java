package dev.handshake.stats;

import dev.handshake.agreement.Metric;
import java.util.OptionalDouble;

/**
 * A goal's progress in plain words, the same on every surface: "140 of 180 MQLs this month (78%), 71% of the month
 * gone: on pace", "38% (19 of 50), target 45% or more: below target". Plain text, not escaped.
 */
public final class GoalWords {

    private GoalWords() {}

    /** "Name: progress". */
    public static String line(GoalProgress goal) {
        return goal.name() + ": " + progress(goal);
    }

    public static String progress(GoalProgress goal) {
        if (goal.comparison() == GoalProgress.Comparison.NOT_COMPARED) {
            return "target " + target(goal) + "; not compared: " + goal.reason();
        }
        boolean running = goal.comparison() == GoalProgress.Comparison.SO_FAR;
        String when = running ? " this " + goal.period().length().word() : " in " + goal.period().label();
        if (goal.metric().isCount()) {
            String unit = goal.unit() == null || goal.unit().isBlank() ? "" : " " + goal.unit().strip();
            String reached = goal.value().isPresent() && goal.target().signum() > 0
                    ? " (" + Figures.percent(OptionalDouble.of(goal.value().getAsDouble() / goal.target().doubleValue()))
                            + ")" : "";
            String head = count(goal.value()) + " of " + Figures.number(goal.target()) + unit + when + reached;
            if (!running) {
                return head + ": " + (goal.met() ? "met" : "missed");
            }
            return head + ", " + Figures.percent(OptionalDouble.of(goal.elapsed())) + " of the "
                    + goal.period().length().word() + " gone: " + (goal.met() ? "met" : goal.onPace() ? "on pace"
                            : "behind pace");
        }
        String figure = goal.metric().isRate() ? goal.counts().shown()
                : goal.value().isPresent() ? Figures.number(goal.value().getAsDouble()) + " business hours"
                        : Figures.NONE;
        String verdict = goal.value().isEmpty() ? "nothing to judge yet"
                : goal.met() ? "on target" : goal.atMost() ? "above target" : "below target";
        return (running ? "so far " : "") + figure + when + ", target " + target(goal) + ": " + verdict;
    }

    /** "45% or more", "2 business hours or less", "600 MQLs". */
    static String target(GoalProgress goal) {
        String direction = goal.atMost() ? " or less" : " or more";
        if (goal.metric().isRate()) {
            return Figures.percent(OptionalDouble.of(goal.target().doubleValue())) + direction;
        }
        if (goal.metric() == Metric.MEDIAN_TIME_TO_DECISION_HOURS) {
            return Figures.number(goal.target()) + " business hours" + direction;
        }
        String unit = goal.unit() == null || goal.unit().isBlank() ? "" : " " + goal.unit().strip();
        return Figures.number(goal.target()) + unit + (goal.atMost() ? " or fewer" : "") + " per "
                + goal.per().word();
    }

    private static String count(OptionalDouble value) {
        return value.isPresent() ? Figures.count(Math.round(value.getAsDouble())) : Figures.NONE;
    }
}
