package dev.handshake.stats;

import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.GoalsStatus;
import dev.handshake.agreement.Persona;
import dev.handshake.clock.BusinessHours;
import dev.handshake.db.Dialect;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Computes the agreement's numbers for a period from the database, each as docs/NUMBERS.md defines it; every surface
 * (the stats card, the review, the off-cycle alert, the App Home, the chart) takes its figures from here. Counts,
 * reasons and groups are aggregated in the database from one covering index ({@code handoffs_period}) and the funnel
 * from {@code funnel_leads}. A full report reads the stored business times of the period's decided handoffs (to rank
 * them for the medians of every group) and its rejections' answer times into memory; the team's and one rep's numbers
 * alone (the App Home) are ranked by the database. The SQL is the same on SQLite and PostgreSQL (counts with
 * {@code FILTER}, not sums of booleans; what differs, such as the median's aggregate, is in {@link Dialect}).
 * Thread-safe.
 */
public final class Stats {

    /** Groups shown per breakdown; the rest are counted as omitted. */
    static final int MAX_GROUPS = 8;
    /** Rejection reasons listed. */
    static final int MAX_REASONS = 8;

    private static final String IN_PERIOD = "received_at >= :from AND received_at < :to";
    /** A rep's handoffs: the ones they decided. */
    private static final String BY_REP = "decided_by = :rep";
    /** The handoffs whose business time to decision counts towards a median. */
    private static final String TIMED = "decided_at IS NOT NULL AND decision_business_ms IS NOT NULL";

    private final Jdbi jdbi;
    private final Agreement agreement;
    private final ZoneId zone;
    private final Clock clock;
    private final FollowUpClock followUpClock;
    private final GoalsMeasure goals;

    public Stats(Jdbi jdbi, Agreement agreement, BusinessHours hours, Clock clock) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi == null");
        this.agreement = Objects.requireNonNull(agreement, "agreement == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
        this.zone = agreement.calendar().zone();
        this.followUpClock = new FollowUpClock(hours, agreement.handoff().rejectionFollowup());
        this.goals = new GoalsMeasure(agreement);
    }

    /** How marketing's answers to rejections are timed, for the export. */
    public FollowUpClock followUpClock() {
        return followUpClock;
    }

    public StatsReport compute(Period period) {
        Instant now = clock.instant();
        long from = period.start(zone).toEpochMilli();
        long to = period.end(zone).toEpochMilli();
        LocalDate today = LocalDate.ofInstant(now, zone);
        // No transaction: the app begins SQLite transactions IMMEDIATE, which would hold up writers for a read.
        return jdbi.withHandle(handle -> {
            Dialect.of(handle).beforeLongRead(handle);
            Groups groups = new Groups();
            DecisionTimesInPeriod times = new DecisionTimesInPeriod();
            handoffs(handle, from, to, now, groups, times);
            Totals totals = groups.totals();
            Funnel funnel = funnel(handle, from, to, now, totals.contacted());
            StatsReport measured = new StatsReport(period, now, funnel, totals.core(times.median()), times.p90(),
                    totals.reassignments(), followUps(handle, from, to, now), reasons(handle, from, to),
                    groups.breakdown(Groups.PERSONA, times, this::personaLabel),
                    groups.breakdown(Groups.SOURCE, times, key -> key),
                    groups.breakdown(Groups.REP, times, key -> key),
                    List.of(), List.of(), null);
            List<GoalProgress> marketing = goals.marketingPace(today, now,
                    p -> mqls(handle, p.start(zone).toEpochMilli(), p.end(zone).toEpochMilli()));
            return new StatsReport(period, now, funnel, measured.handoffs(), measured.p90ToDecision(),
                    measured.reassignments(), measured.followUps(), measured.rejectionReasons(), measured.byPersona(),
                    measured.bySource(), measured.byRep(), goals.evaluate(measured, today, now), marketing,
                    GoalsStatus.ended(agreement.goals(), today).orElse(null));
        });
    }

    /** What a chart of a period draws from the numbers: its funnel and its accepted handoffs. */
    public record ChartNumbers(Period period, Funnel funnel, long accepted) {}

    /**
     * The funnel and the accepted handoffs of a period, by the same queries and definitions as {@link #compute},
     * without the rest of the report: a chart asked for by itself needs no more.
     */
    public ChartNumbers chartNumbers(Period period) {
        Instant now = clock.instant();
        long from = period.start(zone).toEpochMilli();
        long to = period.end(zone).toEpochMilli();
        return jdbi.withHandle(handle -> {
            Totals totals = totals(handle, from, to, now);
            return new ChartNumbers(period, funnel(handle, from, to, now, totals.contacted()), totals.accepted());
        });
    }

    /** The team's handoff numbers for a period: exactly the core numbers {@link #compute} reports. */
    public CoreNumbers team(Period period) {
        return teamAndRep(period, null).team();
    }

    /** Marketing's answers to the rejections of a period's handoffs: exactly the ones {@link #compute} reports. */
    public FollowUps followUps(Period period) {
        Instant now = clock.instant();
        long from = period.start(zone).toEpochMilli();
        long to = period.end(zone).toEpochMilli();
        return jdbi.withHandle(handle -> followUps(handle, from, to, now));
    }

    /** One rep's numbers for a period: the handoffs they decided (accepted or rejected) among those received in it. */
    public CoreNumbers forRep(Period period, String userId) {
        return teamAndRep(period, Objects.requireNonNull(userId, "userId == null")).rep();
    }

    /** The team's numbers for a period and one rep's ({@code null} without a rep), as the App Home shows them. */
    public record TeamAndRep(CoreNumbers team, CoreNumbers rep) {}

    /** The team's numbers for a period and those of each rep asked for, by user id, in the order asked. */
    public record TeamAndReps(CoreNumbers team, Map<String, CoreNumbers> reps) {
        public TeamAndReps {
            Objects.requireNonNull(team, "team == null");
            reps = Collections.unmodifiableMap(new LinkedHashMap<>(reps));
        }

        /** The team's numbers and the rep {@code userId}'s (null for null). */
        public TeamAndRep forRep(String userId) {
            return new TeamAndRep(team, userId == null ? null : reps.get(userId));
        }
    }

    /**
     * The team's numbers for a period and those of the rep {@code userId} (none when null), the same as {@link #team}
     * and {@link #forRep}: {@link #teamAndReps} for one rep.
     */
    public TeamAndRep teamAndRep(Period period, String userId) {
        return teamAndReps(period, userId == null ? List.of() : List.of(userId)).forRep(userId);
    }

    /**
     * The team's numbers for a period and those of each of {@code userIds}, the same as {@link #team} and
     * {@link #forRep}, counted and ranked by the database in one read of the period's handoffs: the App Home shows
     * them after every decision, reading them apart took four reads (two of which sent every decided handoff's time
     * to the app), and the Homes of several users rendered together share the read and the team's median, which
     * costs about half of it.
     */
    public TeamAndReps teamAndReps(Period period, List<String> userIds) {
        List<String> reps = List.copyOf(new java.util.LinkedHashSet<>(userIds));
        Instant now = clock.instant();
        long from = period.start(zone).toEpochMilli();
        long to = period.end(zone).toEpochMilli();
        return jdbi.withHandle(handle -> {
            Dialect dialect = Dialect.of(handle);
            String median = dialect.median("decision_business_ms");
            StringBuilder sql = new StringBuilder("SELECT ").append(Definitions.coreColumns("TRUE", ""))
                    .append(",\n").append(median).append(" FILTER (WHERE ").append(TIMED).append(") AS median");
            for (int i = 0; i < reps.size(); i++) {
                String byRep = BY_REP.replace(":rep", ":rep" + i);
                String prefix = "rep" + i + "_";
                sql.append(",\n").append(Definitions.coreColumns(byRep, prefix)).append(",\n").append(median)
                        .append(" FILTER (WHERE ").append(byRep).append(" AND ").append(TIMED).append(") AS ")
                        .append(prefix).append("median");
            }
            sql.append("\nFROM handoffs WHERE ").append(IN_PERIOD);
            var query = handle.createQuery(sql.toString())
                    .bind("from", from).bind("to", to).bind("now", now.toEpochMilli());
            for (int i = 0; i < reps.size(); i++) {
                query.bind("rep" + i, reps.get(i));
            }
            return query.map((rs, ctx) -> {
                Map<String, CoreNumbers> byRep = new LinkedHashMap<>();
                for (int i = 0; i < reps.size(); i++) {
                    byRep.put(reps.get(i), coreNumbers(rs, "rep" + i + "_"));
                }
                return new TeamAndReps(coreNumbers(rs, ""), byRep);
            }).one();
        });
    }

    private static CoreNumbers coreNumbers(ResultSet rs, String prefix) throws SQLException {
        double median = rs.getDouble(prefix + "median");
        Optional<Duration> ranked = rs.wasNull() ? Optional.empty()
                : Optional.of(Duration.ofMillis(Math.round(median)));
        return new CoreNumbers(rs.getLong(prefix + "n"), rs.getLong(prefix + "accepted"),
                rs.getLong(prefix + "rejected"), rs.getLong(prefix + "deadline_passed"),
                rs.getLong(prefix + "within_sla"), ranked);
    }

    /**
     * Acceptance and median time to decide for each of the {@code weeks} calendar weeks (Monday to Sunday) up to and
     * including the one that holds {@code lastDay}, over the handoffs received in each week.
     */
    public Weekly weekly(LocalDate lastDay, int weeks) {
        LocalDate firstMonday = lastDay.minusDays(lastDay.getDayOfWeek().getValue() - 1L).minusWeeks(weeks - 1L);
        long[] bounds = new long[weeks + 1];
        for (int i = 0; i <= weeks; i++) {
            bounds[i] = firstMonday.plusWeeks(i).atStartOfDay(zone).toInstant().toEpochMilli();
        }
        Weekly.Builder builder = new Weekly.Builder(firstMonday, bounds);
        jdbi.useHandle(handle -> handle.createQuery("""
                        SELECT received_at, status = 'accepted', decision_business_ms FROM handoffs
                        WHERE received_at >= :from AND received_at < :to AND decided_at IS NOT NULL""")
                .bind("from", bounds[0]).bind("to", bounds[weeks])
                .setFetchSize(1000)
                .reduceResultSet(builder, (acc, rs, ctx) -> {
                    long ms = rs.getLong(3);
                    boolean untimed = rs.wasNull();
                    acc.add(rs.getLong(1), rs.getBoolean(2), untimed ? -1 : ms);
                    return acc;
                }));
        return builder.build();
    }

    /**
     * Leads that entered the funnel in the period, those of them that reached MQL by its end (by now for the current
     * one), and leads that first reached MQL in the period: three range scans of {@code funnel_leads}.
     */
    private static Funnel funnel(Handle handle, long from, long to, Instant now, long contacted) {
        long cutoff = Math.min(to, now.toEpochMilli() + 1);
        long[] cohort = handle.createQuery("""
                        SELECT count(*), count(*) FILTER (WHERE mql_at < :cutoff) FROM funnel_leads
                        WHERE entered_at >= :from AND entered_at < :to""")
                .bind("from", from).bind("to", to).bind("cutoff", cutoff)
                .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)}).one();
        return new Funnel(cohort[0], cohort[1], mqls(handle, from, to), contacted);
    }

    private static long mqls(Handle handle, long from, long to) {
        return handle.createQuery("SELECT count(*) FROM funnel_leads WHERE mql_at >= :from AND mql_at < :to")
                .bind("from", from).bind("to", to).mapTo(Long.class).one();
    }

    private record Totals(long handoffs, long accepted, long rejected, long deadlinePassed, long withinSla,
            long reassignments, long contacted) {

        CoreNumbers core(Optional<Duration> median) {
            return new CoreNumbers(handoffs, accepted, rejected, deadlinePassed, withinSla, median);
        }
    }

    private static Totals totals(Handle handle, long from, long to, Instant now) {
        return handle.createQuery("SELECT " + Definitions.coreColumns("TRUE", "") + """
                        ,
                            coalesce(sum(reassignments), 0) AS reassignments,
                            count(*) FILTER (WHERE contacted_at IS NOT NULL) AS contacted
                        FROM handoffs WHERE\s""" + IN_PERIOD)
                .bind("from", from).bind("to", to).bind("now", now.toEpochMilli())
                .map((rs, ctx) -> new Totals(rs.getLong("n"), rs.getLong("accepted"), rs.getLong("rejected"),
                        rs.getLong("deadline_passed"), rs.getLong("within_sla"), rs.getLong("reassignments"),
                        rs.getLong("contacted")))
                .one();
    }

    /**
     * The rejections of the period's handoffs and marketing's answers, judged by {@link FollowUpClock}: counted in
     * SQL from the answer times stored at each answer, whose median is ranked here.
     */
    private FollowUps followUps(Handle handle, long from, long to, Instant now) {
        Optional<Instant> passedUpTo = followUpClock.limitPassedUpTo(now);
        long cutoff = passedUpTo.map(Instant::toEpochMilli).orElse(Long.MIN_VALUE);
        long limit = followUpClock.limit() == null ? 0 : followUpClock.limit().toMillis();
        long[] counts = handle.createQuery("""
                        SELECT count(*),
                            count(*) FILTER (WHERE marketing_outcome = 'recycled'),
                            count(*) FILTER (WHERE marketing_outcome = 'contested'),
                            count(*) FILTER (WHERE decided_at <= :cutoff),
                            count(*) FILTER (WHERE decided_at <= :cutoff AND answer_business_ms <= :limit)
                        FROM handoffs WHERE\s""" + IN_PERIOD + " AND <notIndexed>status = 'rejected'")
                .bind("from", from).bind("to", to).bind("cutoff", cutoff).bind("limit", limit)
                .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5)})
                .one();
        long[] times = handle.createQuery("""
                        SELECT answer_business_ms FROM handoffs
                        WHERE\s""" + IN_PERIOD + " AND <notIndexed>status = 'rejected' AND answer_business_ms IS NOT NULL")
                .bind("from", from).bind("to", to)
                .setFetchSize(1000)
                .mapTo(Long.class).stream().mapToLong(Long::longValue).sorted().toArray();
        Optional<Duration> median = times.length == 0 ? Optional.empty() : Optional.of(Duration.ofMillis(
                Math.round((times[(times.length - 1) / 2] + times[times.length / 2]) / 2.0)));
        return new FollowUps(followUpClock.limit(), counts[0], counts[1], counts[2], counts[3], counts[4], median);
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
     * Reads the period's handoffs once, from the covering index: for each, its persona, source and rep, its status,
     * whether it was decided within the SLA ({@link Definitions#WITHIN_SLA}, judged by SQLite) and its business time
     * to decision. The totals and the three breakdowns are sums of the same rows, so they cannot disagree, and the
     * decision times are ranked for the medians. Counting here costs less than grouping by text columns in SQLite,
     * which sorts every row for each grouping.
     */
    private static void handoffs(Handle handle, long from, long to, Instant now, Groups groups,
            DecisionTimesInPeriod times) {
        handle.createQuery("""
                        SELECT coalesce(lead_persona, ''), coalesce(lead_source, ''), coalesce(decided_by, ''),
                            status = 'accepted', status = 'rejected', %s, decision_business_ms, reassignments,
                            contacted_at IS NOT NULL
                        FROM handoffs WHERE %s""".formatted(Definitions.WITHIN_SLA, IN_PERIOD))
                .bind("from", from).bind("to", to).bind("now", now.toEpochMilli())
                .setFetchSize(1000)
                .reduceResultSet(groups, (acc, rs, ctx) -> {
                    String persona = rs.getString(1);
                    String source = rs.getString(2);
                    String rep = rs.getString(3);
                    boolean accepted = rs.getBoolean(4);
                    boolean rejected = rs.getBoolean(5);
                    int within = rs.getInt(6);
                    boolean judged = !rs.wasNull();
                    long ms = rs.getLong(7);
                    if (!rs.wasNull() && (accepted || rejected)) {
                        times.add(persona, source, rep, ms);
                    }
                    acc.add(persona, source, rep, accepted, rejected, judged, within == 1, rs.getLong(8),
                            rs.getBoolean(9));
                    return acc;
                });
    }

    /** Sums of the period's handoffs: the totals, and the core numbers by persona, source and rep. */
    private static final class Groups {
        static final int PERSONA = 0;
        static final int SOURCE = 1;
        static final int REP = 2;
        private static final String[] COLUMNS = {"lead_persona", "lead_source", "decided_by"};

        /** n, accepted, rejected, deadline passed, within SLA; per key of each dimension. */
        private final List<java.util.Map<String, long[]>> byKey = List.of(new java.util.HashMap<>(),
                new java.util.HashMap<>(), new java.util.HashMap<>());
        private final long[] all = new long[5];
        private long reassignments;
        private long contacted;

        void add(String persona, String source, String rep, boolean accepted, boolean rejected, boolean judged,
                boolean within, long reassigned, boolean contact) {
            count(all, accepted, rejected, judged, within);
            count(byKey.get(PERSONA).computeIfAbsent(persona, k -> new long[5]), accepted, rejected, judged, within);
            count(byKey.get(SOURCE).computeIfAbsent(source, k -> new long[5]), accepted, rejected, judged, within);
            // A rep's numbers are the handoffs they decided.
            if (accepted || rejected) {
                count(byKey.get(REP).computeIfAbsent(rep, k -> new long[5]), accepted, rejected, judged, within);
            }
            reassignments += reassigned;
            contacted += contact ? 1 : 0;
        }

        private static void count(long[] sums, boolean accepted, boolean rejected, boolean judged, boolean within) {
            sums[0]++;
            sums[1] += accepted ? 1 : 0;
            sums[2] += rejected ? 1 : 0;
            sums[3] += judged ? 1 : 0;
            sums[4] += within ? 1 : 0;
        }

        Totals totals() {
            return new Totals(all[0], all[1], all[2], all[3], all[4], reassignments, contacted);
        }

        /** Largest groups first (ties by key), medians from the decision times. */
        Breakdown breakdown(int dimension, DecisionTimesInPeriod times, UnaryOperator<String> label) {
            List<Breakdown.Group> sorted = byKey.get(dimension).entrySet().stream()
                    .sorted(java.util.Comparator.<java.util.Map.Entry<String, long[]>>comparingLong(e -> -e.getValue()[0])
                            .thenComparing(java.util.Map.Entry::getKey))
                    .map(e -> new Breakdown.Group(e.getKey(), e.getKey().isEmpty() ? "" : label.apply(e.getKey()),
                            new CoreNumbers(e.getValue()[0], e.getValue()[1], e.getValue()[2], e.getValue()[3],
                                    e.getValue()[4], times.medianOf(COLUMNS[dimension], e.getKey()))))
                    .toList();
            int shown = Math.min(sorted.size(), MAX_GROUPS);
            return new Breakdown(new ArrayList<>(sorted.subList(0, shown)), sorted.size() - shown);
        }
    }

    private String personaLabel(String id) {
        return agreement.persona(id).map(Persona::name).orElse(id);
    }
}
