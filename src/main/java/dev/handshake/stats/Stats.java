package dev.handshake.stats;

import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.Kpi;
import dev.handshake.agreement.Persona;
import dev.handshake.agreement.Stage;
import dev.handshake.agreement.StageHandoff;
import dev.handshake.agreement.Target;
import dev.handshake.agreement.TeamGoal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.UnaryOperator;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Computes the agreement's numbers for a period from the database, aggregating in SQLite: only counts, the ranked
 * reasons and one row per group come back, never the handoffs themselves.
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
        // No transaction: the app begins transactions IMMEDIATE, which would hold up writers for a read.
        return jdbi.withHandle(handle -> {
            long leads = entered(handle, entryStage, from, to);
            long mqls = entered(handle, mqlStage, from, to);
            Totals totals = totals(handle, from, to);
            Duration[] percentiles = percentiles(handle, from, to);
            CoreNumbers core = new CoreNumbers(totals.handoffs, totals.accepted, totals.rejected, totals.withinSla,
                    Optional.ofNullable(percentiles[0]));
            StatsReport partial = new StatsReport(period, leads, mqls, core, Optional.ofNullable(percentiles[1]),
                    totals.overdue, totals.reassignments, reasons(handle, from, to),
                    breakdown(handle, "lead_persona", "", from, to, this::personaLabel),
                    breakdown(handle, "lead_source", "", from, to, key -> key),
                    breakdown(handle, "decided_by", " AND decided_at IS NOT NULL", from, to, key -> key),
                    List.of());
            return new StatsReport(period, leads, mqls, core, partial.p90ToDecision(), totals.overdue,
                    totals.reassignments, partial.rejectionReasons(), partial.byPersona(), partial.bySource(),
                    partial.byRep(), goals(partial));
        });
    }

    /** Distinct leads that entered a stage in the period, by a stage event or by a handoff of that stage. */
    private static long entered(Handle handle, String stage, long from, long to) {
        return handle.createQuery("""
                        SELECT count(*) FROM (
                            SELECT lead_id FROM stage_events WHERE stage = :stage AND at >= :from AND at < :to
                            UNION
                            SELECT coalesce(lead_email, external_id) FROM handoffs
                            WHERE stage = :stage AND received_at >= :from AND received_at < :to)""")
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
                    coalesce(sum(status = 'accepted'), 0) AS accepted,
                    coalesce(sum(status = 'rejected'), 0) AS rejected,
                    coalesce(sum(decided_at <= due_at), 0) AS within_sla,
                    avg(CASE WHEN rn IN ((c + 1) / 2, (c + 2) / 2) THEN ms END) AS median
                FROM d""";
        return jdbi.withHandle(handle -> handle.createQuery(sql)
                .bind("user", userId).bind("from", from).bind("to", to)
                .map((rs, ctx) -> new CoreNumbers(rs.getLong("n"), rs.getLong("accepted"), rs.getLong("rejected"),
                        rs.getLong("within_sla"), Optional.ofNullable(millis(rs, "median"))))
                .one());
    }

    private record Totals(long handoffs, long accepted, long rejected, long withinSla, long overdue,
            long reassignments) {}

    private static Totals totals(Handle handle, long from, long to) {
        // A reassignment clears overdue_at for the new round, so an earlier miss is only in the events.
        return handle.createQuery("""
                        SELECT count(*) AS n,
                            coalesce(sum(status = 'accepted'), 0) AS accepted,
                            coalesce(sum(status = 'rejected'), 0) AS rejected,
                            coalesce(sum(decided_at IS NOT NULL AND decided_at <= due_at), 0) AS within_sla,
                            coalesce(sum(overdue_at IS NOT NULL
                                OR id IN (SELECT handoff_id FROM handoff_events WHERE kind = 'overdue')), 0) AS overdue,
                            coalesce(sum(reassignments), 0) AS reassignments
                        FROM handoffs WHERE\s""" + IN_PERIOD)
                .bind("from", from).bind("to", to)
                .map((rs, ctx) -> new Totals(rs.getLong("n"), rs.getLong("accepted"), rs.getLong("rejected"),
                        rs.getLong("within_sla"), rs.getLong("overdue"), rs.getLong("reassignments")))
                .one();
    }

    /**
     * The median (mean of the two middle values when their number is even) and the 90th percentile (nearest rank:
     * the ⌈0.9·n⌉-th smallest) of business time to decision, each null when nothing was decided.
     */
    private static Duration[] percentiles(Handle handle, long from, long to) {
        return handle.createQuery("""
                        WITH d AS (
                            SELECT decision_business_ms AS ms,
                                row_number() OVER (ORDER BY decision_business_ms) AS rn, count(*) OVER () AS n
                            FROM handoffs
                            WHERE\s""" + IN_PERIOD + """
                             AND decided_at IS NOT NULL AND decision_business_ms IS NOT NULL)
                        SELECT avg(CASE WHEN rn IN ((n + 1) / 2, (n + 2) / 2) THEN ms END) AS median,
                            max(CASE WHEN rn = (9 * n + 9) / 10 THEN ms END) AS p90
                        FROM d""")
                .bind("from", from).bind("to", to)
                .map((rs, ctx) -> new Duration[] {millis(rs, "median"), millis(rs, "p90")})
                .one();
    }

    private static List<ReasonCount> reasons(Handle handle, long from, long to) {
        return handle.createQuery("""
                        SELECT coalesce(reject_reason, '') AS reason, count(*) AS n FROM handoffs
                        WHERE\s""" + IN_PERIOD + """
                         AND status = 'rejected'
                        GROUP BY 1 ORDER BY n DESC, reason LIMIT :limit""")
                .bind("from", from).bind("to", to).bind("limit", MAX_REASONS)
                .map((rs, ctx) -> new ReasonCount(rs.getString("reason"), rs.getLong("n")))
                .list();
    }

    /** The core numbers grouped by a column of handoffs; {@code column} is one of ours, never user input. */
    private static Breakdown breakdown(Handle handle, String column, String filter, long from, long to,
            UnaryOperator<String> label) {
        String rows = "SELECT coalesce(" + column + ", '') AS k, status, decided_at, due_at,"
                + " decision_business_ms AS ms FROM handoffs WHERE " + IN_PERIOD + filter;
        List<Breakdown.Group> all = handle.createQuery("""
                        WITH h AS (%s),
                        agg AS (
                            SELECT k, count(*) AS n, sum(status = 'accepted') AS accepted,
                                sum(status = 'rejected') AS rejected,
                                sum(decided_at IS NOT NULL AND decided_at <= due_at) AS within_sla
                            FROM h GROUP BY k),
                        ranked AS (
                            SELECT k, ms, row_number() OVER (PARTITION BY k ORDER BY ms) AS rn,
                                count(*) OVER (PARTITION BY k) AS c
                            FROM h WHERE decided_at IS NOT NULL AND ms IS NOT NULL),
                        med AS (SELECT k, avg(ms) AS median FROM ranked WHERE rn IN ((c + 1) / 2, (c + 2) / 2)
                            GROUP BY k)
                        SELECT agg.*, med.median FROM agg LEFT JOIN med ON med.k = agg.k
                        ORDER BY agg.n DESC, agg.k""".formatted(rows))
                .bind("from", from).bind("to", to)
                .map((rs, ctx) -> {
                    String key = rs.getString("k");
                    return new Breakdown.Group(key, key.isEmpty() ? "" : label.apply(key),
                            new CoreNumbers(rs.getLong("n"), rs.getLong("accepted"), rs.getLong("rejected"),
                                    rs.getLong("within_sla"), Optional.ofNullable(millis(rs, "median"))));
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

    private static Duration millis(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : Duration.ofMillis(Math.round(value));
    }
}
