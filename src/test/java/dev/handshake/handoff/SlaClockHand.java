package dev.handshake.handoff;

/** Lets tests in other packages turn the SLA clock by hand: fire every timer due at the clock's now. */
public final class SlaClockHand {

    private SlaClockHand() {}

    /** Fires the timers due now; returns how many took effect. */
    public static int tick(SlaClock clock) {
        return clock.tick();
    }
}
