package dev.handshake.handoff;

import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.Decider;
import dev.handshake.agreement.ReminderTerms;
import dev.handshake.agreement.StageHandoff;
import dev.handshake.clock.BusinessHours;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** The handoff capability's entry point: receiving leads and recording what sales and marketing decide. */
public final class Handoffs {

    private final HandoffStore store;
    private final RouteStore routes;
    private final Agreement agreement;
    private final String agreementVersion;
    private final BusinessHours hours;
    private final Clock clock;

    /** Receives leads without routing: each keeps the assignee marketing sent, or waits for anyone. */
    public Handoffs(HandoffStore store, Agreement agreement, String agreementVersion, BusinessHours hours,
            Clock clock) {
        this(store, null, agreement, agreementVersion, hours, clock);
    }

    /** Receives leads routed by {@code routes} (null: not routed) as they arrive. */
    public Handoffs(HandoffStore store, RouteStore routes, Agreement agreement, String agreementVersion,
            BusinessHours hours, Clock clock) {
        this.routes = routes;
        this.store = Objects.requireNonNull(store, "store == null");
        this.agreement = Objects.requireNonNull(agreement, "agreement == null");
        this.agreementVersion = Objects.requireNonNull(agreementVersion, "agreementVersion == null");
        this.hours = Objects.requireNonNull(hours, "hours == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
    }

    public HandoffStore.Intake receive(NewHandoff request, String canonicalSha256) {
        Instant now = clock.instant();
        StageHandoff terms = agreement.handoffFor(request.stage()).orElseThrow(
                () -> new IllegalArgumentException("stage " + request.stage() + " is not handed to sales"));
        return store.receive(request, canonicalSha256, now, deadline(hours, agreement, now, terms.responseTime()),
                agreementVersion, agreement.handoff().salesChannel(), routes == null ? null : this::route);
    }

    /**
     * Routes a lead in its intake transaction: to the rep marketing named (by id, or by an email Slack already
     * told the app about) or by the stage's rotation; null for an email still to be looked up.
     */
    private dev.handshake.routing.Route route(org.jdbi.v3.core.Handle handle, NewHandoff request, Instant now) {
        var router = routes.router();
        String named = request.assignee();
        if (named == null || HandoffStore.isUserId(named)) {
            return router.atIntake(handle, request.stage(), named, now);
        }
        return router.profiles().userByEmail(named)
                .map(user -> router.atIntake(handle, request.stage(), user, now))
                .orElse(null);
    }

    /** A deadline {@code window} of business time after {@code start}, with the agreement's reminder before it. */
    static Deadline deadline(BusinessHours hours, Agreement agreement, Instant start, Duration window) {
        Instant due = hours.plus(start, window);
        ReminderTerms reminder = agreement.handoff().reminder();
        Instant remindAt = null;
        if (reminder != null && reminder.windowPercent() != null) {
            remindAt = hours.plus(start, window.multipliedBy(reminder.windowPercent()).dividedBy(100));
        } else if (reminder != null && reminder.beforeDeadline() != null
                && reminder.beforeDeadline().compareTo(window) < 0) {
            remindAt = hours.minus(due, reminder.beforeDeadline());
        }
        return new Deadline(due, remindAt != null && remindAt.isBefore(due) ? remindAt : null);
    }

    /** The rep who accepted a lead records first contact; only they may, and only once. */
    public Outcome markContacted(long id, String userId) {
        Optional<Handoff> found = store.find(id);
        if (found.isEmpty() || found.get().status() != HandoffStatus.ACCEPTED) {
            return new Outcome.Unknown();
        }
        Handoff handoff = found.get();
        if (handoff.sla().contactedAt() != null) {
            return new Outcome.AlreadyDone(handoff);
        }
        if (!userId.equals(handoff.decision().by())) {
            return new Outcome.NotAllowed(handoff);
        }
        HandoffStore.Change change = store.markContacted(id, userId, clock.instant(), agreement.handoff().salesChannel());
        if (!change.won()) {
            return new Outcome.AlreadyDone(change.handoff());
        }
        return new Outcome.Done(change.handoff());
    }

    public Optional<Handoff> find(long id) {
        return store.find(id);
    }

    /** Whether this user may decide the handoff now: it exists, is pending and the agreement lets them. */
    public Outcome checkDecidable(long id, String userId) {
        Optional<Handoff> found = store.find(id);
        if (found.isEmpty()) {
            return new Outcome.Unknown();
        }
        Handoff handoff = found.get();
        if (handoff.status() != HandoffStatus.PENDING) {
            return new Outcome.AlreadyDone(handoff);
        }
        if (!mayDecide(handoff, userId)) {
            return new Outcome.NotAllowed(handoff);
        }
        return new Outcome.Done(handoff);
    }

    public Outcome accept(long id, String userId) {
        return decide(id, userId, HandoffStatus.ACCEPTED, null, null);
    }

    public Outcome reject(long id, String userId, String reason, String comment) {
        return decide(id, userId, HandoffStatus.REJECTED, Objects.requireNonNull(reason, "reason == null"), comment);
    }

    /** Marketing recycles a rejected lead to nurture or contests the rejection; only the first answer counts. */
    public Outcome answerRejection(long id, String userId, MarketingOutcome.Kind kind) {
        Optional<Handoff> found = store.find(id);
        if (found.isEmpty()) {
            return new Outcome.Unknown();
        }
        Instant now = clock.instant();
        Duration businessTime = found.get().decision() == null ? null : hours.between(found.get().decision().at(), now);
        HandoffStore.Change change = store.answerRejection(id, new MarketingOutcome(kind, userId, now), businessTime,
                agreement.handoff().salesChannel(), agreement.handoff().marketingChannel());
        if (!change.won()) {
            return new Outcome.AlreadyDone(change.handoff());
        }
        return new Outcome.Done(change.handoff());
    }

    private Outcome decide(long id, String userId, HandoffStatus outcome, String reason, String comment) {
        Outcome check = checkDecidable(id, userId);
        if (!(check instanceof Outcome.Done)) {
            return check;
        }
        Instant now = clock.instant();
        Deadline firstContact = null;
        if (outcome == HandoffStatus.ACCEPTED) {
            Duration contactWindow = agreement.handoffFor(((Outcome.Done) check).handoff().stage())
                    .map(StageHandoff::firstContact).orElse(null);
            if (contactWindow != null) {
                firstContact = deadline(hours, agreement, now, contactWindow);
            }
        }
        boolean assigneeOnly = agreement.handoff().whoDecides() == Decider.ASSIGNEE;
        Duration businessTime = hours.between(((Outcome.Done) check).handoff().receivedAt(), now);
        HandoffStore.Change change = store.decide(id, new Decision(outcome, userId, now, reason, comment),
                businessTime, agreement.handoff().salesChannel(), agreement.handoff().marketingChannel(),
                firstContact, assigneeOnly);
        if (!change.won()) {
            // Still pending means the handoff was reassigned to someone else in the meantime.
            return change.handoff().status() == HandoffStatus.PENDING
                    ? new Outcome.NotAllowed(change.handoff()) : new Outcome.AlreadyDone(change.handoff());
        }
        return new Outcome.Done(change.handoff());
    }

    private boolean mayDecide(Handoff handoff, String userId) {
        return agreement.handoff().whoDecides() == Decider.ANYONE
                || handoff.assignee() == null
                || handoff.assignee().equals(userId);
    }
}
