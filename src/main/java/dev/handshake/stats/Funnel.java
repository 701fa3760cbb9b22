package dev.handshake.stats;

/**
 * The funnel of a period. {@code entered}: leads that entered the funnel in the period (their first stage event or
 * handoff); {@code reachedMql}: those of them that reached MQL or a later stage by the end of the period (by now for
 * the current one); {@code mqls}: leads that reached MQL or a later stage for the first time in the period, whenever
 * they entered; {@code contacted}: handoffs received in the period whose first contact was recorded.
 */
public record Funnel(long entered, long reachedMql, long mqls, long contacted) {

    public Funnel {
        if (reachedMql > entered || Math.min(reachedMql, Math.min(mqls, contacted)) < 0) {
            throw new IllegalArgumentException("reached MQL " + reachedMql + " of " + entered + " entered");
        }
    }

    /** Lead → MQL conversion: of the leads that entered in the period, the share that reached MQL. */
    public Ratio conversion() {
        return new Ratio(reachedMql, entered);
    }
}
