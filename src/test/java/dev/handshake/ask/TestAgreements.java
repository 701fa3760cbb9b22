package dev.handshake.ask;

import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.Commitment;
import dev.handshake.agreement.Decider;
import dev.handshake.agreement.GlossaryTerm;
import dev.handshake.agreement.Goals;
import dev.handshake.agreement.HandoffTerms;
import dev.handshake.agreement.IndividualGoal;
import dev.handshake.agreement.Kpi;
import dev.handshake.agreement.Metric;
import dev.handshake.agreement.Owner;
import dev.handshake.agreement.Owners;
import dev.handshake.agreement.Persona;
import dev.handshake.agreement.ReassignTerms;
import dev.handshake.agreement.ReminderTerms;
import dev.handshake.agreement.Responsibility;
import dev.handshake.agreement.ReviewTerms;
import dev.handshake.agreement.SlackTarget;
import dev.handshake.agreement.Stage;
import dev.handshake.agreement.StageHandoff;
import dev.handshake.agreement.Target;
import dev.handshake.agreement.Team;
import dev.handshake.agreement.TeamGoal;
import dev.handshake.clock.BusinessCalendar;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;

/** Agreements for tests: a realistic one, and variants with hostile or oversized content. */
final class TestAgreements {

    private TestAgreements() {}

    /** Lead → MQL → SQL → Opportunity → Customer (listed out of order), personas, goals, terms, glossary. */
    static Agreement realistic() {
        return build(UnaryOperator.identity());
    }

    /** The realistic agreement with {@code payload} appended to every free text (names, definitions, …). */
    static Agreement poisoned(String payload) {
        return build(text -> text + " " + payload);
    }

    static Agreement withStages(Agreement a, List<Stage> stages) {
        return new Agreement(a.name(), a.version(), a.effective(), a.owners(), a.personas(), stages, a.goals(),
                a.commitments(), a.handoff(), a.calendar(), a.review(), a.glossary());
    }

    static Agreement withPersonas(Agreement a, List<Persona> personas) {
        return new Agreement(a.name(), a.version(), a.effective(), a.owners(), personas, a.stages(), a.goals(),
                a.commitments(), a.handoff(), a.calendar(), a.review(), a.glossary());
    }

    static Agreement withGlossary(Agreement a, List<GlossaryTerm> glossary) {
        return new Agreement(a.name(), a.version(), a.effective(), a.owners(), a.personas(), a.stages(), a.goals(),
                a.commitments(), a.handoff(), a.calendar(), a.review(), glossary);
    }

    static Agreement withGoals(Agreement a, Goals goals) {
        return new Agreement(a.name(), a.version(), a.effective(), a.owners(), a.personas(), a.stages(), goals,
                a.commitments(), a.handoff(), a.calendar(), a.review(), a.glossary());
    }

    static Agreement withHandoff(Agreement a, HandoffTerms handoff) {
        return new Agreement(a.name(), a.version(), a.effective(), a.owners(), a.personas(), a.stages(), a.goals(),
                a.commitments(), handoff, a.calendar(), a.review(), a.glossary());
    }

    /** The realistic agreement with one stage's definition replaced. */
    static Agreement withDefinition(String stageId, String definition) {
        Agreement a = realistic();
        List<Stage> stages = a.stages().stream()
                .map(s -> s.id().equals(stageId) ? new Stage(s.id(), s.name(), s.aliases(), definition,
                        s.entryCriteria(), s.owner(), s.responsibilities(), s.next()) : s)
                .toList();
        return withStages(a, stages);
    }

    /** {@code count} stages s1 → s2 → … named by {@code name}, each with a short definition. */
    static List<Stage> chain(int count, IntFunction<String> name) {
        List<Stage> stages = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            stages.add(new Stage("s" + i, name.apply(i), List.of(), "Stage number " + i + ".", List.of(),
                    i % 2 == 0 ? Team.SALES : Team.MARKETING, List.of(), i < count ? "s" + (i + 1) : null));
        }
        return stages;
    }

    static Stage stage(String id, String name, String next) {
        return new Stage(id, name, List.of(), name + " definition.", List.of(), Team.MARKETING, List.of(), next);
    }

    static GlossaryTerm glossary(String id, String name, List<String> aliases, String definition) {
        return new GlossaryTerm(id, name, aliases, definition);
    }

    private static Agreement build(UnaryOperator<String> t) {
        Owners owners = new Owners(
                new Owner(t.apply("Dana Lee"), t.apply("VP Marketing"), "U0DANA0001"),
                new Owner(t.apply("Sam Ortiz"), t.apply("VP Sales"), "U0SAM00001"));
        List<Persona> personas = List.of(
                new Persona("ops-leader", t.apply("Operations Leader"), List.of(t.apply("COO")),
                        t.apply("Runs operations at a 200–2,000 person company and owns the tooling budget."),
                        t.apply("Reports to the CEO; measured on cost per order and on-time delivery."),
                        List.of(t.apply("Data-driven"), t.apply("Signs off purchases up to $50k")),
                        List.of(t.apply("Spreadsheets that break at month end"), t.apply("No single view of orders"))),
                new Persona("it-admin", t.apply("IT Administrator"), List.of(),
                        t.apply("Keeps the tools running and approves every integration."),
                        t.apply("Small team, many tickets."),
                        List.of(t.apply("Security-minded")), List.of(t.apply("Shadow IT"))));
        List<Stage> stages = List.of(
                new Stage("sql", t.apply("Sales Qualified Lead"), List.of(t.apply("SAL"), t.apply("Sales accepted lead")),
                        t.apply("An MQL that sales accepted and will work."),
                        List.of(t.apply("Accepted by a rep in Slack")), Team.SALES,
                        List.of(new Responsibility(t.apply("Account executive"), t.apply("Runs discovery within 5 business days"))),
                        "opportunity"),
                new Stage("lead", t.apply("Lead"), List.of(t.apply("Raw lead")),
                        t.apply("Anyone who gave us contact details."), List.of(t.apply("Has a valid work email")),
                        Team.MARKETING,
                        List.of(new Responsibility(t.apply("Marketing"), t.apply("Captures and enriches the lead"))),
                        "mql"),
                new Stage("customer", t.apply("Customer"), List.of(t.apply("Closed won")),
                        t.apply("Signed a contract."), List.of(t.apply("Contract signed")), Team.SALES,
                        List.of(new Responsibility(t.apply("Customer success"), t.apply("Onboards within 10 days"))),
                        null),
                new Stage("mql", t.apply("Marketing Qualified Lead"), List.of(t.apply("Marketing lead")),
                        t.apply("A lead that fits a persona and showed buying intent."),
                        List.of(t.apply("Matches a persona"), t.apply("Lead score of 60 or more"),
                                t.apply("Asked for a demo or visited pricing twice")),
                        Team.MARKETING,
                        List.of(new Responsibility(t.apply("Marketing"), t.apply("Nurtures and scores the lead")),
                                new Responsibility(t.apply("SDR"), t.apply("Accepts or rejects in Slack"))),
                        "sql"),
                new Stage("opportunity", t.apply("Opportunity"), List.of(t.apply("Opp"), t.apply("Deal")),
                        t.apply("A qualified buying project with a budget and a date."),
                        List.of(t.apply("Budget confirmed"), t.apply("Decision date set")), Team.SALES,
                        List.of(new Responsibility(t.apply("Account executive"), t.apply("Keeps the forecast current"))),
                        "customer"));
        Goals goals = new Goals(dev.handshake.agreement.GoalPeriod.parse("2025-Q3").orElseThrow(), new BigDecimal("1200000"), "USD",
                List.of(new TeamGoal(Team.MARKETING, List.of(
                                new Target(t.apply("MQLs"), new BigDecimal("600"), null, Metric.MQLS),
                                new Target(t.apply("Pipeline"), new BigDecimal("3000000"), "USD", null))),
                        new TeamGoal(Team.SALES, List.of(
                                new Target(t.apply("Acceptance rate"), new BigDecimal("80"), "%", Metric.ACCEPTANCE_RATE)))),
                List.of(new IndividualGoal(t.apply("Each SDR"), List.of(
                                new Target(t.apply("Meetings booked"), new BigDecimal("40"), "per quarter", null))),
                        new IndividualGoal(t.apply("Each AE"), List.of(
                                new Target(t.apply("Closed revenue"), new BigDecimal("150000.50"), "EUR", null)))),
                List.of(new Kpi("lead-to-mql", t.apply("Lead to MQL conversion"),
                                t.apply("Share of new leads that become MQLs within 30 days."), t.apply("25%"),
                                Metric.LEAD_TO_MQL_CONVERSION),
                        new Kpi("mql-acceptance", t.apply("MQL acceptance rate"),
                                t.apply("Share of handed-off MQLs that sales accepts."), t.apply("80%"),
                                Metric.ACCEPTANCE_RATE)));
        List<Commitment> commitments = List.of(
                new Commitment(Team.MARKETING, t.apply("Deliver 600 MQLs"), t.apply("by the end of each quarter")),
                new Commitment(Team.MARKETING, t.apply("Attach a persona to every handoff"), t.apply("with every handoff")),
                new Commitment(Team.SALES, t.apply("Accept or reject every MQL"), t.apply("within 4 business hours")),
                new Commitment(Team.SALES, t.apply("Give a reason for every rejection"), t.apply("when rejecting")));
        HandoffTerms handoff = new HandoffTerms(
                List.of(new StageHandoff("mql", Duration.ofHours(4), Duration.ofHours(8))),
                Decider.ASSIGNEE, "C0SALES001", "#marketing-ops",
                new SlackTarget(SlackTarget.Kind.USER_GROUP, "S0SALESMGR"),
                List.of(t.apply("Not a fit for any persona"), t.apply("Duplicate of an open opportunity"),
                        t.apply("Bad contact data")),
                new ReminderTerms(75, null),
                new ReassignTerms(true, 2, List.of("U0REP00001", "U0REP00002")));
        BusinessCalendar calendar = new BusinessCalendar(ZoneId.of("Europe/Berlin"),
                EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(9, 0), LocalTime.of(17, 0), Set.of());
        ReviewTerms review = new ReviewTerms(ReviewTerms.Cadence.QUARTERLY, "#revops", LocalTime.of(10, 0), 7,
                new BigDecimal("0.20"), new BigDecimal("0.60"), 30);
        List<GlossaryTerm> glossary = List.of(
                new GlossaryTerm("inbound-lead", t.apply("Inbound lead"), List.of(t.apply("inbound"), "线索"),
                        t.apply("A lead that came to us: a form, a demo request, a chat.")),
                new GlossaryTerm("hot-lead", t.apply("Hot lead"), List.of("🔥"),
                        t.apply("A lead that asked for a call this week.")),
                new GlossaryTerm("recycle", t.apply("Recycle"), List.of(t.apply("recycled lead")),
                        t.apply("Send a rejected lead back to nurturing.")));
        return new Agreement(t.apply("Acme Marketing–Sales SLA"), t.apply("1.2"), LocalDate.of(2025, 1, 6), owners,
                personas, stages, goals, commitments, handoff, calendar, review, glossary);
    }
}
