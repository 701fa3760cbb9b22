package dev.handshake.stats;

/**
 * The definitions of docs/NUMBERS.md that hold for one handoff, as SQL over a row of {@code handoffs}: the stats
 * count with them and the CSV export prints them, so both say the same. They need {@code :now} bound (epoch ms).
 */
public final class Definitions {

    /** The deadline sales committed to when the lead was handed off; a reassignment does not move it. */
    public static final String FIRST_DEADLINE = "coalesce(first_due_at, due_at)";

    /**
     * Decided within the SLA: 1 when decided no later than the first deadline, 0 when not (late, or still undecided),
     * NULL while the first deadline is ahead, so a handoff counts only once its outcome cannot change.
     */
    public static final String WITHIN_SLA = "(CASE WHEN " + FIRST_DEADLINE + " > :now THEN NULL"
            + " WHEN decided_at IS NOT NULL AND decided_at <= " + FIRST_DEADLINE + " THEN 1 ELSE 0 END)";

    /**
     * The handoff numbers of the rows that match {@code rows} (SQL over a row, {@code TRUE} for all): n, accepted,
     * rejected, deadline_passed and within_sla, in that order and with those names after {@code prefix}.
     */
    static String coreColumns(String rows, String prefix) {
        return """
                count(*) FILTER (WHERE %1$s) AS %2$sn,
                count(*) FILTER (WHERE %1$s AND status = 'accepted') AS %2$saccepted,
                count(*) FILTER (WHERE %1$s AND status = 'rejected') AS %2$srejected,
                count(*) FILTER (WHERE %1$s AND %3$s IS NOT NULL) AS %2$sdeadline_passed,
                count(*) FILTER (WHERE %1$s AND %3$s = 1) AS %2$swithin_sla""".formatted(rows, prefix, WITHIN_SLA);
    }

    private Definitions() {}
}
