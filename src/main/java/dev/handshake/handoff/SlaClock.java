package dev.handshake.handoff;

import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.ReassignTerms;
import dev.handshake.agreement.StageHandoff;
import dev.handshake.clock.BusinessHours;
import dev.handshake.clock.Ticker;
import dev.handshake.db.Transactions;
import dev.handshake.outbox.Outbox;
import dev.handshake.routing.Router;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The SLA clock: every second, fires the reminders and escalations that are due, from the database, so a step
 * due while the app was down fires once right after it starts. Owns one thread. Thread-safe.
 */
public final class SlaClock implements AutoCloseable {

    static final Duration TICK = Duration.ofSeconds(1);

    private final TimerStore timers;
    private final HandoffStore handoffs;
    private final Agreement agreement;
    private final BusinessHours hours;
    private final Clock clock;
    private final Router router;
    private final Ticker ticker;

    /**
     * {@code router} chooses who gets a handoff nobody decided in time; timers are settled through {@code writes},
     * with the Slack calls they owe added to {@code outbox}.
     */
    public SlaClock(HandoffStore handoffs, org.jdbi.v3.core.Jdbi jdbi, Transactions writes, Outbox outbox,
            Agreement agreement, BusinessHours hours, Clock clock, Router router) {
        this.handoffs = Objects.requireNonNull(handoffs, "handoffs == null");
        this.agreement = Objects.requireNonNull(agreement, "agreement == null");
        this.timers = new TimerStore(jdbi, writes, outbox, new TimerStore.Destinations(
                agreement.handoff().salesChannel(), agreement.handoff().marketingChannel(),
                agreement.owners().marketing().slackUser()));
        this.hours = Objects.requireNonNull(hours, "hours == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
        this.router = Objects.requireNonNull(router, "router == null");
        this.ticker = new Ticker("sla-clock", TICK, this::tick);
    }

    public void start() {
        ticker.start();
    }

    /** Fires every timer due now; returns how many took effect. */
    int tick() {
        Instant now = clock.instant();
        int fired = 0;
        for (Timer timer : timers.due(now, 200)) {
            TimerStore.Outcome outcome = timers.fire(timer, now, timer.kind() == TimerKind.ESCALATE
                    ? reassignment(timer, now) : null);
            if (outcome == TimerStore.Outcome.FIRED) {
                fired++;
            }
        }
        return fired;
    }


    private TimerStore.Reassignment reassignment(Timer timer, Instant now) {
        ReassignTerms terms = agreement.handoff().reassign();
        if (terms == null || !terms.enabled()) {
            return null;
        }
        Handoff handoff = handoffs.find(timer.handoffId()).orElse(null);
        if (handoff == null) {
            return null;
        }
        StageHandoff stage = agreement.handoffFor(handoff.stage()).orElse(null);
        if (stage == null) {
            return null;
        }
        return new TimerStore.Reassignment(terms, router,
                Handoffs.deadline(hours, agreement, now, stage.responseTime()));
    }

    @Override
    public void close() {
        ticker.close();
    }
}
