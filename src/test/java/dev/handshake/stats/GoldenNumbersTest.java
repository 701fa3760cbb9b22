package dev.handshake.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.AgreementLoader;
import dev.handshake.clock.Quarter;
import dev.handshake.handoff.MarketingOutcome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The golden data set: a small history written through the app's real parts (the intake's {@link
 * dev.handshake.handoff.Handoffs}, the SLA clock's reassignments, the stage-event store) on a real SQLite file, and
 * every figure of docs/NUMBERS.md computed by hand. The shipped agreement: Chicago, Mon–Fri 09:00–17:30, 4 business
 * hours to decide, each MQL routed at intake over the four SDRs, reassigned at most twice, marketing answers a
 * rejection within 16 business hours.
 *
 * <pre>
 * Stage events (lead_id = the lead's email)
 *   l3@x  lead  Tue 09-29 09:00 (Q3)      mql  Wed 10-07 08:00
 *   l1@x  lead  Mon 10-05 08:00           mql  Tue 10-06 10:00
 *   l2@x  lead  Mon 10-05 08:30
 *   l4@x  lead  Tue 10-20 10:00           sql  Thu 10-22 10:00   (skipped MQL: a later stage counts)
 *   l5@x  recycled Wed 10-21 10:00                                (entered, never reached MQL)
 *
 * Handoffs (all 2026; times in Chicago)
 *   id  lead   received         first deadline   decided                               business time  within SLA
 *   H7  h7@x   Wed 09-30 10:00  14:00            accepted 10:30 (Q3: not counted)          0.5 h       -
 *   H1  h1@x   Mon 10-05 09:00  13:00            accepted 10:00 by U0REP1, contacted 11:00  1 h        yes
 *   H2  h2@x   Mon 10-05 16:00  Tue 11:30        rejected Tue 11:00 by U0REP2              3.5 h       yes
 *   H3  l1@x   Tue 10-06 10:00  14:00            reassigned 14:00 (new due Wed 09:30),      6 h        no: late
 *                                               accepted 16:00 by U05SDRAVA01
 *   H4  h4@x   Wed 10-07 09:00  13:00            rejected 12:00 by U0REP1                  3 h         yes
 *   H5  h5@x   Thu 10-08 09:00  13:00            reassigned 13:00 and 17:00, never decided   -         no: missed
 *   H6  h6@x   Fri 10-09 09:00  13:00            rejected 10:00 by U0REP2                  1 h         yes
 *
 * Marketing's answers: H2 recycled Tue 15:00 (4 h); H6 contested Mon 10-12 10:00 (7.5 h Fri + 1 h Mon = 8.5 h);
 * H4 never (its 16 hours ran out Fri 10-09 11:30).
 *
 * Q4 2026, as of Sat 12-05 12:00:
 *   new leads (entered the funnel in Q4)     l1, l2, l4, l5, h1, h2, h4, h5, h6            9
 *   reached MQL by now                       l1, l4, h1, h2, h4, h5, h6                    7   → 78% (7 of 9)
 *   MQLs (first reached MQL in Q4)           l1, l3, l4, h1, h2, h4, h5, h6                8
 *   handoffs 6: accepted 2, rejected 3, still undecided 1           acceptance 40% (2 of 5)
 *   first deadline passed 6, decided by it 4 (H1 H2 H4 H6)          decided within SLA 67% (4 of 6), missed 2
 *   business times 1, 1, 3, 3.5, 6 h                                 median 3 h, 90th percentile (5th of 5) 6 h
 *   reassignments 1 + 2 = 3; contacted 1
 *   rejections 3: recycled 1, contested 1, unanswered 1; limit passed 3, answered within it 2 → 67% (2 of 3);
 *   median answer time (4 + 8.5) / 2 = 6.25 h
 * </pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GoldenNumbersTest {

    private static final Period Q4 = Period.quarter(new Quarter(2026, 4));
    private static final String TIMING = "Timing — no project this year";
    private static final String NO_FIT = "Not a fit — below 50 loads a week";

    private History history;
    private StatsReport report;

    @BeforeAll
    void writeTheHistory(@TempDir Path dir) {
        Agreement agreement = new AgreementLoader().load(Path.of("sla.yml")).agreement();
        history = new History(dir.resolve("golden.db"), agreement, Seed.at("2026-09-29T09:00"));
        History h = history;
        h.stage("l3@x.example", "lead", Seed.at("2026-09-29T09:00"));
        h.at("2026-09-30T10:00");
        long h7 = h.handOff("H7", "h7@x.example", "ops-leader", "webinar");
        h.at("2026-09-30T10:30");
        assertThat(h.accept(h7, "U0REP1")).isTrue();

        h.at("2026-10-05T08:00");
        h.stage("l1@x.example", "lead", Seed.at("2026-10-05T08:00"));
        h.stage("l2@x.example", "lead", Seed.at("2026-10-05T08:30"));
        h.at("2026-10-05T09:00");
        long h1 = h.handOff("H1", "h1@x.example", "ops-leader", "webinar");
        h.at("2026-10-05T10:00");
        assertThat(h.accept(h1, "U0REP1")).isTrue();
        h.at("2026-10-05T11:00");
        assertThat(h.contacted(h1, "U0REP1")).isTrue();
        h.at("2026-10-05T16:00");
        long h2 = h.handOff("H2", "h2@x.example", "ops-leader", "webinar");

        h.at("2026-10-06T10:00");
        h.stage("l1@x.example", "mql", Seed.at("2026-10-06T10:00"));
        long h3 = h.handOff("H3", "l1@x.example", "finance-lead", null);
        h.at("2026-10-06T11:00");
        assertThat(h.reject(h2, "U0REP2", TIMING)).isTrue();
        h.at("2026-10-06T13:00");
        h.at("2026-10-06T14:00"); // H3's deadline: overdue, reassigned
        h.at("2026-10-06T15:00");
        assertThat(h.answer(h2, "U0MKTG1", MarketingOutcome.Kind.RECYCLED)).isTrue();
        h.at("2026-10-06T16:00");
        assertThat(h.accept(h3, "U05SDRAVA01")).isTrue();

        h.at("2026-10-07T08:00");
        h.stage("l3@x.example", "mql", Seed.at("2026-10-07T08:00"));
        h.at("2026-10-07T09:00");
        long h4 = h.handOff("H4", "h4@x.example", "logistics-coordinator", "event");
        h.at("2026-10-07T12:00");
        assertThat(h.reject(h4, "U0REP1", NO_FIT)).isTrue();

        h.at("2026-10-08T09:00");
        long h5 = h.handOff("H5", "h5@x.example", "ops-leader", "webinar");
        h.at("2026-10-08T12:00");
        h.at("2026-10-08T13:00"); // first deadline: reassigned, 4 more hours
        h.at("2026-10-08T17:00"); // second deadline: reassigned again
        h.at("2026-10-09T09:00");
        long h6 = h.handOff("H6", "h6@x.example", "it-integrations", "referral");
        h.at("2026-10-09T10:00");
        assertThat(h.reject(h6, "U0REP2", TIMING)).isTrue();
        h.at("2026-10-09T12:30"); // third deadline: overdue, no reassignment left
        h.at("2026-10-12T10:00");
        assertThat(h.answer(h6, "U0MKTG1", MarketingOutcome.Kind.CONTESTED)).isTrue();

        h.at("2026-10-20T10:00");
        h.stage("l4@x.example", "lead", Seed.at("2026-10-20T10:00"));
        h.at("2026-10-21T10:00");
        h.stage("l5@x.example", "recycled", Seed.at("2026-10-21T10:00"));
        h.at("2026-10-22T10:00");
        h.stage("l4@x.example", "sql", Seed.at("2026-10-22T10:00"));
        h.at("2026-12-05T12:00");
        // Each lead was routed at intake to an SDR of the shipped MQL pool (none named an assignee), and a missed
        // deadline moved it to another: the figures below hold for routed handoffs.
        List<String> pool = List.of("U05SDRAVA01", "U05SDRBEN02", "U05SDRCHL03", "U05SDRDEV04");
        for (long id : List.of(h1, h2, h3, h4, h5, h6)) {
            assertThat(h.handoffs.find(id).orElseThrow().assignee()).as("handoff %d's assignee", id).isIn(pool);
        }
        int heldH5 = h.jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT count(DISTINCT user_id) FROM assignments WHERE handoff_id = :id")
                .bind("id", h5).mapTo(Integer.class).one());
        assertThat(heldH5).as("reps who held H5").isEqualTo(3);
        assertThat(h.handoffs.find(h5).orElseThrow().sla().reassignments()).isEqualTo(2);
        assertThat(h.handoffs.find(h3).orElseThrow().dueAt()).isEqualTo(Seed.at("2026-10-07T09:30"));
        report = h.stats.compute(Q4);
    }

    @Test
    void theFunnel() {
        assertThat(report.funnel()).isEqualTo(new Funnel(9, 7, 8, 1));
        assertThat(report.funnel().conversion().shown()).isEqualTo("78% (7 of 9)");
    }

    @Test
    void theHandoffs() {
        assertThat(report.handoffs()).isEqualTo(new CoreNumbers(6, 2, 3, 6, 4, Optional.of(Duration.ofHours(3))));
        assertThat(report.handoffs().undecided()).isEqualTo(1);
        assertThat(report.handoffs().missed()).isEqualTo(2);
        assertThat(report.handoffs().acceptanceRate().shown()).isEqualTo("40% (2 of 5)");
        assertThat(report.handoffs().decidedWithinSla().shown()).isEqualTo("67% (4 of 6)");
        assertThat(report.p90ToDecision()).contains(Duration.ofHours(6));
        assertThat(report.reassignments()).isEqualTo(3);
        assertThat(report.rejectionReasons()).containsExactly(new ReasonCount(TIMING, 2), new ReasonCount(NO_FIT, 1));
    }

    @Test
    void marketingsSide() {
        assertThat(report.followUps()).isEqualTo(new FollowUps(Duration.ofHours(16), 3, 1, 1, 3, 2,
                Optional.of(Duration.ofMinutes(375))));
        assertThat(FollowUpWords.line(report.followUps())).isEqualTo("Rejections answered by marketing: 2 of 3 "
                + "(1 recycled, 1 contested), median 6 h 15 min; within 16 business hours: 67% (2 of 3) of those whose "
                + "limit has passed");
    }

    @Test
    void byRep() {
        assertThat(report.byRep().groups()).extracting(Breakdown.Group::key, Breakdown.Group::numbers).containsExactly(
                org.assertj.core.groups.Tuple.tuple("U0REP1",
                        new CoreNumbers(2, 1, 1, 2, 2, Optional.of(Duration.ofHours(2)))),
                org.assertj.core.groups.Tuple.tuple("U0REP2",
                        new CoreNumbers(2, 0, 2, 2, 2, Optional.of(Duration.ofMinutes(135)))),
                org.assertj.core.groups.Tuple.tuple("U05SDRAVA01",
                        new CoreNumbers(1, 1, 0, 1, 0, Optional.of(Duration.ofHours(6)))));
    }

    @Test
    void goalsAndIndicators() {
        Map<String, String> goals = report.goals().stream()
                .collect(Collectors.toMap(GoalProgress::name, GoalWords::progress));
        assertThat(goals).containsEntry("MQL acceptance rate",
                        "so far 40% (2 of 5) this quarter, target 45% or more: below target")
                .containsEntry("MQLs decided within SLA",
                        "so far 67% (4 of 6) this quarter, target 90% or more: below target")
                .containsEntry("Median time to decision",
                        "so far 3 business hours this quarter, target 2 business hours or less: above target")
                .containsEntry("Lead to MQL conversion",
                        "so far 78% (7 of 9) this quarter, target 25% or more: on target")
                .containsEntry("MQLs handed to sales",
                        "8 of 600 MQLs this quarter (1%), 71% of the quarter gone: behind pace");
        assertThat(Indicator.of(report, history.agreement)).extracting(Indicator::line).containsExactly(
                "Lead → MQL conversion: not enough data (9 of 50 needed)",
                "MQL acceptance: not enough data (5 of 50 needed)");
    }

    /** The export says, handoff by handoff, what the stats count. */
    @Test
    void theExportAddsUpToTheSameFigures() {
        List<List<String>> rows = CsvRows.parse(history.export.csv(Q4).csv());
        List<String> header = rows.get(0);
        Function<List<String>, String> externalId = row -> row.get(header.indexOf("external_id"));
        Map<String, List<String>> byHandoff = rows.subList(1, rows.size()).stream()
                .collect(Collectors.toMap(externalId, row -> row, (first, later) -> first));
        assertThat(byHandoff.keySet()).containsExactlyInAnyOrder("H1", "H2", "H3", "H4", "H5", "H6");
        Function<String, Map<String, String>> column = name -> byHandoff.entrySet().stream().collect(Collectors.toMap(
                Map.Entry::getKey, e -> e.getValue().get(header.indexOf(name))));
        assertThat(column.apply("within_sla")).isEqualTo(Map.of("H1", "yes", "H2", "yes", "H3", "no", "H4", "yes",
                "H5", "no", "H6", "yes"));
        assertThat(column.apply("first_deadline").get("H3")).isEqualTo("2026-10-06T14:00-05:00");
        assertThat(column.apply("due_at").get("H3")).isEqualTo("2026-10-07T09:30-05:00");
        assertThat(column.apply("decision_business_hours")).isEqualTo(Map.of("H1", "1.000", "H2", "3.500",
                "H3", "6.000", "H4", "3.000", "H5", "", "H6", "1.000"));
        assertThat(column.apply("marketing_answer_business_hours")).isEqualTo(Map.of("H1", "", "H2", "4.000",
                "H3", "", "H4", "", "H5", "", "H6", "8.500"));
        assertThat(column.apply("marketing_within_limit")).isEqualTo(Map.of("H1", "", "H2", "yes", "H3", "",
                "H4", "no", "H5", "", "H6", "yes"));
        assertThat(Arrays.asList("H1", "H3")).allSatisfy(id ->
                assertThat(column.apply("status").get(id)).isEqualTo("accepted"));
        // Where each lead's life stands: H5's third deadline passed with no reassignment left.
        assertThat(column.apply("state")).isEqualTo(Map.of("H1", "contacted", "H2", "recycled", "H3", "accepted",
                "H4", "rejected", "H5", "unclaimed", "H6", "contested"));
    }
}
