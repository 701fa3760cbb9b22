package dev.handshake.home;

import com.slack.api.bolt.App;
import com.slack.api.model.event.AppHomeOpenedEvent;
import com.slack.api.model.view.View;
import dev.handshake.agreement.Agreement;
import dev.handshake.clock.BusinessHours;
import dev.handshake.clock.Quarter;
import dev.handshake.handoff.Handoff;
import dev.handshake.handoff.HandoffStore;
import dev.handshake.handoff.Picker;
import dev.handshake.handoff.Step;
import dev.handshake.outbox.Outbox;
import dev.handshake.outbox.Owed;
import dev.handshake.outbox.Sent;
import dev.handshake.people.Directory;
import dev.handshake.people.Membership;
import dev.handshake.slack.SlackHandler;
import dev.handshake.slack.SlackLanes;
import dev.handshake.slack.SlackWebApi;
import dev.handshake.review.ReviewSchedule;
import dev.handshake.stats.Period;
import dev.handshake.stats.Stats;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Publishes a user's App Home tab when they open it and after they act on a handoff, through the outbox: one
 * publish renders the current state, so the requests queued while one is under way collapse into one more. What it
 * shows depends on who the viewer is: a rep, a marketer (the agreement's marketing audience), a manager (the
 * escalation target).
 */
public final class HomeTab {

    /** The outbox kind of a publish. */
    public static final String PUBLISH = "home_publish";
    /** A publish is of no use once done (the next one renders afresh); kept a few hours for a look back. */
    static final Duration KEEP_FOR = Duration.ofHours(6);
    /**
     * At most one publish a second per user: each renders the rep's and the team's numbers for the quarter, and a
     * burst of clicks otherwise renders them back to back; the one sent after the pause covers all queued meanwhile.
     */
    static final Duration PUBLISH_PACE = Duration.ofSeconds(1);
    /**
     * A user's next publish waits at least this many times as long as a render takes (reading and building the view,
     * not Slack's answer; the shorter of the app's last two, so one slow render, such as the first after start-up,
     * does not stretch it): with a quarter of 100,000 handoffs a render reads them all, and a user clicking through
     * a queue would otherwise keep the database reading them a fifth of the time.
     */
    static final int PAUSE_PER_RENDER = 10;
    /** However slow renders get, a change shows on the Home within this long. */
    static final Duration LONGEST_PAUSE = Duration.ofSeconds(5);

    /** What the Home needs besides its store and the outbox. */
    public record Parts(Agreement agreement, SlackWebApi slack, Stats stats, ReviewSchedule reviews,
            BusinessHours hours, Clock clock, Membership membership, Directory directory,
            Supplier<Map<String, LocalDate>> awayToday) {
        public Parts {
            Objects.requireNonNull(agreement, "agreement == null");
            Objects.requireNonNull(slack, "slack == null");
            Objects.requireNonNull(stats, "stats == null");
            Objects.requireNonNull(reviews, "reviews == null");
            Objects.requireNonNull(hours, "hours == null");
            Objects.requireNonNull(clock, "clock == null");
            Objects.requireNonNull(membership, "membership == null");
            Objects.requireNonNull(directory, "directory == null");
            Objects.requireNonNull(awayToday, "awayToday == null");
        }
    }

    private final HandoffStore handoffs;
    private final Outbox outbox;
    private final Parts parts;
    /** How long the last two renders took, in nanoseconds. */
    private final AtomicLong lastRender = new AtomicLong();
    private final AtomicLong renderBefore = new AtomicLong();
    /** The quarter's numbers, one read shared by the renders that begin together. */
    private final HomeNumbers quarterNumbers;

    public HomeTab(HandoffStore handoffs, Outbox outbox, Parts parts) {
        this.handoffs = Objects.requireNonNull(handoffs, "handoffs == null");
        this.outbox = Objects.requireNonNull(outbox, "outbox == null");
        this.parts = Objects.requireNonNull(parts, "parts == null");
        this.quarterNumbers = new HomeNumbers(parts.stats()::teamAndReps, HomeNumbers.GATHER);
    }

    public void register(App app) {
        app.event(AppHomeOpenedEvent.class, (payload, ctx) -> {
            AppHomeOpenedEvent event = payload.getEvent();
            if ("home".equals(event.getTab())) {
                String user = event.getUser();
                refreshSoon(user);
            }
            return ctx.ack();
        });
    }

    /** Registers the handler that publishes Home tabs. */
    public void register(Outbox outbox) {
        outbox.register(PUBLISH, SlackHandler.unpaced(item -> {
            refresh(item.subject());
            return Sent.done();
        }).coalescing().pacedBy(() -> pauseAfter(Duration.ofNanos(Math.min(lastRender.get(), renderBefore.get()))))
                .keptFor(KEEP_FOR));
    }

    /** The pause after a user's publish when a render takes {@code render}. */
    static Duration pauseAfter(Duration render) {
        Duration proportional = render.multipliedBy(PAUSE_PER_RENDER);
        if (proportional.compareTo(PUBLISH_PACE) < 0) {
            return PUBLISH_PACE;
        }
        return proportional.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : proportional;
    }

    /**
     * Publishes a user's Home tab soon, without waiting for the database. Publishes of one user go one at a time,
     * and one covers every request queued before it started: a rep clearing a queue of handoffs in a burst costs a
     * few publishes, not one per click, and the last one shows the final state.
     */
    public void refreshSoon(String userId) {
        outbox.enqueue(publish(userId));
    }

    /** The outbox item that publishes a user's Home tab from the state current when it is sent. */
    public static Owed publish(String userId) {
        return new Owed(PUBLISH, SlackLanes.home(userId), userId, null);
    }

    /** Publishes the current Home tab for a user now; safe to call any time (views.publish replaces the view). */
    public void refresh(String userId) {
        long began = System.nanoTime();
        Agreement agreement = parts.agreement();
        Instant now = parts.clock().instant();
        ZoneId zone = agreement.calendar().zone();
        Quarter quarter = Quarter.of(now.atZone(zone).toLocalDate());
        Period period = Period.quarter(quarter);
        Stats.TeamAndRep counted = quarterNumbers.numbers(period, userId);
        HomeView.Numbers numbers = new HomeView.Numbers(quarter.toString(), counted.rep(), counted.team(),
                parts.reviews().next(now).toLocalDate());
        Map<String, LocalDate> away = parts.awayToday().get();
        List<Picker.Candidate> pool = Picker.pool(agreement, parts.directory()::name, away.keySet());
        Optional<HomeView.Marketing> marketing = Optional.empty();
        if (parts.membership().check(agreement.marketingAudience(), userId).yes()) {
            List<Handoff> waiting = handoffs.awaitingMarketing(HomeView.MAX_HANDOFFS);
            Map<Long, Instant> answerBy = new LinkedHashMap<>();
            waiting.forEach(h -> answerBy(h).ifPresent(at -> answerBy.put(h.id(), at)));
            marketing = Optional.of(new HomeView.Marketing(waiting, answerBy, parts.stats().followUps(period), pool));
        }
        Optional<HomeView.Manager> manager = Optional.empty();
        if (parts.membership().check(agreement.escalationAudience(), userId).yes()) {
            manager = Optional.of(new HomeView.Manager(handoffs.teamQueue(HomeView.MAX_HANDOFFS), handoffs.queue(),
                    pool, away));
        }
        HomeView.Home home = new HomeView.Home(now, handoffs.openFor(userId, HomeView.MAX_HANDOFFS),
                handoffs.awaitingContactBy(userId, HomeView.MAX_HANDOFFS), numbers, marketing, manager);
        View view = HomeView.render(agreement, home);
        renderBefore.set(lastRender.getAndSet(System.nanoTime() - began));
        parts.slack().publishHome(userId, view);
    }

    /** When marketing's answer to a rejection is due, when the agreement sets a time to answer. */
    private Optional<Instant> answerBy(Handoff handoff) {
        Duration window = parts.agreement().handoff().rejectionFollowup();
        if (window == null || handoff.decision() == null) {
            return Optional.empty();
        }
        Instant from = handoff.lastMove() != null && handoff.lastMove().step() == Step.UPHOLD
                && handoff.lastMove().at() != null ? handoff.lastMove().at() : handoff.decision().at();
        return Optional.of(parts.hours().plus(from, window));
    }
}
