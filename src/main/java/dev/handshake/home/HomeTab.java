package dev.handshake.home;

import com.slack.api.bolt.App;
import com.slack.api.model.event.AppHomeOpenedEvent;
import dev.handshake.agreement.Agreement;
import dev.handshake.handoff.HandoffStore;
import dev.handshake.slack.AfterAck;
import dev.handshake.slack.SlackApi;
import dev.handshake.clock.Quarter;
import dev.handshake.review.ReviewSchedule;
import dev.handshake.stats.Period;
import dev.handshake.stats.Stats;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/** Publishes the App Home tab when a user opens it, after acknowledging the event. */
public final class HomeTab {

    private final Agreement agreement;
    private final HandoffStore handoffs;
    private final SlackApi slack;
    private final AfterAck afterAck;
    private final Stats stats;
    private final ReviewSchedule reviews;
    private final Clock clock;
    /** Users with a refresh queued or running; {@code true} when another was asked for meanwhile. */
    private final ConcurrentHashMap<String, Boolean> refreshing = new ConcurrentHashMap<>();

    public HomeTab(Agreement agreement, HandoffStore handoffs, SlackApi slack, AfterAck afterAck, Stats stats,
            ReviewSchedule reviews, Clock clock) {
        this.agreement = Objects.requireNonNull(agreement, "agreement == null");
        this.handoffs = Objects.requireNonNull(handoffs, "handoffs == null");
        this.slack = Objects.requireNonNull(slack, "slack == null");
        this.afterAck = Objects.requireNonNull(afterAck, "afterAck == null");
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

    /**
     * Publishes a user's Home tab after the ack. At most one refresh per user runs at a time, and requests made
     * meanwhile collapse into one more after it: a rep clearing a queue of handoffs in a burst costs a few publishes,
     * not one per click, and the last one shows the final state.
     */
    public void refreshSoon(String userId) {
        boolean[] start = {false};
        refreshing.compute(userId, (user, again) -> {
            start[0] = again == null;
            return again != null;
        });
        if (start[0]) {
            schedule(userId);
        }
    }

    private void schedule(String userId) {
        if (!afterAck.run("Publishing the App Home", () -> refreshThenRepeat(userId))) {
            refreshing.remove(userId);
        }
    }

    private void refreshThenRepeat(String userId) throws Exception {
        try {
            refresh(userId);
        } finally {
            if (refreshing.computeIfPresent(userId, (user, again) -> again ? Boolean.FALSE : null) != null) {
                schedule(userId);
            }
        }
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
