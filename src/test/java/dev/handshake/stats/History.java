package dev.handshake.stats;

import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.Decider;
import dev.handshake.clock.BusinessHours;
import dev.handshake.db.Database;
import dev.handshake.db.Transactions;
import dev.handshake.export.HandoffExport;
import dev.handshake.funnel.StageEvent;
import dev.handshake.funnel.StageEventStore;
import dev.handshake.handoff.HandoffLife;
import dev.handshake.handoff.HandoffStore;
import dev.handshake.handoff.Handoffs;
import dev.handshake.handoff.Lead;
import dev.handshake.handoff.MarketingOutcome;
import dev.handshake.handoff.NewHandoff;
import dev.handshake.handoff.Outcome;
import dev.handshake.handoff.RouteStore;
import dev.handshake.handoff.SlaClock;
import dev.handshake.handoff.SlaClockHand;
import dev.handshake.outbox.Outbox;
import dev.handshake.outbox.OutboxStore;
import dev.handshake.roster.Roster;
import dev.handshake.routing.RepProfiles;
import dev.handshake.routing.Router;
import dev.handshake.people.Membership;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * A history of the funnel written through the app's own parts on a real SQLite file with the real migrations:
 * stage events through {@link StageEventStore}, handoffs and decisions through {@link Handoffs} (routed at intake
 * by the agreement's stage routing, as the app routes them), deadlines,
 * escalations and reassignments through the {@link SlaClock}, all on a clock the test sets, each write its own
 * transaction and the Slack work they owe left in an outbox that is never dispatched. Read back through
 * {@link Stats} and {@link HandoffExport}.
 */
final class History {

    /** A clock that stays where the test puts it. */
    static final class SetClock extends Clock {
        private volatile Instant now;

        SetClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    final SetClock clock;
    final Jdbi jdbi;
    final Agreement agreement;
    final BusinessHours hours;
    final Handoffs handoffs;
    final StageEventStore events;
    final SlaClock sla;
    final Stats stats;
    final HandoffExport export;

    History(Path file, Agreement agreement, Instant start) {
        this.clock = new SetClock(start);
        this.jdbi = Database.open("jdbc:sqlite:" + file).jdbi();
        this.agreement = agreement;
        this.hours = new BusinessHours(agreement.calendar());
        Transactions writes = Transactions.direct(jdbi);
        Outbox outbox = new Outbox(new OutboxStore(jdbi, writes), writes, clock, 1);
        new FunnelLeads(writes, agreement).sync();
        HandoffStore store = new HandoffStore(jdbi, writes, outbox);
        // Routed at intake and on reassignment as the app routes them: the stage's rotation, who is away.
        Roster roster = new Roster(jdbi, writes, clock, agreement.calendar().zone());
        Router router = new Router(agreement, new RepProfiles(jdbi, writes), roster::awayThrough);
        RouteStore routes = new RouteStore(jdbi, writes, outbox, agreement, hours, router);
        // The numbers' histories take steps as the people the agreement names; who those are is not under test here.
        HandoffLife.Roles roles = (role, handoff, user) -> switch (role) {
            case DECIDER -> Membership.Check.yesIf(agreement.handoff().whoDecides() == Decider.ANYONE
                    || handoff.assignee() == null || handoff.assignee().equals(user));
            case ACCEPTER -> Membership.Check.yesIf(handoff.decision() != null && handoff.decision().by().equals(user));
            case MARKETING, ESCALATION -> Membership.Check.yesIf(true);
            case CLOCK -> Membership.Check.yesIf(false);
        };
        this.handoffs = new Handoffs(store, routes, agreement, agreement.version(), hours, clock, roles);
        this.events = new StageEventStore(writes);
        this.sla = new SlaClock(store, jdbi, writes, outbox, agreement, hours, clock, router);
        this.stats = new Stats(jdbi, agreement, hours, clock);
        this.export = new HandoffExport(jdbi, agreement.calendar().zone(), stats.followUpClock(), clock);
    }

    /** Moves the clock (never back) and lets the SLA clock fire what fell due, as its ticker would. */
    void at(Instant when) {
        if (when.isBefore(clock.instant())) {
            throw new IllegalArgumentException("the clock only moves forward: " + when + " < " + clock.instant());
        }
        clock.set(when);
        SlaClockHand.tick(sla);
    }

    void at(String chicago) {
        at(Seed.at(chicago));
    }

    void stage(String lead, String stage, Instant when) {
        events.store(List.of(new StageEvent(lead, stage, when)), clock.instant());
    }

    /** A handoff of the MQL stage, unassigned, received now; returns its id. */
    long handOff(String key, String email, String persona, String source) {
        NewHandoff request = new NewHandoff(key, "mql", new Lead("Lead " + key, email, null, null, persona, null,
                source, null), null, null, List.of());
        var intake = handoffs.receive(request, "sha-" + key);
        if (!(intake instanceof HandoffStore.Created created)) {
            throw new IllegalStateException("not created: " + intake);
        }
        return created.handoff().id();
    }

    boolean accept(long id, String user) {
        return handoffs.accept(id, user) instanceof Outcome.Done;
    }

    boolean reject(long id, String user, String reason) {
        return handoffs.reject(id, user, reason, null) instanceof Outcome.Done;
    }

    boolean answer(long id, String user, MarketingOutcome.Kind kind) {
        return handoffs.answerRejection(id, user, kind) instanceof Outcome.Done;
    }

    boolean contacted(long id, String user) {
        return handoffs.markContacted(id, user) instanceof Outcome.Done;
    }

    /** Empties every table a history writes, for the next one; the schema and the funnel's stages stay. */
    void clear() {
        jdbi.useTransaction(handle -> {
            for (String table : List.of("outbox", "timers", "marketing_timers", "handoff_notices", "assignments",
                    "handoff_events", "handoffs", "stage_events", "funnel_leads", "round_robin", "rotations",
                    "rotation_turns", "away")) {
                handle.execute("DELETE FROM " + table);
            }
        });
    }
}
