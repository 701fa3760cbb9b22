package dev.handshake.handoff;

/** The steps of the SLA clock, each fired at most once per handoff and assignment round. */
enum TimerKind {
    REMIND, ESCALATE, CONTACT_REMIND, CONTACT_ESCALATE;

    String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    static TimerKind fromKey(String key) {
        return valueOf(key.toUpperCase(java.util.Locale.ROOT));
    }
}
