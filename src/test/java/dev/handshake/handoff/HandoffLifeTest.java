package dev.handshake.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.AgreementLoader;
import dev.handshake.clock.BusinessHours;
import dev.handshake.db.Database;
import dev.handshake.db.Transactions;
import dev.handshake.outbox.Outbox;
import dev.handshake.outbox.OutboxStore;
import dev.handshake.people.Directory;
import dev.handshake.people.Membership;
import dev.handshake.routing.RepProfiles;
import dev.handshake.routing.Router;
import dev.handshake.people.Audiences;
import dev.handshake.slack.SlackReads;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every state of a handoff's life against every step, through the real store on a migrated SQLite file: a step the
 * table allows moves the handoff to the state it says, by compare-and-set, with the events and Slack work it owes; a
 * step it does not allow changes nothing and gets a clear refusal (for a person) or is cancelled (for the clock). And
 * for every step a person may take, someone the agreement does not name for it is refused, with nothing changed.
 */
class HandoffLifeTest {

    private static final String REP = "U0REP00001";
    private static final String MARKETER = HandoffWorld.MARKETER;
    private static final String MANAGER = HandoffWorld.MANAGER;
    private static final String STRANGER = "U0STRANGE1";
    private static final String NEXT_REP = "U05SDRAVA01";
    /** Monday 10:00 in Chicago: business hours, so deadlines are hours away, not days. */
    private static final Instant T0 = Instant.parse("2026-11-30T16:00:00Z");

    /** The Slack work each step owes, at least (more can come, such as closing notices). */
    private static final Map<Step, Set<DeliveryKind>> OWES = Map.ofEntries(
            Map.entry(Step.ACCEPT, EnumSet.of(DeliveryKind.UPDATE_HANDOFF)),
            Map.entry(Step.REJECT, EnumSet.of(DeliveryKind.UPDATE_HANDOFF, DeliveryKind.NOTIFY_MARKETING)),
            Map.entry(Step.TAKE, EnumSet.of(DeliveryKind.UPDATE_HANDOFF, DeliveryKind.TOLD_ASSIGNEE)),
            Map.entry(Step.REASSIGN, EnumSet.of(DeliveryKind.REASSIGN_THREAD, DeliveryKind.REASSIGN_DM,
                    DeliveryKind.UPDATE_HANDOFF)),
            Map.entry(Step.RECYCLE, EnumSet.of(DeliveryKind.UPDATE_MARKETING, DeliveryKind.UPDATE_HANDOFF)),
            Map.entry(Step.CONTEST, EnumSet.of(DeliveryKind.CONTEST, DeliveryKind.UPDATE_MARKETING)),
            Map.entry(Step.UPHOLD, EnumSet.of(DeliveryKind.UPHELD_MARKETING, DeliveryKind.UPDATE_MARKETING)),
            Map.entry(Step.REOPEN, EnumSet.of(DeliveryKind.REOPEN_THREAD, DeliveryKind.REOPEN_DM,
                    DeliveryKind.UPDATE_MARKETING, DeliveryKind.UPDATE_HANDOFF)),
            Map.entry(Step.MARK_CONTACTED, EnumSet.of(DeliveryKind.UPDATE_HANDOFF)),
            Map.entry(Step.REMINDER_DUE, EnumSet.of(DeliveryKind.REMIND_THREAD, DeliveryKind.REMIND_DM)),
            Map.entry(Step.ROTATE, EnumSet.of(DeliveryKind.ESCALATE, DeliveryKind.REASSIGN_THREAD,
                    DeliveryKind.REASSIGN_DM)),
            Map.entry(Step.LAPSE, EnumSet.of(DeliveryKind.ESCALATE, DeliveryKind.UNCLAIMED_MARKETING,
                    DeliveryKind.UPDATE_HANDOFF)),
            Map.entry(Step.CONTACT_REMINDER_DUE, EnumSet.of(DeliveryKind.CONTACT_REMIND_THREAD,
                    DeliveryKind.CONTACT_REMIND_DM)),
            Map.entry(Step.CONTACT_DEADLINE_PASSED, EnumSet.of(DeliveryKind.CONTACT_ESCALATE)),
            Map.entry(Step.FOLLOWUP_REMINDER_DUE, EnumSet.of(DeliveryKind.FOLLOWUP_REMIND)),
            Map.entry(Step.FOLLOWUP_DEADLINE_PASSED, EnumSet.of(DeliveryKind.FOLLOWUP_ESCALATE)));

    /** The event each step records. */
    private static final Map<Step, String> RECORDS = Map.ofEntries(
            Map.entry(Step.ACCEPT, "accepted"), Map.entry(Step.REJECT, "rejected"), Map.entry(Step.TAKE, "accepted"),
            Map.entry(Step.REASSIGN, "reassigned"), Map.entry(Step.RECYCLE, "recycled"),
            Map.entry(Step.CONTEST, "contested"), Map.entry(Step.UPHOLD, "upheld"), Map.entry(Step.REOPEN, "reopened"),
            Map.entry(Step.MARK_CONTACTED, "contacted"), Map.entry(Step.REMINDER_DUE, "reminded"),
            Map.entry(Step.ROTATE, "reassigned"), Map.entry(Step.LAPSE, "unclaimed"),
            Map.entry(Step.CONTACT_REMINDER_DUE, "contact_reminded"),
            Map.entry(Step.CONTACT_DEADLINE_PASSED, "contact_escalated"),
            Map.entry(Step.FOLLOWUP_REMINDER_DUE, "followup_reminded"),
            Map.entry(Step.FOLLOWUP_DEADLINE_PASSED, "followup_escalated"));

    private static Path dir;
    private static Jdbi jdbi;
    private static HandoffStore store;
    private static TimerStore timers;
    private static Handoffs handoffs;
    private static Refusals refusals;
    private static Agreement agreement;
    private static BusinessHours hours;
    private static final AtomicInteger ids = new AtomicInteger();

    private static Router router;

    @BeforeAll
    static void open() throws Exception {
        dir = Files.createTempDirectory("handoff-life");
        jdbi = Database.open("jdbc:sqlite:" + dir.resolve("handshake.db")).jdbi();
        Transactions writes = Transactions.direct(jdbi);
        Outbox outbox = new Outbox(new OutboxStore(jdbi, writes), writes, Clock.systemUTC(), 1);
        store = new HandoffStore(jdbi, writes, outbox);
        agreement = new AgreementLoader().load(Path.of("sla.yml")).agreement();
        hours = new BusinessHours(agreement.calendar());
        timers = new TimerStore(jdbi, writes, outbox, new TimerStore.Destinations(agreement.handoff().salesChannel(),
                agreement.handoff().marketingChannel(), agreement.owners().marketing().slackUser()));
        Membership membership = new Membership(workspace(), Clock.systemUTC());
        handoffs = new Handoffs(store, null, agreement, agreement.version(), hours, Clock.fixed(T0, ZoneOffset.UTC),
                new HandoffRoles(agreement, membership));
        router = new Router(agreement, new RepProfiles(jdbi, writes), day -> Map.of());
        refusals = new Refusals(agreement, new Audiences(new Directory(workspace(), Clock.systemUTC())));
    }

    @AfterAll
    static void close() throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        }
    }

    @TestFactory
    Stream<DynamicTest> everyStateAgainstEveryStep() {
        List<DynamicTest> tests = new ArrayList<>();
        for (HandoffState state : HandoffState.values()) {
            for (Step step : Step.values()) {
                Optional<HandoffLife.Rule> rule = HandoffLife.rule(state, step);
                String name = state.key() + " × " + step.name().toLowerCase(java.util.Locale.ROOT) + " → "
                        + rule.map(r -> r.to().key()).orElse("refused");
                tests.add(dynamicTest(name, () -> walk(state, step, rule)));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> someoneTheAgreementDoesNotNameIsRefusedEveryPersonsStep() {
        List<DynamicTest> tests = new ArrayList<>();
        for (HandoffState state : HandoffState.values()) {
            for (Step step : HandoffLife.steps(state)) {
                Set<Role> who = HandoffLife.rule(state, step).orElseThrow().who();
                if (step.timed() || who.contains(Role.DECIDER)) {
                    continue; // the shipped agreement lets anyone decide
                }
                tests.add(dynamicTest(state.key() + " × " + step.name().toLowerCase(java.util.Locale.ROOT)
                        + " by a stranger", () -> {
                    Handoff handoff = in(state);
                    Snapshot before = snapshot(handoff.id());
                    Object outcome = take(step, handoff, STRANGER);
                    assertThat(outcome).isInstanceOf(Outcome.Refused.class);
                    assertThat(refusals.explain((Outcome) outcome, step)).startsWith("Only ").contains("can " + step.words());
                    assertThat(snapshot(handoff.id())).isEqualTo(before);
                }));
            }
        }
        return tests.stream();
    }

    @Test
    void everyStateHasAWayOutOrIsAnEnd() {
        for (HandoffState state : HandoffState.values()) {
            boolean leaves = HandoffLife.steps(state).stream()
                    .anyMatch(step -> HandoffLife.rule(state, step).orElseThrow().to() != state);
            assertThat(leaves || state.finished() || state == HandoffState.ACCEPTED)
                    .as(state + " has a step that leads elsewhere, or is where a lead ends").isTrue();
        }
        assertThat(HandoffLife.steps(HandoffState.UNCLAIMED)).contains(Step.RECYCLE, Step.REASSIGN, Step.TAKE);
    }

    private void walk(HandoffState state, Step step, Optional<HandoffLife.Rule> rule) {
        Handoff handoff = in(state);
        assertThat(handoff.state()).isEqualTo(state);
        if (step.timed()) {
            prepare(step, handoff);
        }
        Snapshot before = snapshot(handoff.id());
        String actor = actorFor(step, rule);
        Object result = step.timed() ? fire(step, handoff) : take(step, handoff, actor);
        Snapshot after = snapshot(handoff.id());
        if (rule.isPresent()) {
            assertThat(result).as("the result of an allowed step")
                    .isIn(TimerStore.Outcome.FIRED, "done");
            assertThat(after.state()).isEqualTo(rule.get().to());
            assertThat(after.newEvents(before)).contains(RECORDS.get(step));
            assertThat(after.newItems(before)).containsAll(OWES.get(step).stream().map(DeliveryKind::key).toList());
        } else {
            assertThat(after).as("nothing changes").isEqualTo(before);
            if (step.timed()) {
                assertThat(result).isEqualTo(TimerStore.Outcome.CANCELLED);
            } else {
                assertThat(result).isInstanceOf(Outcome.AlreadyDone.class);
                String refusal = refusals.explain((Outcome) result, step);
                assertThat(refusal).isNotBlank().doesNotContain("Exception", "null");
            }
        }
    }

    /** Someone the table names for the step (for a step it does not allow, whoever would plausibly try). */
    private static String actorFor(Step step, Optional<HandoffLife.Rule> rule) {
        Set<Role> who = rule.map(HandoffLife.Rule::who).orElse(Set.of());
        if (who.contains(Role.ESCALATION) && !who.contains(Role.MARKETING)) {
            return MANAGER;
        }
        return switch (step) {
            case RECYCLE, CONTEST -> MARKETER;
            case TAKE, UPHOLD, REOPEN -> MANAGER;
            case REASSIGN -> who.contains(Role.MARKETING) ? MARKETER : MANAGER;
            default -> REP;
        };
    }

    /** A person takes the step through the handoff capability's entry point; "done" when it was recorded. */
    private static Object take(Step step, Handoff handoff, String user) {
        Outcome outcome = switch (step) {
            case ACCEPT -> handoffs.accept(handoff.id(), user);
            case REJECT -> handoffs.reject(handoff.id(), user, "Not a fit", null);
            case TAKE -> handoffs.take(handoff.id(), user);
            case REASSIGN -> handoffs.reassign(handoff.id(), user, NEXT_REP);
            case RECYCLE -> handoffs.answerRejection(handoff.id(), user, MarketingOutcome.Kind.RECYCLED);
            case CONTEST -> handoffs.answerRejection(handoff.id(), user, MarketingOutcome.Kind.CONTESTED);
            case UPHOLD -> handoffs.uphold(handoff.id(), user);
            case REOPEN -> handoffs.reopen(handoff.id(), user);
            case MARK_CONTACTED -> handoffs.markContacted(handoff.id(), user);
            default -> throw new IllegalArgumentException(step + " is the clock's");
        };
        if (outcome instanceof Outcome.Done) {
            return "done";
        }
        return outcome;
    }

    private static TimerKind kindOf(Step step) {
        return switch (step) {
            case REMINDER_DUE -> TimerKind.REMIND;
            case ROTATE, LAPSE -> TimerKind.ESCALATE;
            case CONTACT_REMINDER_DUE -> TimerKind.CONTACT_REMIND;
            case CONTACT_DEADLINE_PASSED -> TimerKind.CONTACT_ESCALATE;
            case FOLLOWUP_REMINDER_DUE -> TimerKind.FOLLOWUP_REMIND;
            case FOLLOWUP_DEADLINE_PASSED -> TimerKind.FOLLOWUP_ESCALATE;
            default -> throw new IllegalArgumentException(step + " is a person's");
        };
    }

    private static final Instant DUE = T0.plus(Duration.ofHours(1));

    private static boolean reminder(TimerKind kind) {
        return kind == TimerKind.REMIND || kind == TimerKind.CONTACT_REMIND || kind == TimerKind.FOLLOWUP_REMIND;
    }

    /**
     * The step's timer, pending in the handoff's current round; a reminder also gets the deadline it comes before,
     * an hour later (a reminder after its deadline gives way to the deadline).
     */
    private static void prepare(Step step, Handoff handoff) {
        TimerKind kind = kindOf(step);
        int round = handoff.sla().round();
        Instant due = DUE;
        jdbi.useHandle(handle -> handle.createUpdate("""
                        INSERT INTO <table> (handoff_id, kind, round, due_at, state)
                        VALUES (:id, :kind, :round, :due, 'pending')
                        ON CONFLICT (handoff_id, kind, round) DO UPDATE SET state = 'pending', due_at = :due""")
                .define("table", kind.table()).bind("id", handoff.id()).bind("kind", kind.key())
                .bind("round", round).bind("due", due.toEpochMilli()).execute());
        if (reminder(kind)) {
            TimerKind deadline = switch (kind) {
                case REMIND -> TimerKind.ESCALATE;
                case CONTACT_REMIND -> TimerKind.CONTACT_ESCALATE;
                default -> TimerKind.FOLLOWUP_ESCALATE;
            };
            jdbi.useHandle(handle -> handle.createUpdate("""
                            INSERT INTO <table> (handoff_id, kind, round, due_at, state)
                            VALUES (:id, :kind, :round, :due, 'pending') ON CONFLICT DO NOTHING""")
                    .define("table", deadline.table()).bind("id", handoff.id()).bind("kind", deadline.key())
                    .bind("round", round).bind("due", due.plus(Duration.ofHours(1)).toEpochMilli()).execute());
            jdbi.useHandle(handle -> handle.createUpdate(
                            "UPDATE handoffs SET due_at = :due, contact_due_at = coalesce(contact_due_at, :due) WHERE id = :id")
                    .bind("due", due.plus(Duration.ofHours(1)).toEpochMilli()).bind("id", handoff.id()).execute());
        }
    }

    /** The clock takes the step: its timer fires, reminders before their deadline, deadlines after theirs. */
    private static TimerStore.Outcome fire(Step step, Handoff handoff) {
        TimerKind kind = kindOf(step);
        Instant now = reminder(kind) ? T0.plus(Duration.ofMinutes(30)) : T0.plus(Duration.ofHours(2));
        TimerStore.Reassignment reassignment = step == Step.ROTATE
                ? new TimerStore.Reassignment(agreement.handoff().reassign(), router,
                        Handoffs.deadline(hours, agreement, now, Duration.ofHours(4)))
                : null;
        return timers.fire(new Timer(handoff.id(), kind, handoff.sla().round(), DUE), now, reassignment);
    }

    /** A fresh handoff, brought to {@code state} by the steps that lead there. */
    private static Handoff in(HandoffState state) {
        long id = received();
        switch (state) {
            case PENDING -> { }
            case UNCLAIMED -> {
                prepare(Step.LAPSE, store.find(id).orElseThrow());
                assertThat(fire(Step.LAPSE, store.find(id).orElseThrow())).isEqualTo(TimerStore.Outcome.FIRED);
            }
            case ACCEPTED -> done(handoffs.accept(id, REP));
            case CONTACTED -> {
                done(handoffs.accept(id, REP));
                done(handoffs.markContacted(id, REP));
            }
            case REJECTED -> done(handoffs.reject(id, REP, "Not a fit", null));
            case CONTESTED -> {
                done(handoffs.reject(id, REP, "Not a fit", null));
                done(handoffs.answerRejection(id, MARKETER, MarketingOutcome.Kind.CONTESTED));
            }
            case UPHELD -> {
                done(handoffs.reject(id, REP, "Not a fit", null));
                done(handoffs.answerRejection(id, MARKETER, MarketingOutcome.Kind.CONTESTED));
                done(handoffs.uphold(id, MANAGER));
            }
            case RECYCLED -> {
                done(handoffs.reject(id, REP, "Not a fit", null));
                done(handoffs.answerRejection(id, MARKETER, MarketingOutcome.Kind.RECYCLED));
            }
        }
        return store.find(id).orElseThrow();
    }

    private static void done(Outcome outcome) {
        assertThat(outcome).isInstanceOf(Outcome.Done.class);
    }

    private static long received() {
        String key = "hs-life-" + ids.incrementAndGet();
        Lead lead = new Lead("Dana Whitfield", "dana" + key + "@northwind.example", null, "Northwind Logistics",
                null, null, null, null);
        HandoffStore.Intake intake = store.receive(new NewHandoff(key, "mql", lead, REP, null, List.of()),
                "a".repeat(64), T0, Handoffs.deadline(hours, agreement, T0, Duration.ofHours(4)), agreement.version(),
                agreement.handoff().salesChannel());
        return ((HandoffStore.Created) intake).handoff().id();
    }

    /** What a step may change: the handoff's row, its events, and the work it owes. */
    private record Snapshot(HandoffState state, String row, List<String> events, List<String> items) {
        List<String> newEvents(Snapshot before) {
            return events.subList(before.events.size(), events.size());
        }

        List<String> newItems(Snapshot before) {
            return items.subList(before.items.size(), items.size());
        }
    }

    private static Snapshot snapshot(long id) {
        return jdbi.withHandle(handle -> new Snapshot(
                HandoffState.fromKey(handle.createQuery("SELECT state FROM handoffs WHERE id = :id").bind("id", id)
                        .mapTo(String.class).one()),
                handle.createQuery("""
                                SELECT status || '|' || state || '|' || coalesce(assignee_user, '') || '|'
                                    || coalesce(decided_by, '') || '|' || coalesce(marketing_outcome, '') || '|'
                                    || clock_round || '|' || due_at FROM handoffs WHERE id = :id""")
                        .bind("id", id).mapTo(String.class).one(),
                handle.createQuery("SELECT kind FROM handoff_events WHERE handoff_id = :id ORDER BY id")
                        .bind("id", id).mapTo(String.class).list(),
                handle.createQuery("SELECT kind FROM outbox WHERE subject = :id ORDER BY id")
                        .bind("id", String.valueOf(id)).mapTo(String.class).list()));
    }

    /** The workspace as Slack would answer: the managers' group and the marketing channel's members. */
    private static HandoffWorld.Reads workspace() {
        return new HandoffWorld.Reads(
                (channel, ts) -> "https://handshake-test.slack.com/archives/" + channel + "/p" + ts.replace(".", ""));
    }
}
