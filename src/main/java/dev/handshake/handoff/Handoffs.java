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

/**
 * The handoff capability's entry point: receiving leads, and every step a person takes on one (accept, reject, take,
 * reassign, recycle, contest, uphold, reopen, mark contacted). Each step is checked by {@link HandoffLife} and then
 * recorded by compare-and-set, so only the first of two racing clicks wins.
 */
public final class Handoffs {

    private final HandoffStore store;
    private final RouteStore routes;
    private final Agreement agreement;
    private final String agreementVersion;
    private final BusinessHours hours;
    private final Clock clock;
    private final HandoffLife.Roles roles;
    private final HandoffStore.Channels channels;

    /**
     * {@code routes} routes each lead as it arrives (null: not routed, each keeps the assignee marketing sent or
     * waits for anyone); {@code roles} says who is marketing and who the escalation target (it may ask Slack: call
     * after the ack).
     */
    public Handoffs(HandoffStore store, RouteStore routes, Agreement agreement, String agreementVersion,
            BusinessHours hours, Clock clock, HandoffLife.Roles roles) {
        this.routes = routes;
        this.store = Objects.requireNonNull(store, "store == null");
        this.agreement = Objects.requireNonNull(agreement, "agreement == null");
        this.agreementVersion = Objects.requireNonNull(agreementVersion, "agreementVersion == null");
        this.hours = Objects.requireNonNull(hours, "hours == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
        this.roles = Objects.requireNonNull(roles, "roles == null");
        this.channels = new HandoffStore.Channels(agreement.handoff().salesChannel(),
                agreement.handoff().marketingChannel());
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

    public Optional<Handoff> find(long id) {
        return store.find(id);
    }

    /**
     * Whether this user may take the step on the handoff now: {@link Outcome.Done} with the handoff when so, else why
     * not. Steps that only marketing or the escalation target may take ask Slack who they are: call after the ack.
     */
    public Outcome check(long id, Step step, String userId) {
        Optional<Handoff> found = store.find(id);
        if (found.isEmpty()) {
            return new Outcome.Unknown();
        }
        return verdict(found.get(), step, userId);
    }

    /** Whether this user may decide the handoff now: it exists, waits for sales and the agreement lets them. */
    public Outcome checkDecidable(long id, String userId) {
        return check(id, Step.REJECT, userId);
    }

    public Outcome accept(long id, String userId) {
        return decide(id, Step.ACCEPT, userId, new Decision(HandoffStatus.ACCEPTED, userId, clock.instant(), null, null));
    }

    public Outcome reject(long id, String userId, String reason, String comment) {
        return decide(id, Step.REJECT, userId, new Decision(HandoffStatus.REJECTED, userId, clock.instant(),
                Objects.requireNonNull(reason, "reason == null"), comment));
    }

    /** The escalation target takes the lead themselves: it is accepted by them, and whoever held it is told. */
    public Outcome take(long id, String userId) {
        return decide(id, Step.TAKE, userId, new Decision(HandoffStatus.ACCEPTED, userId, clock.instant(), null, null));
    }

    /** The rep who accepted a lead records first contact; only they may, and only once. */
    public Outcome markContacted(long id, String userId) {
        Optional<Handoff> found = store.find(id);
        if (found.isEmpty()) {
            return new Outcome.Unknown();
        }
        Outcome check = verdict(found.get(), Step.MARK_CONTACTED, userId);
        if (!(check instanceof Outcome.Done)) {
            return check;
        }
        HandoffStore.Change change = store.markContacted(id, userId, clock.instant(), channels.sales());
        return settled(change, Step.MARK_CONTACTED, userId);
    }

    /** Marketing recycles a lead to nurture or contests its rejection; only the first answer counts. */
    public Outcome answerRejection(long id, String userId, MarketingOutcome.Kind kind) {
        Step step = kind == MarketingOutcome.Kind.RECYCLED ? Step.RECYCLE : Step.CONTEST;
        Optional<Handoff> found = store.find(id);
        if (found.isEmpty()) {
            return new Outcome.Unknown();
        }
        Outcome check = verdict(found.get(), step, userId);
        if (!(check instanceof Outcome.Done done)) {
            return check;
        }
        Instant now = clock.instant();
        Decision rejection = done.handoff().decision();
        Duration businessTime = rejection == null ? null : hours.between(rejection.at(), now);
        HandoffStore.Change change = store.answer(id, done.handoff().state(), new MarketingOutcome(kind, userId, now),
                businessTime, channels);
        return settled(change, step, userId);
    }

    /** Reassign…: hands a pending or unclaimed lead to {@code rep} with a fresh deadline. */
    public Outcome reassign(long id, String userId, String rep) {
        Optional<Handoff> found = store.find(id);
        if (found.isEmpty()) {
            return new Outcome.Unknown();
        }
        Outcome check = verdict(found.get(), Step.REASSIGN, userId);
        if (!(check instanceof Outcome.Done done)) {
            return check;
        }
        Handoff handoff = done.handoff();
        Instant now = clock.instant();
        HandoffStore.Change change = store.reassign(id, handoff.state(), handoff.sla().round(), rep, userId,
                freshDeadline(handoff, now), now, channels, handOver());
        return settled(change, Step.REASSIGN, userId);
    }

    /** The escalation target upholds a contested rejection; marketing's clock runs again for the recycle. */
    public Outcome uphold(long id, String userId) {
        Outcome check = check(id, Step.UPHOLD, userId);
        if (!(check instanceof Outcome.Done)) {
            return check;
        }
        Instant now = clock.instant();
        return settled(store.uphold(id, userId, now, followup(now), channels), Step.UPHOLD, userId);
    }

    /** The escalation target reopens a contested rejection: back to sales with a fresh deadline. */
    public Outcome reopen(long id, String userId) {
        Outcome check = check(id, Step.REOPEN, userId);
        if (!(check instanceof Outcome.Done done)) {
            return check;
        }
        Instant now = clock.instant();
        return settled(store.reopen(id, userId, now, freshDeadline(done.handoff(), now), channels), Step.REOPEN,
                userId);
    }

    private Outcome decide(long id, Step step, String userId, Decision decision) {
        Optional<Handoff> found = store.find(id);
        if (found.isEmpty()) {
            return new Outcome.Unknown();
        }
        Outcome check = verdict(found.get(), step, userId);
        if (!(check instanceof Outcome.Done done)) {
            return check;
        }
        Handoff handoff = done.handoff();
        Instant now = decision.at();
        Deadline firstContact = null;
        if (decision.outcome() == HandoffStatus.ACCEPTED) {
            Duration contactWindow = agreement.handoffFor(handoff.stage()).map(StageHandoff::firstContact)
                    .orElse(null);
            if (contactWindow != null) {
                firstContact = deadline(hours, agreement, now, contactWindow);
            }
        }
        boolean assigneeOnly = step != Step.TAKE && agreement.handoff().whoDecides() == Decider.ASSIGNEE;
        Duration businessTime = hours.between(handoff.receivedAt(), now);
        Deadline followup = decision.outcome() == HandoffStatus.REJECTED ? followup(now) : null;
        HandoffStore.Change change = store.decide(id, handoff.state(), decision, businessTime, channels, firstContact,
                assigneeOnly, followup, step == Step.TAKE ? handOver() : null);
        return settled(change, step, userId);
    }

    /** What handing a lead over by hand does to the rotation: nothing when leads are not routed. */
    private HandoffStore.HandOver handOver() {
        return routes == null ? (handle, before, to) -> { } : routes::handOver;
    }

    /** The outcome of a compare-and-set: done, or why not, as the handoff now stands. */
    private Outcome settled(HandoffStore.Change change, Step step, String userId) {
        if (change.won()) {
            return new Outcome.Done(change.handoff());
        }
        Outcome now = verdict(change.handoff(), step, userId);
        // Still allowed means another change of the same kind slipped in between (a reassignment racing the click).
        return now instanceof Outcome.Done ? new Outcome.AlreadyDone(change.handoff()) : now;
    }

    private Outcome verdict(Handoff handoff, Step step, String userId) {
        HandoffLife.Verdict verdict = HandoffLife.check(handoff, step, userId, roles);
        if (verdict instanceof HandoffLife.Verdict.Allowed) {
            return new Outcome.Done(handoff);
        }
        if (verdict instanceof HandoffLife.Verdict.NotYours notYours) {
            return notYours.who().contains(Role.DECIDER) ? new Outcome.NotAllowed(handoff)
                    : new Outcome.Refused(handoff, step, notYours.who());
        }
        if (verdict instanceof HandoffLife.Verdict.CannotTell cannot) {
            return new Outcome.CannotTell(handoff, cannot.why());
        }
        return new Outcome.AlreadyDone(handoff);
    }

    /** A fresh deadline for sales, the stage's response time from now. */
    private Deadline freshDeadline(Handoff handoff, Instant now) {
        Duration window = agreement.handoffFor(handoff.stage()).map(StageHandoff::responseTime)
                .orElse(Duration.between(handoff.receivedAt(), handoff.dueAt()));
        return deadline(hours, agreement, now, window);
    }

    /** Marketing's deadline to answer a rejection, or null when the agreement sets none. */
    private Deadline followup(Instant now) {
        Duration window = agreement.handoff().rejectionFollowup();
        return window == null ? null : deadline(hours, agreement, now, window);
    }
}
