package dev.handshake.stats;

import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.Kpi;
import dev.handshake.agreement.Persona;
import dev.handshake.agreement.Stage;
import dev.handshake.agreement.StageHandoff;
import dev.handshake.agreement.Target;
import dev.handshake.agreement.TeamGoal;
import dev.handshake.db.Dialect;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Computes the agreement's numbers for a period from the database. Counts, reasons and groups are aggregated in
 * the database from one covering index ({@code handoffs_period}); only the stored business times of the period's
 * decided handoffs are read into memory (four narrow columns each), to rank them for medians and percentiles. The
 * SQL is the same on SQLite and PostgreSQL (counts with {@code FILTER}, not sums of booleans).
 *
 * <p>Lead identity: a stage event names its lead with {@code lead_id}; a handoff counts as its lead entering the
 * handoff's stage, with the lead's email as its id when the handoff has one and otherwise the handoff's
 * {@code id}. Automation that reports stage events for handed-off leads should use the same email as
 * {@code lead_id}, so a lead reported both ways counts once.
 */
public final class Stats {

    /** Groups shown per breakdown; the rest are counted as omitted. */
    static final int MAX_GROUPS = 8;
    /** Rejection reasons listed. */
    static final int MAX_REASONS = 8;

    private static final String IN_PERIOD = "received_at >= :from AND received_at < :to";

    private final Jdbi jdbi;
    private final Agreement agreement;
    private final ZoneId zone;
    private final String entryStage;
    private final String mqlStage;

    public Stats(Jdbi jdbi, Agreement agreement) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi == null");
        this.agreement = Objects.requireNonNull(agreement, "agreement == null");
        this.zone = agreement.calendar().zone();
        this.entryStage = agreement.stages().isEmpty() ? "lead" : agreement.stages().get(0).id();
        this.mqlStage = agreement.stage("mql").map(Stage::id).orElseGet(() -> agreement.handoff().stages().stream()
                .map(StageHandoff::stage).findFirst().orElse("mql"));
    }

    public StatsReport compute(Period period) {
        long from = period.start(zone).toEpochMilli();
        long to = period.end(zone).toEpochMilli();
        // No transaction: the app begins SQLite transactions IMMEDIATE, which would hold up writers for a read.
        return jdbi.withHandle(handle -> {
            Dialect.of(handle).beforeLongRead(handle);
            long leads = entered(handle, entryStage, from, to);
            long mqls = entered(handle, mqlStage, from, to);
            Totals totals = totals(handle, from, to);
            DecisionTimesInPeriod times = decisionTimes(handle, from, to);
            CoreNumbers core = new CoreNumbers(totals.handoffs, totals.accepted, totals.rejected, totals.withinSla,
                    times.median());
            StatsReport partial = new StatsReport(period, leads, mqls, core, times.p90(),
                    totals.overdue, totals.reassignments, reasons(handle, from, to),
                    breakdown(handle, "lead_persona", "", from, to, times, this::personaLabel),
                    breakdown(handle, "lead_source", "", from, to, times, key -> key),
                    breakdown(handle, "decided_by", " AND decided_at IS NOT NULL", from, to, times, key -> key),
                    List.of());
            return new StatsReport(period, leads, mqls, core, partial.p90ToDecision(), totals.overdue,
                    totals.reassignments, partial.rejectionReasons(), partial.byPersona(), partial.bySource(),
                    partial.byRep(), goals(partial));
        });
    }

    /** The team's handoff numbers for a period: {@link #compute}'s core numbers without the rest of the report. */
    public CoreNumbers team(Period period) {
        long from = period.start(zone).toEpochMilli();
        long to = period.end(zone).toEpochMilli();
        return jdbi.withHandle(handle -> {
            long[] counts = handle.createQuery("""
                            SELECT count(*),
                                count(*) FILTER (WHERE status = 'accepted'),
                                count(*) FILTER (WHERE status = 'rejected'),
                                count(*) FILTER (WHERE decided_at IS NOT NULL AND decided_at <= due_at)
                            FROM handoffs WHERE\s""" + IN_PERIOD)
                    .bind("from", from).bind("to", to)
                    .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)})
                    .one();
            return new CoreNumbers(counts[0], counts[1], counts[2], counts[3], decisionTimes(handle, from, to).median());
        });
    }

    /** Distinct leads that entered a stage in the period, by a stage event or by a handoff of that stage. */
    private static long entered(Handle handle, String stage, long from, long to) {
        return handle.createQuery("""
                        SELECT count(*) FROM (
                            SELECT lead_id FROM stage_events WHERE stage = :stage AND at >= :from AND at < :to
                            UNION
                            SELECT coalesce(lead_email, external_id) FROM handoffs
                            WHERE stage = :stage AND received_at >= :from AND received_at < :to) AS entered""")
                .bind("stage", stage).bind("from", from).bind("to", to)
                .mapTo(Long.class).one();
    }

    /** One rep's numbers for a period: the handoffs they decided (accepted or rejected) among those received in it. */
    public CoreNumbers forRep(Period period, String userId) {
        long from = period.start(zone).toEpochMilli();
        long to = period.end(zone).toEpochMilli();
        String sql = """
                WITH d AS (
                    SELECT status, decided_at, due_at, decision_business_ms AS ms,
                        row_number() OVER (ORDER BY decision_business_ms) AS rn, count(*) OVER () AS c
                    FROM handoffs
                    WHERE decided_by = :user AND\s""" + IN_PERIOD + """
                )
                SELECT count(*) AS n,
                    count(*) FILTER (WHERE status = 'accepted') AS accepted,
                    count(*) FILTER (WHERE status = 'rejected') AS rejected,
                    count(*) FILTER (WHERE decided_at <= due_at) AS within_sla,
                    avg(CASE WHEN rn IN ((c + 1) / 2, (c + 2) / 2) THEN ms END) AS median
                FROM d""";
        return jdbi.withHandle(handle -> handle.createQuery(sql)
                .bind("user", userId).bind("from", from).bind("to", to)
                .map((rs, ctx) -> new CoreNumbers(rs.getLong("n"), rs.getLong("accepted"), rs.getLong("rejected"),
                        rs.getLong("within_sla"), rs.getObject("median") == null ? Optional.empty()
                                : Optional.of(Duration.ofMillis(Math.round(rs.getDouble("median"))))))
                .one());
    }

    private record Totals(long handoffs, long accepted, long rejected, long withinSla, long overdue,
            long reassignments) {}

    private static Totals totals(Handle handle, long from, long to) {
        // A reassignment clears overdue_at for the new round, so an earlier miss is only in the events.
        return handle.createQuery("""
                        SELECT count(*) AS n,
                            count(*) FILTER (WHERE status = 'accepted') AS accepted,
                            count(*) FILTER (WHERE status = 'rejected') AS rejected,
                            count(*) FILTER (WHERE decided_at IS NOT NULL AND decided_at <= due_at) AS within_sla,
                            count(*) FILTER (WHERE overdue_at IS NOT NULL OR EXISTS (SELECT 1 FROM handoff_events e
                                WHERE e.kind = 'overdue' AND e.handoff_id = handoffs.id)) AS overdue,
                            coalesce(sum(reassignments), 0) AS reassignments
                        FROM handoffs WHERE\s""" + IN_PERIOD)
                .bind("from", from).bind("to", to)
                .map((rs, ctx) -> new Totals(rs.getLong("n"), rs.getLong("accepted"), rs.getLong("rejected"),
                        rs.getLong("within_sla"), rs.getLong("overdue"), rs.getLong("reassignments")))
                .one();
    }

    /**
     * The business times to decision of the period's decided handoffs, read once without sorting: window
     * functions over 100,000 rows cost SQLite several times more than ranking them here.
     */
    private static DecisionTimesInPeriod decisionTimes(Handle handle, long from, long to) {
        DecisionTimesInPeriod times = new DecisionTimesInPeriod();
        handle.createQuery("""
                        SELECT coalesce(lead_persona, ''), coalesce(lead_source, ''), decided_by, decision_business_ms
                        FROM handoffs
                        WHERE\s""" + IN_PERIOD + " AND decided_at IS NOT NULL AND decision_business_ms IS NOT NULL")
                .bind("from", from).bind("to", to)
                .setFetchSize(1000)
                .reduceResultSet(times, (acc, rs, ctx) -> {
                    acc.add(rs.getString(1), rs.getString(2), rs.getString(3) == null ? "" : rs.getString(3),
                            rs.getLong(4));
                    return acc;
                });
        return times;
    }

    private static List<ReasonCount> reasons(Handle handle, long from, long to) {
        return handle.createQuery("""
                        SELECT coalesce(reject_reason, '') AS reason, count(*) AS n FROM handoffs
                        WHERE\s""" + IN_PERIOD + """
                         AND <notIndexed>status = 'rejected'
                        GROUP BY 1 ORDER BY n DESC, reason LIMIT :limit""")
                .bind("from", from).bind("to", to).bind("limit", MAX_REASONS)
                .map((rs, ctx) -> new ReasonCount(rs.getString("reason"), rs.getLong("n")))
                .list();
    }

    /**
     * The core numbers grouped by a column of handoffs, counted by the database; medians from the decision times.
     * {@code column} is one of ours, never user input.
     */
    private static Breakdown breakdown(Handle handle, String column, String filter, long from, long to,
            DecisionTimesInPeriod times, UnaryOperator<String> label) {
        List<Breakdown.Group> all = handle.createQuery("""
                        SELECT coalesce(%s, '') AS k, count(*) AS n,
                            count(*) FILTER (WHERE status = 'accepted') AS accepted,
                            count(*) FILTER (WHERE status = 'rejected') AS rejected,
                            count(*) FILTER (WHERE decided_at IS NOT NULL AND decided_at <= due_at) AS within_sla
                        FROM handoffs WHERE %s%s
                        GROUP BY 1
                        ORDER BY n DESC, k""".formatted(column, IN_PERIOD, filter))
                .bind("from", from).bind("to", to)
                .map((rs, ctx) -> {
                    String key = rs.getString("k");
                    return new Breakdown.Group(key, key.isEmpty() ? "" : label.apply(key),
                            new CoreNumbers(rs.getLong("n"), rs.getLong("accepted"), rs.getLong("rejected"),
                                    rs.getLong("within_sla"), times.medianOf(column, key)));
                })
                .list();
        int shown = Math.min(all.size(), MAX_GROUPS);
        return new Breakdown(all.subList(0, shown), all.size() - shown);
    }

    private String personaLabel(String id) {
        return agreement.persona(id).map(Persona::name).orElse(id);
    }

    /** Team targets that name a metric, then KPIs that name one, each with this period's value. */
    private List<GoalProgress> goals(StatsReport report) {
        List<GoalProgress> goals = new ArrayList<>();
        if (agreement.goals() == null) {
            return goals;
        }
        for (TeamGoal team : agreement.goals().teams()) {
            for (Target target : team.targets()) {
                if (target.metric() != null) {
                    goals.add(new GoalProgress(target.name(), target.metric(), target.value(), null, target.unit(),
                            report.value(target.metric())));
                }
            }
        }
        for (Kpi kpi : agreement.goals().kpis()) {
            boolean alreadyShown = goals.stream().anyMatch(g -> g.metric() == kpi.metric()
                    && g.name().toLowerCase(Locale.ROOT).equals(kpi.name().toLowerCase(Locale.ROOT)));
            if (kpi.metric() != null && !alreadyShown) {
                goals.add(new GoalProgress(kpi.name(), kpi.metric(), null, kpi.target(), null,
                        report.value(kpi.metric())));
            }
        }
        return goals;
    }
}
