package dev.handshake.agreement;

/** Figures the app measures from its own records, which goals and KPIs may refer to. */
public enum Metric {
    LEADS("leads"),
    MQLS("mqls"),
    HANDOFFS("handoffs"),
    ACCEPTED("accepted"),
    REJECTED("rejected"),
    ACCEPTANCE_RATE("acceptance_rate"),
    LEAD_TO_MQL_CONVERSION("lead_to_mql_conversion"),
    DECIDED_WITHIN_SLA("decided_within_sla"),
    MEDIAN_TIME_TO_DECISION_HOURS("median_time_to_decision_hours");

    private final String key;

    Metric(String key) {
        this.key = key;
    }

    /** Whether the metric is a share (shown as a percentage), rather than a count or a time. */
    public boolean isRate() {
        return this == ACCEPTANCE_RATE || this == LEAD_TO_MQL_CONVERSION || this == DECIDED_WITHIN_SLA;
    }

    /** Whether the metric counts things (leads, MQLs, handoffs), so a target for it can be on pace or behind. */
    public boolean isCount() {
        return this == LEADS || this == MQLS || this == HANDOFFS || this == ACCEPTED || this == REJECTED;
    }

    /** The name used for this metric in the agreement file. */
    public String key() {
        return key;
    }
}
