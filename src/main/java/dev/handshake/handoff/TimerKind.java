package dev.handshake.handoff;

/**
 * The steps of the SLA clock and of marketing's clock, each fired at most once per handoff and round. Marketing's
 * steps are kept in a table of their own ({@code marketing_timers}).
 */
enum TimerKind {
    REMIND(Step.REMINDER_DUE),
    ESCALATE(Step.LAPSE),
    CONTACT_REMIND(Step.CONTACT_REMINDER_DUE),
    CONTACT_ESCALATE(Step.CONTACT_DEADLINE_PASSED),
    FOLLOWUP_REMIND(Step.FOLLOWUP_REMINDER_DUE),
    FOLLOWUP_ESCALATE(Step.FOLLOWUP_DEADLINE_PASSED);

    private final Step step;

    TimerKind(Step step) {
        this.step = step;
    }

    String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The table its timers are kept in. */
    String table() {
        return this == FOLLOWUP_REMIND || this == FOLLOWUP_ESCALATE ? "marketing_timers" : "timers";
    }

    /** The step of the handoff's life it takes (an escalation may {@link Step#ROTATE} instead, when it can). */
    Step step() {
        return step;
    }

    static TimerKind fromKey(String key) {
        return valueOf(key.toUpperCase(java.util.Locale.ROOT));
    }
}
