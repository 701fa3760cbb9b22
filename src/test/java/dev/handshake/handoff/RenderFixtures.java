package dev.handshake.handoff;

import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.Decider;
import dev.handshake.agreement.Goals;
import dev.handshake.agreement.HandoffTerms;
import dev.handshake.agreement.Owner;
import dev.handshake.agreement.Owners;
import dev.handshake.agreement.Persona;
import dev.handshake.agreement.ReassignTerms;
import dev.handshake.agreement.ReminderTerms;
import dev.handshake.agreement.ReviewTerms;
import dev.handshake.agreement.SlackTarget;
import dev.handshake.agreement.Stage;
import dev.handshake.agreement.StageHandoff;
import dev.handshake.agreement.Team;
import dev.handshake.clock.BusinessCalendar;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** A small agreement and handoff to render, each changeable where a test needs it. */
final class RenderFixtures {

    static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    static final String REP = "U0REP0001";
    static final String MARKETER = "U0MKT0001";
    static final Instant RECEIVED = Instant.parse("2025-03-04T15:00:00Z");
    /** 13:00 in Chicago, four business hours after {@link #RECEIVED}. */
    static final Instant DUE = Instant.parse("2025-03-04T19:00:00Z");
    static final long DUE_EPOCH = 1741114800L;

    private RenderFixtures() {}

    static AgreementBuilder agreement() {
        return new AgreementBuilder();
    }

    static HandoffBuilder handoff() {
        return new HandoffBuilder();
    }

    static Lead dana() {
        return new Lead("Dana Whitfield", "dana@northwind.example", "VP Operations", "Northwind Logistics",
                "ops-leader", 87, "Webinar: route planning", "https://crm.example/leads/1001");
    }

    /**
     * Builds the fixture agreement: stage mql, persona ops-leader, a 4-hour mql handoff without a first-contact
     * commitment, no reassignment, escalation to a user group, Chicago 09:00–17:30.
     */
    static final class AgreementBuilder {
        List<String> entryCriteria = List.of("Title is director or above", "Company has 200+ employees");
        List<String> rejectionReasons = List.of("Not a decision maker", "Bad contact data", "Already a customer");
        SlackTarget escalation = new SlackTarget(SlackTarget.Kind.USER_GROUP, "S0SALESMGR1");
        Duration responseTime = Duration.ofHours(4);
        Duration firstContact;
        ReassignTerms reassign = new ReassignTerms(false, 0, List.of());
        String stageName = "MQL";

        AgreementBuilder entryCriteria(List<String> value) {
            entryCriteria = value;
            return this;
        }

        AgreementBuilder rejectionReasons(List<String> value) {
            rejectionReasons = value;
            return this;
        }

        AgreementBuilder escalation(SlackTarget value) {
            escalation = value;
            return this;
        }

        AgreementBuilder responseTime(Duration value) {
            responseTime = value;
            return this;
        }

        /** The stage's first-contact commitment; none unless set. */
        AgreementBuilder firstContact(Duration value) {
            firstContact = value;
            return this;
        }

        AgreementBuilder reassign(ReassignTerms value) {
            reassign = value;
            return this;
        }

        Agreement build() {
            Stage mql = new Stage("mql", stageName, List.of("marketing qualified lead"),
                    "A lead that fits a persona and showed buying intent.", entryCriteria, Team.MARKETING,
                    List.of(), "sql");
            Stage sql = new Stage("sql", "SQL", List.of(), "A lead sales accepted.", List.of("Accepted by sales"),
                    Team.SALES, List.of(), null);
            Persona opsLeader = new Persona("ops-leader", "Operations leader", List.of("ops"),
                    "Runs logistics operations at a mid-size shipper", "Owns the fleet budget.", List.of(),
                    List.of());
            List<StageHandoff> handoffs = new ArrayList<>();
            if (responseTime != null) {
                handoffs.add(new StageHandoff("mql", responseTime, firstContact));
            }
            HandoffTerms terms = new HandoffTerms(handoffs, Decider.ASSIGNEE, "C0SALES001", "C0MKTG0001",
                    escalation, rejectionReasons, new ReminderTerms(75, null), reassign);
            BusinessCalendar calendar = new BusinessCalendar(CHICAGO,
                    EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(9, 0), LocalTime.of(17, 30),
                    Set.of());
            return new Agreement("Northwind SLA", "2025.1", LocalDate.of(2025, 1, 1),
                    new Owners(new Owner("Maya", "VP Marketing", "U0MAYA0001"), new Owner("Sam", "VP Sales", null)),
                    List.of(opsLeader), List.of(mql, sql),
                    new Goals(dev.handshake.agreement.GoalPeriod.parse("2025-Q1").orElseThrow(), BigDecimal.valueOf(1_000_000), "USD", List.of(), List.of(), List.of()),
                    List.of(), terms, calendar,
                    new ReviewTerms(ReviewTerms.Cadence.QUARTERLY, "C0REVIEW01", LocalTime.of(10, 0), 7,
                            new BigDecimal("0.1"), new BigDecimal("0.5"), 20),
                    List.of());
        }
    }

    /** Builds a handoff of Dana Whitfield at stage mql, pending with {@link #REP}, unless told otherwise. */
    static final class HandoffBuilder {
        long id = 42;
        Lead lead = dana();
        String assignee = REP;
        String note = "Asked for a demo twice this week";
        List<String> criteriaMet = List.of("Title is director or above", "Visited pricing 3 times");
        HandoffStatus status = HandoffStatus.PENDING;
        Instant dueAt = DUE;
        Decision decision;
        MarketingOutcome outcome;
        SlaState sla = SlaState.NONE;

        HandoffBuilder lead(Lead value) {
            lead = value;
            return this;
        }

        HandoffBuilder assignee(String value) {
            assignee = value;
            return this;
        }

        HandoffBuilder note(String value) {
            note = value;
            return this;
        }

        HandoffBuilder criteriaMet(List<String> value) {
            criteriaMet = value;
            return this;
        }

        HandoffBuilder accepted(String by, Instant at) {
            status = HandoffStatus.ACCEPTED;
            decision = new Decision(HandoffStatus.ACCEPTED, by, at, null, null);
            return this;
        }

        HandoffBuilder rejected(String by, Instant at, String reason, String comment) {
            status = HandoffStatus.REJECTED;
            decision = new Decision(HandoffStatus.REJECTED, by, at, reason, comment);
            return this;
        }

        HandoffBuilder outcome(MarketingOutcome.Kind kind, String by) {
            outcome = new MarketingOutcome(kind, by, Instant.parse("2025-03-05T15:00:00Z"));
            return this;
        }

        HandoffBuilder sla(SlaState value) {
            sla = value;
            return this;
        }

        Handoff build() {
            return new Handoff(id, "hs-1001", "mql", lead, assignee, note, criteriaMet, status, RECEIVED, dueAt,
                    decision, outcome, "C0SALES001", "1741100400.000100", "2025.1", sla);
        }
    }
}
