package dev.handshake.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.AgreementLoader;
import dev.handshake.clock.Quarter;
import dev.handshake.handoff.Handoff;
import dev.handshake.handoff.HandoffStatus;
import dev.handshake.handoff.MarketingOutcome;
import dev.handshake.home.HomeView;
import dev.handshake.review.Review;
import dev.handshake.review.ReviewMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.BeforeTry;

/**
 * Random histories of stage events, handoffs, decisions, marketing's answers, first contacts and clock moves (which
 * let the SLA clock escalate and reassign), written through the real parts onto a real SQLite file. Whatever the
 * history: every share lies between 0% and 100% with its part no larger than its whole, the counts add up and match
 * a count kept by the test itself, and {@code /sla stats}, the review post, the App Home and the CSV export show the
 * same figures, and the chart draws them.
 */
class NumbersPropertyTest {

    /** Monday 2026-11-02, 08:00 in Chicago: the office opens an hour later. */
    private static final Instant START = Seed.at("2026-11-02T08:00");
    private static final Period Q4 = Period.quarter(new Quarter(2026, 4));
    private static final List<String> LEADS = List.of("p0@x.example", "p1@x.example", "p2@x.example",
            "p3@x.example", "p4@x.example", "p5@x.example");
    private static final List<String> STAGES = List.of("lead", "mql", "sql", "recycled");
    private static final Set<String> REACHED_MQL = Set.of("mql", "sql");
    private static final List<String> PERSONAS = java.util.Arrays.asList("ops-leader", "finance-lead", null);
    private static final List<String> SOURCES = java.util.Arrays.asList("webinar", "event", null);
    private static final List<String> REPS = List.of("U0REP1", "U0REP2", "U05SDRAVA01");
    private static final List<String> REASONS = List.of("Timing — no project this year",
            "Not a fit — below 50 loads a week");

    private static Path folder;
    private static History history;

    /** One thing that happens. Indices pick among the leads, reps, … and the handoffs made so far. */
    sealed interface Step permits StageStep, HandOff, Accept, Reject, Answer, Contact, Wait {}

    record StageStep(int lead, int stage, int hoursAgo) implements Step {}

    record HandOff(int lead, int persona, int source) implements Step {}

    record Accept(int handoff, int rep) implements Step {}

    record Reject(int handoff, int rep, int reason) implements Step {}

    record Answer(int handoff, boolean contest) implements Step {}

    record Contact(int handoff) implements Step {}

    record Wait(int minutes) implements Step {}

    @BeforeContainer
    static void open() throws IOException {
        Path shm = Path.of("/dev/shm");
        folder = Files.isDirectory(shm) && Files.isWritable(shm)
                ? Files.createTempDirectory(shm, "numbers-property") : Files.createTempDirectory("numbers-property");
        Agreement agreement = new AgreementLoader().load(Path.of("sla.yml")).agreement();
        history = new History(folder.resolve("history.db"), agreement, START);
    }

    @AfterContainer
    static void close() throws IOException {
        try (var files = Files.walk(folder)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @BeforeTry
    void fresh() {
        history.clear();
        history.clock.set(START);
    }

    @Provide
    Arbitrary<List<Step>> histories() {
        Arbitrary<Integer> index = Arbitraries.integers().between(0, 50);
        Arbitrary<Step> stage = Combinators.combine(Arbitraries.integers().between(0, LEADS.size() - 1),
                Arbitraries.integers().between(0, STAGES.size() - 1), Arbitraries.integers().between(0, 400))
                .as(StageStep::new);
        Arbitrary<Step> handOff = Combinators.combine(Arbitraries.integers().between(0, LEADS.size() - 1),
                Arbitraries.integers().between(0, PERSONAS.size() - 1),
                Arbitraries.integers().between(0, SOURCES.size() - 1)).as(HandOff::new);
        Arbitrary<Step> accept = Combinators.combine(index, Arbitraries.integers().between(0, REPS.size() - 1))
                .as(Accept::new);
        Arbitrary<Step> reject = Combinators.combine(index, Arbitraries.integers().between(0, REPS.size() - 1),
                Arbitraries.integers().between(0, REASONS.size() - 1)).as(Reject::new);
        Arbitrary<Step> answer = Combinators.combine(index, Arbitraries.of(true, false)).as(Answer::new);
        Arbitrary<Step> contact = index.map(Contact::new);
        Arbitrary<Step> wait = Arbitraries.integers().between(1, 3 * 24 * 60).map(Wait::new);
        Arbitrary<Step> step = Arbitraries.frequencyOf(Tuple.of(3, stage), Tuple.of(4, handOff), Tuple.of(3, accept),
                Tuple.of(3, reject), Tuple.of(2, answer), Tuple.of(1, contact), Tuple.of(4, wait));
        return step.list().ofMaxSize(25);
    }

    /** What the test itself knows of the history, to count by hand. */
    private static final class Model {
        final Map<String, Instant> stageEvents = new HashMap<>();
        final Map<String, Instant> entered = new HashMap<>();
        final Map<String, Instant> reachedMql = new HashMap<>();
        final List<Long> handoffs = new ArrayList<>();

        void seen(String lead, Instant at, boolean mql) {
            entered.merge(lead, at, (a, b) -> a.isBefore(b) ? a : b);
            if (mql) {
                reachedMql.merge(lead, at, (a, b) -> a.isBefore(b) ? a : b);
            }
        }
    }

    @Property(tries = 40)
    void everyFigureIsBoundedAddsUpAndReadsTheSameEverywhere(@ForAll("histories") List<Step> steps) throws Exception {
        Model model = play(steps);
        Instant now = history.clock.instant();
        LocalDate today = LocalDate.ofInstant(now, history.agreement.calendar().zone());

        for (Period period : List.of(Q4, Period.lastDays(7, today), Period.lastDays(1, today))) {
            StatsReport report = history.stats.compute(period);
            bounded(report);
            addsUp(report);
            matchesTheHandCount(report, model, period, now);
        }
        sameEverywhere(history.stats.compute(Q4), today);
    }

    private Model play(List<Step> steps) {
        Model model = new Model();
        for (Step step : steps) {
            Instant now = history.clock.instant();
            if (step instanceof StageStep s) {
                String lead = LEADS.get(s.lead());
                String stage = STAGES.get(s.stage());
                Instant at = now.minus(Duration.ofHours(s.hoursAgo()));
                history.stage(lead, stage, at);
                if (model.stageEvents.putIfAbsent(lead + "|" + stage, at) == null) {
                    model.seen(lead, at, REACHED_MQL.contains(stage));
                }
            } else if (step instanceof HandOff h) {
                String lead = LEADS.get(h.lead());
                model.handoffs.add(history.handOff("K" + model.handoffs.size(), lead, PERSONAS.get(h.persona()),
                        SOURCES.get(h.source())));
                model.seen(lead, now, true);
            } else if (step instanceof Accept a) {
                pick(model, a.handoff()).ifPresent(id -> history.accept(id, REPS.get(a.rep())));
            } else if (step instanceof Reject r) {
                pick(model, r.handoff()).ifPresent(id -> history.reject(id, REPS.get(r.rep()),
                        REASONS.get(r.reason())));
            } else if (step instanceof Answer a) {
                pick(model, a.handoff()).ifPresent(id -> history.answer(id, "U0MKTG1",
                        a.contest() ? MarketingOutcome.Kind.CONTESTED : MarketingOutcome.Kind.RECYCLED));
            } else if (step instanceof Contact c) {
                pick(model, c.handoff()).ifPresent(id -> {
                    Handoff handoff = history.handoffs.find(id).orElseThrow();
                    if (handoff.status() == HandoffStatus.ACCEPTED) {
                        history.contacted(id, handoff.decision().by());
                    }
                });
            } else if (step instanceof Wait w) {
                history.at(now.plus(Duration.ofMinutes(w.minutes())));
            }
        }
        return model;
    }

    private static java.util.Optional<Long> pick(Model model, int index) {
        return model.handoffs.isEmpty() ? java.util.Optional.empty()
                : java.util.Optional.of(model.handoffs.get(index % model.handoffs.size()));
    }

    private static void bounded(StatsReport report) {
        List<Ratio> shares = new ArrayList<>(List.of(report.funnel().conversion(), report.handoffs().acceptanceRate(),
                report.handoffs().decidedWithinSla(), report.followUps().withinLimit()));
        for (Breakdown breakdown : List.of(report.byPersona(), report.bySource(), report.byRep())) {
            breakdown.groups().forEach(g -> shares.add(g.numbers().acceptanceRate()));
            breakdown.groups().forEach(g -> shares.add(g.numbers().decidedWithinSla()));
        }
        report.goals().stream().filter(g -> g.counts() != null).forEach(g -> shares.add(g.counts()));
        for (Ratio share : shares) {
            assertThat(share.part()).isBetween(0L, share.whole());
            share.value().ifPresent(v -> assertThat(v).isBetween(0.0, 1.0));
            assertThat(Figures.percent(share)).matches("—|(100|[1-9]?[0-9])%");
        }
    }

    private static void addsUp(StatsReport report) {
        CoreNumbers core = report.handoffs();
        assertThat(core.accepted() + core.rejected() + core.undecided()).isEqualTo(core.handoffs());
        assertThat(core.withinSla() + core.missed()).isEqualTo(core.deadlinePassed());
        assertThat(core.deadlinePassed()).isLessThanOrEqualTo(core.handoffs());
        assertThat(report.funnel().reachedMql()).isLessThanOrEqualTo(report.funnel().entered());
        assertThat(report.funnel().contacted()).isLessThanOrEqualTo(core.accepted());
        FollowUps followUps = report.followUps();
        assertThat(followUps.rejections()).isEqualTo(core.rejected());
        assertThat(followUps.recycled() + followUps.contested() + followUps.unanswered()).isEqualTo(followUps.rejections());
        assertThat(report.rejectionReasons().stream().mapToLong(ReasonCount::count).sum()).isEqualTo(core.rejected());
        for (Breakdown breakdown : List.of(report.byPersona(), report.bySource())) {
            assertThat(breakdown.omitted()).isZero();
            assertThat(breakdown.groups().stream().mapToLong(g -> g.numbers().handoffs()).sum())
                    .isEqualTo(core.handoffs());
            assertThat(breakdown.groups().stream().mapToLong(g -> g.numbers().withinSla()).sum())
                    .isEqualTo(core.withinSla());
        }
        assertThat(report.byRep().groups().stream().mapToLong(g -> g.numbers().decided()).sum())
                .isEqualTo(core.decided());
    }

    /** The handoffs, leads and MQLs the test counted itself. */
    private static void matchesTheHandCount(StatsReport report, Model model, Period period, Instant now) {
        var zone = history.agreement.calendar().zone();
        Instant from = period.start(zone);
        Instant to = period.end(zone);
        Predicate<Instant> inPeriod = at -> !at.isBefore(from) && at.isBefore(to);
        List<Handoff> received = model.handoffs.stream().map(id -> history.handoffs.find(id).orElseThrow())
                .filter(h -> inPeriod.test(h.receivedAt())).toList();
        assertThat(report.handoffs().handoffs()).isEqualTo(received.size());
        assertThat(report.handoffs().accepted())
                .isEqualTo(received.stream().filter(h -> h.status() == HandoffStatus.ACCEPTED).count());
        assertThat(report.handoffs().rejected())
                .isEqualTo(received.stream().filter(h -> h.status() == HandoffStatus.REJECTED).count());
        Set<String> entered = model.entered.entrySet().stream().filter(e -> inPeriod.test(e.getValue()))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        Instant cutoff = to.isBefore(now) ? to : now.plusMillis(1);
        long reached = entered.stream().filter(lead -> model.reachedMql.containsKey(lead)
                && model.reachedMql.get(lead).isBefore(cutoff)).count();
        long mqls = model.reachedMql.values().stream().filter(inPeriod).count();
        assertThat(report.funnel()).isEqualTo(new Funnel(entered.size(), reached, mqls,
                received.stream().filter(h -> h.sla().contactedAt() != null).count()));
    }

    /** The same figures on the stats card, the review post, the App Home and in the CSV export. */
    private static void sameEverywhere(StatsReport report, LocalDate today) throws Exception {
        CoreNumbers core = report.handoffs();
        String card = StatsCard.render(report, history.agreement.calendar().zone(), false).blocks().toString();
        assertThat(card).contains("*Acceptance rate*\n" + core.acceptanceRate().shown(),
                "*Decided within SLA*\n" + core.decidedWithinSla().shown(),
                "*Lead → MQL conversion*\n" + report.funnel().conversion().shown());

        Review review = new Review("2027-Q1", Instant.EPOCH, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null);
        String post = ReviewMessage.reminder(history.agreement, review, null, report, false, false).blocks().toString();
        assertThat(post).contains("acceptance " + core.acceptanceRate().shown(),
                "Decided within the SLA " + core.decidedWithinSla().shown(),
                "lead → MQL conversion " + report.funnel().conversion().shown());

        assertThat(history.stats.chartNumbers(Q4))
                .isEqualTo(new Stats.ChartNumbers(Q4, report.funnel(), core.accepted()));

        CoreNumbers team = history.stats.team(Q4);
        assertThat(team).isEqualTo(core);
        String home = HomeView.render(history.agreement, new HomeView.Home(Instant.EPOCH, List.of(), List.of(),
                new HomeView.Numbers("2026-Q4", history.stats.forRep(Q4, "U0REP1"), team, today), Optional.empty(),
                Optional.empty())).getBlocks().toString();
        assertThat(home).contains("Acceptance rate " + core.acceptanceRate().shown(),
                "Decided within SLA " + core.decidedWithinSla().shown());

        List<List<String>> rows = CsvRows.parse(history.export.csv(Q4).csv());
        List<String> header = rows.get(0);
        Map<String, List<String>> byHandoff = new HashMap<>();
        rows.subList(1, rows.size()).forEach(row -> byHandoff.putIfAbsent(row.get(0), row));
        java.util.function.BiFunction<String, String, Long> count = (column, value) -> byHandoff.values().stream()
                .filter(row -> row.get(header.indexOf(column)).equals(value)).count();
        assertThat((long) byHandoff.size()).isEqualTo(core.handoffs());
        assertThat(count.apply("status", "accepted")).isEqualTo(core.accepted());
        assertThat(count.apply("status", "rejected")).isEqualTo(core.rejected());
        assertThat(count.apply("within_sla", "yes")).isEqualTo(core.withinSla());
        assertThat(count.apply("within_sla", "yes") + count.apply("within_sla", "no")).isEqualTo(core.deadlinePassed());
        assertThat(count.apply("marketing_within_limit", "yes")).isEqualTo(report.followUps().answeredInTime());
        assertThat(count.apply("marketing_within_limit", "yes") + count.apply("marketing_within_limit", "no"))
                .isEqualTo(report.followUps().limitPassed());
        Set<String> contacted = new HashSet<>();
        byHandoff.forEach((id, row) -> {
            if (!row.get(header.indexOf("contacted_at")).isEmpty()) {
                contacted.add(id);
            }
        });
        assertThat((long) contacted.size()).isEqualTo(report.funnel().contacted());
    }
}
