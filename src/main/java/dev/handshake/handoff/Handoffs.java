package dev.handshake.handoff;

import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.Decider;
import dev.handshake.agreement.StageHandoff;
import dev.handshake.clock.BusinessHours;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** The handoff capability's entry point: receiving leads and recording what sales and marketing decide. */
public final class Handoffs {

    private final HandoffStore store;
    private final Agreement agreement;
    private final String agreementVersion;
    private final BusinessHours hours;
    private final Clock clock;
    private final Runnable deliveriesOwed;

    /** {@code deliveriesOwed} is told after each commit that owes Slack a call, so delivery starts at once. */
    public Handoffs(HandoffStore store, Agreement agreement, String agreementVersion, BusinessHours hours, Clock clock,
            Runnable deliveriesOwed) {
        this.store = Objects.requireNonNull(store, "store == null");
        this.agreement = Objects.requireNonNull(agreement, "agreement == null");
        this.agreementVersion = Objects.requireNonNull(agreementVersion, "agreementVersion == null");
        this.hours = Objects.requireNonNull(hours, "hours == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
        this.deliveriesOwed = Objects.requireNonNull(deliveriesOwed, "deliveriesOwed == null");
    }

    public HandoffStore.Intake receive(NewHandoff request, String canonicalSha256) {
        Instant now = clock.instant();
        StageHandoff terms = agreement.handoffFor(request.stage()).orElseThrow(
                () -> new IllegalArgumentException("stage " + request.stage() + " is not handed to sales"));
        Instant due = hours.plus(now, terms.responseTime());
        HandoffStore.Intake intake = store.receive(request, canonicalSha256, now, due, agreementVersion,
                agreement.handoff().salesChannel());
        if (intake instanceof HandoffStore.Created) {
            deliveriesOwed.run();
        }
        return intake;
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
        HandoffStore.Change change = store.answerRejection(id, new MarketingOutcome(kind, userId, clock.instant()),
                agreement.handoff().salesChannel(), agreement.handoff().marketingChannel());
        if (!change.won()) {
            return new Outcome.AlreadyDone(change.handoff());
        }
        deliveriesOwed.run();
        return new Outcome.Done(change.handoff());
    }

    private Outcome decide(long id, String userId, HandoffStatus outcome, String reason, String comment) {
        Outcome check = checkDecidable(id, userId);
        if (!(check instanceof Outcome.Done)) {
            return check;
        }
        HandoffStore.Change change = store.decide(id, new Decision(outcome, userId, clock.instant(), reason, comment),
                agreement.handoff().salesChannel(), agreement.handoff().marketingChannel());
        if (!change.won()) {
            return new Outcome.AlreadyDone(change.handoff());
        }
        deliveriesOwed.run();
        return new Outcome.Done(change.handoff());
    }

    private boolean mayDecide(Handoff handoff, String userId) {
        return agreement.handoff().whoDecides() == Decider.ANYONE
                || handoff.assignee() == null
                || handoff.assignee().equals(userId);
    }
}
