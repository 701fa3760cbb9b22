package dev.handshake.home;

import com.slack.api.bolt.App;
import com.slack.api.model.event.AppHomeOpenedEvent;
import dev.handshake.agreement.Agreement;
import dev.handshake.handoff.HandoffStore;
import dev.handshake.clock.Quarter;
import dev.handshake.outbox.Outbox;
import dev.handshake.outbox.Owed;
import dev.handshake.outbox.Sent;
import dev.handshake.slack.SlackHandler;
import dev.handshake.slack.SlackLanes;
import dev.handshake.slack.SlackWebApi;
import dev.handshake.review.ReviewSchedule;
import dev.handshake.stats.Period;
import dev.handshake.stats.Stats;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Publishes a user's App Home tab when they open it and after they act on a handoff, through the outbox: one
 * publish renders the current state, so the requests queued while one is under way collapse into one more.
 */
public final class HomeTab {

    /** The outbox kind of a publish. */
    public static final String PUBLISH = "home_publish";
    /** A publish is of no use once done (the next one renders afresh); kept a few hours for a look back. */
    static final Duration KEEP_FOR = Duration.ofHours(6);

    private final Agreement agreement;
    private final HandoffStore handoffs;
    private final SlackWebApi slack;
    private final Outbox outbox;
    private final Stats stats;
    private final ReviewSchedule reviews;
    private final Clock clock;

    public HomeTab(Agreement agreement, HandoffStore handoffs, SlackWebApi slack, Outbox outbox, Stats stats,
            ReviewSchedule reviews, Clock clock) {
        this.agreement = Objects.requireNonNull(agreement, "agreement == null");
        this.handoffs = Objects.requireNonNull(handoffs, "handoffs == null");
        this.slack = Objects.requireNonNull(slack, "slack == null");
        this.outbox = Objects.requireNonNull(outbox, "outbox == null");
        this.stats = Objects.requireNonNull(stats, "stats == null");
        this.reviews = Objects.requireNonNull(reviews, "reviews == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
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
        }).coalescing().keptFor(KEEP_FOR));
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
        Instant now = clock.instant();
        Quarter quarter = Quarter.of(now.atZone(agreement.calendar().zone()).toLocalDate());
        Period period = Period.quarter(quarter);
        HomeView.Numbers numbers = new HomeView.Numbers(quarter.toString(), stats.forRep(period, userId),
                stats.team(period), reviews.next(now).toLocalDate());
        slack.publishHome(userId, HomeView.render(agreement, handoffs.openFor(userId, HomeView.MAX_HANDOFFS), numbers));
    }
}
