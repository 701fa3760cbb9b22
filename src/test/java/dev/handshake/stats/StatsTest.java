package dev.handshake.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.AgreementLoader;
import dev.handshake.agreement.Metric;
import dev.handshake.clock.BusinessHours;
import dev.handshake.clock.Quarter;
import dev.handshake.db.Database;
import dev.handshake.agreement.GoalPeriod;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import dev.handshake.testing.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The numbers of a period against values worked out by hand, on each real migrated database and the shipped
 * agreement (Chicago, Mon–Fri 09:00–17:30), with the clock on Saturday 2026-12-05 at noon.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class StatsTest {

    @Parameter
    TestDatabase database;

    private static final String TIMING = "Timing — no project this year";
    private static final Period Q4 = Period.quarter(new Quarter(2026, 4));
    private static final Instant NOW = Seed.at("2026-12-05T12:00");

    @TempDir
    Path dir;
    private TestDatabase.Created created;
    private Database db;
    private Jdbi jdbi;
    private Seed seed;
    private Agreement agreement;
    private Stats stats;

    @BeforeEach
    void open() throws Exception {
        created = database.create(dir);
        db = Database.open(created.url());
        jdbi = db.jdbi();
        seed = new Seed(jdbi);
        agreement = new AgreementLoader().load(Path.of("sla.yml")).agreement();
        new FunnelLeads(dev.handshake.db.Transactions.direct(jdbi), agreement).sync();
        stats = new Stats(jdbi, agreement, new BusinessHours(agreement.calendar()), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        db.close();
        created.drop().run();
    }

    /**
     * Q4 2026: six handoffs (four decided: 1 h, 2 h, 6 h and 17 h of business time), one from Q3 that must not count,
     * eight leads reported only by `lead` stage events, and stage events outside the quarter.
     */
    private void seedQuarter() {
        // 1 h, within the 4-hour deadline; contacted.
        seed.handoff().lead("a@x.example", "ops-leader", "webinar")
                .received("2026-10-05T09:00", "2026-10-05T13:00").accepted("U0REP1", "2026-10-05T10:00")
                .contacted("2026-10-05T11:00").insert();
        // 16:30–17:30 and 09:00–10:00 the next day: 2 h, within; marketing recycled it 4 business hours later.
        seed.handoff().lead("b@x.example", "ops-leader", "webinar")
                .received("2026-10-05T16:30", "2026-10-06T12:00").rejected("U0REP2", "2026-10-06T10:00", TIMING)
                .marketing("recycled", "2026-10-06T14:00").insert();
        // 6 h, after the 13:00 deadline: late, whatever the reassignment did; marketing never answered.
        long h3 = seed.handoff().lead(null, "finance-lead", null)
                .received("2026-10-06T09:00", "2026-10-06T13:00").rejected("U0REP1", "2026-10-06T15:00", TIMING)
                .reassigned(1).insert();
        seed.event(h3, "overdue", "2026-10-06T13:00");
        // Two full business days: 17 h, late.
        seed.handoff().lead("d@x.example", null, "event")
                .received("2026-10-07T09:00", "2026-10-07T13:00").accepted("U0REP2", "2026-10-09T09:00")
                .overdue("2026-10-07T13:00").insert();
        // Undecided past the deadline: missed.
        seed.handoff().lead("e@x.example", "ops-leader", "webinar")
                .received("2026-10-08T09:00", "2026-10-08T13:00").reassigned(2).insert();
        // The same lead as the first handoff, again: one lead, one MQL; undecided past its deadline.
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
        seed.stage("z@x.example", "mql", "2026-12-04T23:59");
        seed.stage("y@x.example", "mql", "2026-09-15T10:00");
        new dev.handshake.handoff.DecisionTimes(jdbi, dev.handshake.db.Transactions.direct(jdbi),
                new BusinessHours(agreement.calendar())).backfill();
    }

    @Test
    void headlineNumbersMatchTheHandCount() {
        seedQuarter();

        StatsReport report = stats.compute(Q4);

        // Entered in Q4: L1..L8, and a@x, b@x, the handoff without email (by its key), d@x, e@x, z@x, each first seen
        // at MQL. Reached MQL: those six. L-early, y@x and q3@x entered in Q3; L-late in 2027.
        assertThat(report.funnel()).isEqualTo(new Funnel(14, 6, 6, 1));
        assertThat(report.funnel().conversion()).isEqualTo(new Ratio(6, 14));
        CoreNumbers core = report.handoffs();
        assertThat(core.handoffs()).isEqualTo(6);
        assertThat(core.accepted()).isEqualTo(2);
        assertThat(core.rejected()).isEqualTo(2);
        assertThat(core.undecided()).isEqualTo(2);
        assertThat(core.acceptanceRate()).isEqualTo(new Ratio(2, 4));
        // Every deadline has passed by December 5th; in time: the first two. Late: 6 h and 17 h; never: the last two.
        assertThat(core.decidedWithinSla()).isEqualTo(new Ratio(2, 6));
        assertThat(core.missed()).isEqualTo(4);
        // Sorted 1, 2, 6, 17 hours: median (2 + 6) / 2; 90th percentile is the ⌈3.6⌉ = 4th.
        assertThat(core.medianToDecision()).contains(Duration.ofHours(4));
        assertThat(report.p90ToDecision()).contains(Duration.ofHours(17));
        assertThat(report.reassignments()).isEqualTo(3);
        assertThat(report.rejectionReasons()).containsExactly(new ReasonCount(TIMING, 2));
        // Two rejections, one recycled after 4 business hours (within 16), one never answered (its limit passed).
        assertThat(report.followUps()).isEqualTo(new FollowUps(Duration.ofHours(16), 2, 1, 0, 2, 1,
                Optional.of(Duration.ofHours(4))));
        assertThat(stats.team(Q4)).isEqualTo(core);
    }

    /** The first report: one `lead` event and five MQL handoffs of other leads once read as 500%. */
    @Test
    void mqlsOfLeadsFirstSeenAtMqlAreNewLeadsSoConversionStaysWithinAHundredPercent() {
        seed.stage("only-lead@x.example", "lead", "2026-11-02T08:00");
        for (int i = 1; i <= 5; i++) {
            seed.handoff().lead("m" + i + "@x.example", null, null)
                    .received("2026-11-0" + (i + 1) + "T09:00", "2026-11-0" + (i + 1) + "T13:00").insert();
        }

        StatsReport report = stats.compute(Q4);

        assertThat(report.funnel().conversion()).isEqualTo(new Ratio(5, 6));
        assertThat(report.funnel().conversion().shown()).isEqualTo("83% (5 of 6)");
    }

    /** The second report: an overdue, undecided lead beside one decided in time read as 100% within SLA. */
    @Test
    void anUndecidedHandoffPastItsDeadlineCountsAsMissed() {
        seed.handoff().lead("a@x.example", null, null).received("2026-11-03T09:00", "2026-11-03T13:00")
                .accepted("U0REP1", "2026-11-03T10:00").insert();
        seed.handoff().lead("b@x.example", null, null).received("2026-11-03T09:00", "2026-11-03T13:00")
                .overdue("2026-11-03T13:00").insert();

        CoreNumbers core = stats.compute(Q4).handoffs();

        assertThat(core.decidedWithinSla().shown()).isEqualTo("50% (1 of 2)");
        assertThat(core.acceptanceRate().shown()).isEqualTo("100% (1 of 1)");
        assertThat(core.undecided()).isEqualTo(1);
    }

    @Test
    void breakdownsByPersonaSourceAndRep() {
        seedQuarter();

        StatsReport report = stats.compute(Q4);

        assertThat(report.byPersona().groups()).containsExactly(
                new Breakdown.Group("ops-leader", "Operations leader",
                        new CoreNumbers(4, 1, 1, 4, 2, Optional.of(Duration.ofMinutes(90)))),
                new Breakdown.Group("", "", new CoreNumbers(1, 1, 0, 1, 0, Optional.of(Duration.ofHours(17)))),
                new Breakdown.Group("finance-lead", "Finance lead",
                        new CoreNumbers(1, 0, 1, 1, 0, Optional.of(Duration.ofHours(6)))));
        assertThat(report.bySource().groups()).extracting(Breakdown.Group::key, g -> g.numbers().handoffs())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("webinar", 4L),
                        org.assertj.core.groups.Tuple.tuple("", 1L), org.assertj.core.groups.Tuple.tuple("event", 1L));
        assertThat(report.byRep().groups()).containsExactly(
                new Breakdown.Group("U0REP1", "U0REP1",
                        new CoreNumbers(2, 1, 1, 2, 1, Optional.of(Duration.ofMinutes(210)))),
                new Breakdown.Group("U0REP2", "U0REP2",
                        new CoreNumbers(2, 1, 1, 2, 1, Optional.of(Duration.ofMinutes(570)))));
        assertThat(report.byRep().omitted()).isZero();
        assertThat(stats.forRep(Q4, "U0REP2")).isEqualTo(report.byRep().groups().get(1).numbers());
    }

    @Test
    void goalsAreHeldAgainstTheirOwnPeriodOnlyAndCountsReadAsPace() {
        seedQuarter();

        StatsReport report = stats.compute(Q4);
        List<String> lines = report.goals().stream().map(GoalWords::line).toList();

        // Q4 runs from Oct 1 00:00 CDT to Jan 1 00:00 CST: 2,209 hours; by Dec 5 12:00 CST, 1,573 of them (71%).
        assertThat(lines).containsExactly(
                "New leads: 14 of 2,400 leads this quarter (1%), 71% of the quarter gone: behind pace",
                "MQLs handed to sales: 6 of 600 MQLs this quarter (1%), 71% of the quarter gone: behind pace",
                "MQLs handed to sales each month: target 180 MQLs per month; not compared: the target is per month, so "
                        + "only a whole month is held against it (ask for this month's stats)",
                "Lead to MQL conversion: so far 43% (6 of 14) this quarter, target 25% or more: on target",
                "MQLs accepted: 2 of 270 MQLs this quarter (1%), 71% of the quarter gone: behind pace",
                "MQL acceptance rate: so far 50% (2 of 4) this quarter, target 45% or more: on target",
                "MQLs decided within SLA: so far 33% (2 of 6) this quarter, target 90% or more: below target",
                "Median time to decision: so far 4 business hours this quarter, target 2 business hours or less: "
                        + "above target");
        // December so far: z@x reached MQL on the 4th; 4.5 of 31 days gone.
        assertThat(report.marketingPace().stream().map(GoalWords::line).toList()).containsExactly(
                "MQLs handed to sales: 6 of 600 MQLs this quarter (1%), 71% of the quarter gone: behind pace",
                "MQLs handed to sales each month: 1 of 180 MQLs this month (1%), 15% of the month gone: behind pace");
        assertThat(report.goalsEnded()).isNull();
    }

    @Test
    void aFinishedMonthIsHeldAgainstTheMonthlyTargetAndAWindowAgainstNone() {
        seedQuarter();

        StatsReport october = stats.compute(Period.of(GoalPeriod.parse("2026-10").orElseThrow()));
        StatsReport days = stats.compute(Period.lastDays(30, LocalDate.of(2026, 12, 5)));

        assertThat(october.goals()).filteredOn(g -> g.per() == GoalPeriod.Length.MONTH).singleElement()
                .satisfies(g -> assertThat(GoalWords.line(g)).isEqualTo(
                        "MQLs handed to sales each month: 5 of 180 MQLs in 2026-10 (3%): missed"));
        assertThat(days.goals()).allSatisfy(g -> assertThat(g.comparison())
                .isEqualTo(GoalProgress.Comparison.NOT_COMPARED));
    }

    @Test
    void goalsWhosePeriodEndedAreReportedAsEnded() {
        Stats later = new Stats(jdbi, agreement, new BusinessHours(agreement.calendar()),
                Clock.fixed(Seed.at("2027-01-04T10:00"), ZoneOffset.UTC));

        StatsReport report = later.compute(Period.quarter(new Quarter(2027, 1)));

        assertThat(report.goalsEnded()).isEqualTo("2026-Q4 goals ended on 2026-12-31: set this quarter's (2027-Q1) "
                + "in sla.yml");
        assertThat(report.goals()).allSatisfy(g -> assertThat(g.reason()).isEqualTo("the goals are for 2026-Q4"));
        assertThat(report.marketingPace()).isEmpty();
    }

    @Test
    void anEmptyPeriodHasZeroCountsAndNoRates() {
        seedQuarter();

        StatsReport report = stats.compute(Period.quarter(new Quarter(2025, 1)));

        assertThat(report.funnel()).isEqualTo(new Funnel(0, 0, 0, 0));
        assertThat(report.funnel().conversion().value()).isEmpty();
        assertThat(report.handoffs()).isEqualTo(CoreNumbers.none());
        assertThat(report.handoffs().acceptanceRate().value()).isEmpty();
        assertThat(report.handoffs().decidedWithinSla().value()).isEmpty();
        assertThat(report.p90ToDecision()).isEmpty();
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
        assertThat(report.goals().stream().map(GoalWords::line)).anyMatch(l -> l.equals(
                "MQL acceptance rate: so far — (0 of 0) this quarter, target 45% or more: nothing to judge yet"));
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
        // The App Home's numbers, ranked by the database, say the same.
        assertThat(stats.teamAndRep(Q4, "U0REP1"))
                .isEqualTo(new Stats.TeamAndRep(ten.handoffs(), ten.byRep().groups().get(0).numbers()));

        decidedAfter(11);
        StatsReport eleven = stats.compute(Period.quarter(new Quarter(2026, 4)));
        assertThat(eleven.handoffs().medianToDecision()).contains(Duration.ofHours(6));
        // ⌈0.9 × 11⌉ = 10th smallest.
        assertThat(eleven.p90ToDecision()).contains(Duration.ofHours(10));
        assertThat(stats.teamAndRep(Q4, "U0REP1"))
                .isEqualTo(new Stats.TeamAndRep(eleven.handoffs(), eleven.byRep().groups().get(0).numbers()));
    }

    @Test
    void aMedianHalfwayBetweenTwoMillisecondsRoundsUpWhereverItIsRanked() {
        decidedAfter(1);
        decidedAfter(2);
        // 1 ms and 4 ms: the mean of the two middle values is 2.5 ms, shown as 3 ms by the report and the database.
        jdbi.useHandle(h -> h.execute("UPDATE handoffs SET decision_business_ms = CASE WHEN decided_at = "
                + "(SELECT min(decided_at) FROM handoffs) THEN 1 ELSE 4 END"));

        StatsReport report = stats.compute(Q4);

        assertThat(report.handoffs().medianToDecision()).contains(Duration.ofMillis(3));
        Stats.TeamAndRep home = stats.teamAndRep(Q4, "U0REP1");
        assertThat(home.team()).isEqualTo(report.handoffs());
        assertThat(home.rep()).isEqualTo(report.byRep().groups().get(0).numbers());
        assertThat(home.rep().medianToDecision()).contains(Duration.ofMillis(3));
        // A rep who decided nothing this quarter: no handoffs and no median.
        assertThat(stats.forRep(Q4, "U0NOBODY")).isEqualTo(new CoreNumbers(0, 0, 0, 0, 0, Optional.empty()));
        assertThat(stats.teamAndRep(Q4, null)).isEqualTo(new Stats.TeamAndRep(report.handoffs(), null));
        // Homes rendered together: one read, each rep's own numbers.
        Stats.TeamAndReps together = stats.teamAndReps(Q4, List.of("U0NOBODY", "U0REP1", "U0NOBODY"));
        assertThat(together.team()).isEqualTo(report.handoffs());
        assertThat(together.reps()).containsOnlyKeys("U0NOBODY", "U0REP1")
                .containsEntry("U0REP1", report.byRep().groups().get(0).numbers())
                .containsEntry("U0NOBODY", new CoreNumbers(0, 0, 0, 0, 0, Optional.empty()));
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
