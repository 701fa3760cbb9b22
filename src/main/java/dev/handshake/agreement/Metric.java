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

    /** The name used for this metric in the agreement file. */
    public String key() {
        return key;
    }
}
