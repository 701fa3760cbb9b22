package dev.handshake.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.AgreementLoader;
import dev.handshake.agreement.Metric;
import dev.handshake.clock.BusinessHours;
import dev.handshake.clock.Quarter;
import dev.handshake.db.Database;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The numbers of a period against values worked out by hand, on a real migrated SQLite database and the shipped
 * agreement (Chicago, Mon–Fri 09:00–17:30).
 */
class StatsTest {

    private static final String TIMING = "Timing — no project this year";
    private static final Period Q4 = Period.quarter(new Quarter(2026, 4));

    @TempDir
    Path dir;
    private Jdbi jdbi;
    private Seed seed;
    private Agreement agreement;
    private Stats stats;

    @BeforeEach
    void open() throws Exception {
        jdbi = Database.open("jdbc:sqlite:" + dir.resolve("stats.db")).jdbi();
        seed = new Seed(jdbi);
        agreement = new AgreementLoader().load(Path.of("sla.yml")).agreement();
        stats = new Stats(jdbi, agreement);
    }

    /**
     * Q4 2026: six handoffs (four decided: 1 h, 2 h, 6 h and 17 h of business time), one from Q3 that must not count,
     * eight leads and one MQL reported only as stage events, and stage events outside the quarter.
     */
    private void seedQuarter() {
        // 1 h, within the 4-hour deadline.
        seed.handoff().lead("a@x.example", "ops-leader", "webinar")
                .received("2026-10-05T09:00", "2026-10-05T13:00").accepted("U0REP1", "2026-10-05T10:00").insert();
        // 16:30–17:30 and 09:00–10:00 the next day: 2 h, within.
        seed.handoff().lead("b@x.example", "ops-leader", "webinar")
                .received("2026-10-05T16:30", "2026-10-06T12:00").rejected("U0REP2", "2026-10-06T10:00", TIMING)
                .insert();
        // 6 h, late; overdue then reassigned once, which cleared overdue_at: only the event says it was overdue.
        long h3 = seed.handoff().lead(null, "finance-lead", null)
                .received("2026-10-06T09:00", "2026-10-06T13:00").rejected("U0REP1", "2026-10-06T15:00", TIMING)
                .reassigned(1).insert();
        seed.event(h3, "overdue", "2026-10-06T13:00");
        // Two full business days: 17 h, late, overdue.
        seed.handoff().lead("d@x.example", null, "event")
                .received("2026-10-07T09:00", "2026-10-07T13:00").accepted("U0REP2", "2026-10-09T09:00")
                .overdue("2026-10-07T13:00").insert();
        seed.handoff().lead("e@x.example", "ops-leader", "webinar")
                .received("2026-10-08T09:00", "2026-10-08T13:00").reassigned(2).insert();
        // The same lead as the first handoff, again: one MQL.
        seed.handoff().lead("a@x.example", "ops-leader", "webinar")
                .received("2026-10-12T09:00", "2026-10-12T13:00").insert();
        // Q3: not counted.
        seed.handoff().lead("q3@x.example", "ops-leader", "webinar")
                .received("2026-09-30T10:00", "2026-09-30T14:00").accepted("U0REP1", "2026-09-30T10:30").insert();

        for (int i = 1; i <= 8; i++) {
            seed.stage("L" + i, "lead", "2026-10-0" + i + "T08:00");
        }
        seed.stage("L-early", "lead", "2026-09-30T23:59");
        seed.stage("L-late", "lead", "2027-01-01T00:00");
        seed.stage("a@x.example", "mql", "2026-10-05T08:59");
        seed.stage("z@x.example", "mql", "2026-12-31T23:59");
        seed.stage("y@x.example", "mql", "2026-09-15T10:00");
        new dev.handshake.handoff.DecisionTimes(jdbi, dev.handshake.db.Transactions.direct(jdbi),
                new BusinessHours(agreement.calendar())).backfill();
    }

    @Test
    void headlineNumbersMatchTheHandCount() {
        seedQuarter();

        StatsReport report = stats.compute(Q4);

        assertThat(report.leads()).isEqualTo(8);
        // a@x (handoffs and an event), b@x, the handoff without email (by its id), d@x, e@x, z@x (event only).
        assertThat(report.mqls()).isEqualTo(6);
        assertThat(report.leadToMql().value()).hasValue(0.75);
        CoreNumbers core = report.handoffs();
        assertThat(core.handoffs()).isEqualTo(6);
        assertThat(core.accepted()).isEqualTo(2);
        assertThat(core.rejected()).isEqualTo(2);
        assertThat(core.acceptanceRate()).isEqualTo(new Ratio(2, 4));
        assertThat(core.withinSla()).isEqualTo(new Ratio(2, 4));
        // Sorted 1, 2, 6, 17 hours: median (2 + 6) / 2; 90th percentile is the ⌈3.6⌉ = 4th.
        assertThat(core.medianToDecision()).contains(Duration.ofHours(4));
        assertThat(report.p90ToDecision()).contains(Duration.ofHours(17));
        assertThat(report.overdue()).isEqualTo(2);
        assertThat(report.reassignments()).isEqualTo(3);
        assertThat(report.rejectionReasons()).containsExactly(new ReasonCount(TIMING, 2));
    }

    @Test
    void breakdownsByPersonaSourceAndRep() {
        seedQuarter();

        StatsReport report = stats.compute(Q4);

        assertThat(report.byPersona().groups()).containsExactly(
                new Breakdown.Group("ops-leader", "Operations leader",
                        new CoreNumbers(4, 1, 1, 2, Optional.of(Duration.ofMinutes(90)))),
                new Breakdown.Group("", "", new CoreNumbers(1, 1, 0, 0, Optional.of(Duration.ofHours(17)))),
                new Breakdown.Group("finance-lead", "Finance lead",
                        new CoreNumbers(1, 0, 1, 0, Optional.of(Duration.ofHours(6)))));
        assertThat(report.bySource().groups()).extracting(Breakdown.Group::key, g -> g.numbers().handoffs())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("webinar", 4L),
                        org.assertj.core.groups.Tuple.tuple("", 1L), org.assertj.core.groups.Tuple.tuple("event", 1L));
        assertThat(report.byRep().groups()).containsExactly(
                new Breakdown.Group("U0REP1", "U0REP1",
                        new CoreNumbers(2, 1, 1, 1, Optional.of(Duration.ofMinutes(210)))),
                new Breakdown.Group("U0REP2", "U0REP2",
                        new CoreNumbers(2, 1, 1, 1, Optional.of(Duration.ofMinutes(570)))));
        assertThat(report.byRep().omitted()).isZero();
    }

    @Test
    void goalsWithAMetricShowTheirValueAgainstTheTarget() {
        seedQuarter();

        List<GoalProgress> goals = stats.compute(Q4).goals();

        assertThat(goals).extracting(GoalProgress::name, GoalProgress::metric, GoalProgress::value).containsExactly(
                org.assertj.core.groups.Tuple.tuple("New leads", Metric.LEADS, OptionalDouble.of(8)),
                org.assertj.core.groups.Tuple.tuple("MQLs handed to sales", Metric.MQLS, OptionalDouble.of(6)),
                org.assertj.core.groups.Tuple.tuple("Lead to MQL conversion", Metric.LEAD_TO_MQL_CONVERSION,
                        OptionalDouble.of(0.75)),
                org.assertj.core.groups.Tuple.tuple("MQLs accepted", Metric.ACCEPTED, OptionalDouble.of(2)),
                org.assertj.core.groups.Tuple.tuple("MQL acceptance rate", Metric.ACCEPTANCE_RATE,
                        OptionalDouble.of(0.5)),
                org.assertj.core.groups.Tuple.tuple("MQLs decided within SLA", Metric.DECIDED_WITHIN_SLA,
                        OptionalDouble.of(0.5)),
                org.assertj.core.groups.Tuple.tuple("Median time to decision", Metric.MEDIAN_TIME_TO_DECISION_HOURS,
                        OptionalDouble.of(4.0)));
        assertThat(goals.get(1).target()).isEqualByComparingTo(new BigDecimal(600));
        assertThat(goals.get(4).targetText()).isEqualTo("45% or more");
        assertThat(StatsCard.progress(goals.get(1))).isEqualTo("6 of 600 MQLs (1%)");
        assertThat(StatsCard.progress(goals.get(2))).isEqualTo("75% (target 25%)");
        assertThat(StatsCard.progress(goals.get(6))).isEqualTo("4 business hours (target: 2 business hours or less)");
    }

    @Test
    void anEmptyPeriodHasZeroCountsAndNoRates() {
        seedQuarter();

        StatsReport report = stats.compute(Period.quarter(new Quarter(2025, 1)));

        assertThat(report.leads()).isZero();
        assertThat(report.mqls()).isZero();
        assertThat(report.leadToMql().value()).isEmpty();
        assertThat(report.handoffs()).isEqualTo(new CoreNumbers(0, 0, 0, 0, Optional.empty()));
        assertThat(report.handoffs().acceptanceRate().value()).isEmpty();
        assertThat(report.handoffs().withinSla().value()).isEmpty();
        assertThat(report.p90ToDecision()).isEmpty();
        assertThat(report.overdue()).isZero();
        assertThat(report.rejectionReasons()).isEmpty();
        assertThat(report.byPersona().groups()).isEmpty();
        assertThat(report.byRep().groups()).isEmpty();
        assertThat(report.value(Metric.ACCEPTANCE_RATE)).isEmpty();
        assertThat(report.value(Metric.MEDIAN_TIME_TO_DECISION_HOURS)).isEmpty();
        assertThat(report.value(Metric.MQLS)).hasValue(0);
    }

    @Test
    void anEmptyDatabaseGivesAnEmptyReport() {
        StatsReport report = stats.compute(Q4);

        assertThat(report.handoffs().handoffs()).isZero();
        assertThat(report.handoffs().medianToDecision()).isEmpty();
        assertThat(report.goals()).allSatisfy(g -> assertThat(g.value().orElse(0)).isZero());
    }

    @Test
    void percentilesOfAnEvenAndAnOddNumberOfDecisions() {
        // Ten decisions of 1..10 business hours on Tuesday 2026-11-03 from 09:00.
        for (int h = 1; h <= 10; h++) {
            decidedAfter(h);
        }
        StatsReport ten = stats.compute(Period.quarter(new Quarter(2026, 4)));
        assertThat(ten.handoffs().medianToDecision()).contains(Duration.ofMinutes(330));
        assertThat(ten.p90ToDecision()).contains(Duration.ofHours(9));

        decidedAfter(11);
        StatsReport eleven = stats.compute(Period.quarter(new Quarter(2026, 4)));
        assertThat(eleven.handoffs().medianToDecision()).contains(Duration.ofHours(6));
        // ⌈0.9 × 11⌉ = 10th smallest.
        assertThat(eleven.p90ToDecision()).contains(Duration.ofHours(10));
    }

    @Test
    void asingleDecisionIsItsOwnMedianAndPercentile() {
        decidedAfter(3);

        StatsReport report = stats.compute(Period.quarter(new Quarter(2026, 4)));

        assertThat(report.handoffs().medianToDecision()).contains(Duration.ofHours(3));
        assertThat(report.p90ToDecision()).contains(Duration.ofHours(3));
    }

    @Test
    void thePeriodBoundsAreMidnightInTheAgreementsZone() {
        seed.handoff().received("2026-10-31T23:59", "2026-11-02T13:00").insert();
        seed.handoff().received("2026-11-01T00:00", "2026-11-02T13:00").insert();
        seed.handoff().received("2026-11-30T23:59", "2026-12-01T13:00").insert();
        seed.handoff().received("2026-12-01T00:00", "2026-12-01T13:00").insert();

        Period november = new Period(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 30), "November");

        assertThat(stats.compute(november).handoffs().handoffs()).isEqualTo(2);
    }

    @Test
    void breakdownsKeepTheLargestGroupsAndCountTheRest() {
        for (int i = 0; i < Stats.MAX_GROUPS + 3; i++) {
            for (int n = 0; n <= i; n++) {
                seed.handoff().lead(null, null, "source-" + i).received("2026-11-03T09:00", "2026-11-03T13:00")
                        .insert();
            }
        }

        Breakdown sources = stats.compute(Q4).bySource();

        assertThat(sources.groups()).hasSize(Stats.MAX_GROUPS);
        assertThat(sources.groups().get(0).key()).isEqualTo("source-" + (Stats.MAX_GROUPS + 2));
        assertThat(sources.omitted()).isEqualTo(3);
    }

    /** A decision {@code hours} business hours after Tuesday 2026-11-03 09:00, via the real decision path's value. */
    private void decidedAfter(int hours) {
        String decided = hours <= 8 ? "2026-11-03T%02d:00".formatted(9 + hours)
                : "2026-11-04T%02d:30".formatted(9 + hours - 9);
        seed.handoff().received("2026-11-03T09:00", "2026-11-03T13:00").accepted("U0REP1", decided).insert();
        new dev.handshake.handoff.DecisionTimes(jdbi, dev.handshake.db.Transactions.direct(jdbi),
                new BusinessHours(agreement.calendar())).backfill();
    }
}
