package dev.handshake.review;

import dev.handshake.agreement.Agreement;
import dev.handshake.clock.Quarter;
import dev.handshake.clock.Ticker;
import dev.handshake.db.JsonColumn;
import dev.handshake.outbox.Outbox;
import dev.handshake.outbox.OutboxItem;
import dev.handshake.outbox.Owed;
import dev.handshake.outbox.Sent;
import dev.handshake.slack.SlackHandler;
import dev.handshake.slack.SlackLanes;
import dev.handshake.slack.SlackWebApi;
import dev.handshake.stats.Period;
import dev.handshake.stats.Stats;
import dev.handshake.stats.StatsReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes reviews happen: claims the review reminder once per period when it falls due (also right after a start
 * that missed the moment), one follow-up if nobody marked it reviewed in time, the snoozed reminder a week later,
 * and, at most once a quarter, an off-cycle recommendation when the trailing 30 days fall below the thresholds.
 * Each step is claimed in the same transaction that owes its post to the outbox, whose handlers (registered here)
 * render and post it; so it happens once across restarts, and a post that fails is retried. Thread-safe.
 */
public final class ReviewReminders implements AutoCloseable {

    static final Duration TICK = Duration.ofSeconds(2);
    static final Duration ALERT_CHECK = Duration.ofHours(1);
    /** Outbox kinds: the reminder (and its snoozed repeat), its follow-up, the off-cycle alert, and the edit. */
    static final String REMINDER = "review_reminder";
    static final String FOLLOW_UP = "review_follow_up";
    static final String ALERT = "review_alert";
    static final String REFRESH = "review_refresh";
    private static final Logger log = LoggerFactory.getLogger(ReviewReminders.class);

    private final ReviewStore store;
    private final ReviewSchedule schedule;
    private final Stats stats;
    private final Agreement agreement;
    private final Clock clock;
    private final Ticker ticker;
    private volatile Instant nextAlertCheck = Instant.MIN;

    public ReviewReminders(ReviewStore store, ReviewSchedule schedule, Stats stats, Agreement agreement, Clock clock) {
        this.store = Objects.requireNonNull(store, "store == null");
        this.schedule = Objects.requireNonNull(schedule, "schedule == null");
        this.stats = Objects.requireNonNull(stats, "stats == null");
        this.agreement = Objects.requireNonNull(agreement, "agreement == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
        this.ticker = new Ticker("review-reminders", TICK, this::tick);
    }

    /** Registers the handlers that post and edit the review's messages. */
    public void register(Outbox outbox, SlackWebApi slack) {
        // A reminder's item is the record that it was owed (see ReviewStore.oweUnposted): kept.
        outbox.register(REMINDER, SlackHandler.posting(item -> post(slack, item, false)).keptFor(Outbox.FOREVER));
        outbox.register(FOLLOW_UP, SlackHandler.posting(item -> post(slack, item, true)));
        outbox.register(ALERT, SlackHandler.posting(item -> alert(slack, item)));
        outbox.register(REFRESH, SlackHandler.unpaced(item -> refresh(slack, item)));
    }

    /** Owes the reminders claimed before a restart but never posted nor owed, then ticks every two seconds. */
    public void start() {
        int owed = store.oweUnposted(REMINDER, this::reminder);
        if (owed > 0) {
            log.info("Owed {} review reminders claimed earlier but never posted", owed);
        }
        ticker.start();
    }

    void tick() {
        Instant now = clock.instant();
        ReviewSchedule.Due due = schedule.current(now);
        Duration followUp = Duration.ofDays(agreement.review().followUpDays());
        Instant dueAt = due.at().toInstant();
        // A start within the follow-up window of a missed moment still posts it; later than that, it waits.
        if (!now.isBefore(dueAt) && now.isBefore(dueAt.plus(followUp))) {
            store.claim(due.period(), dueAt, reminder(due.period()));
        }
        Optional<Review> review = store.find(due.period());
        if (review.isPresent() && !review.get().reviewed()) {
            Review current = review.get();
            if (!store.takeSnoozed(due.period(), now, reminder(due.period()))
                    && current.postedAt() != null && !now.isBefore(current.postedAt().plus(followUp))) {
                store.claimFollowUp(due.period(), now, new Owed(FOLLOW_UP, lane(), due.period(), null));
            }
        }
        if (!now.isBefore(nextAlertCheck)) {
            nextAlertCheck = now.plus(ALERT_CHECK);
            checkIndicators(now);
        }
    }

    private Owed reminder(String period) {
        return new Owed(REMINDER, lane(), period, null);
    }

    private String lane() {
        return SlackLanes.post(agreement.review().channel());
    }

    private Sent post(SlackWebApi slack, OutboxItem item, boolean followUp) {
        // The follow-up window counts from when the reminder was sent, not from when Slack's answer came back.
        Instant sentAt = clock.instant();
        ReviewMessage.Rendered message = render(store.find(item.subject()).orElseThrow(), followUp);
        SlackWebApi.Posted posted = slack.postMessage(agreement.review().channel(), message.text(), message.blocks(),
                null);
        return Sent.done(handle -> store.posted(handle, item.subject(), posted.channel(), posted.ts(), sentAt));
    }

    /** Brings the review's latest message up to date (after it was marked reviewed). */
    private Sent refresh(SlackWebApi slack, OutboxItem item) {
        Review review = store.find(item.subject()).orElseThrow();
        if (review.messageTs() != null) {
            ReviewMessage.Rendered message = render(review, false);
            slack.updateMessage(review.channelId(), review.messageTs(), message.text(), message.blocks());
        }
        return Sent.done();
    }

    private Sent alert(SlackWebApi slack, OutboxItem item) {
        LocalDate today = clock.instant().atZone(agreement.calendar().zone()).toLocalDate();
        StatsReport trailing = stats.compute(Period.lastDays(30, today));
        ReviewMessage.Rendered alert = ReviewMessage.alert(agreement, trailing,
                JsonColumn.list(item.detail(), "detail"));
        slack.postMessage(agreement.review().channel(), alert.text(), alert.blocks(), null);
        return Sent.done();
    }

    private ReviewMessage.Rendered render(Review review, boolean followUp) {
        LocalDate[] previous = schedule.previousPeriod(review.dueAt());
        StatsReport report = stats.compute(new Period(previous[0], previous[1], "last " + cadenceWord()));
        Review lastReviewed = store.lastReviewed().filter(r -> !r.period().equals(review.period())).orElse(null);
        return ReviewMessage.reminder(agreement, review, lastReviewed, report, followUp);
    }

    private void checkIndicators(Instant now) {
        LocalDate today = now.atZone(agreement.calendar().zone()).toLocalDate();
        StatsReport trailing = stats.compute(Period.lastDays(30, today));
        if (trailing.leads() < agreement.review().minLeadsForAlert()) {
            return;
        }
        List<String> signs = ReviewMessage.warningSigns(trailing, agreement);
        String quarter = Quarter.of(today).toString();
        if (!signs.isEmpty()) {
            store.claimAlert(quarter, now, String.join("; ", signs),
                    new Owed(ALERT, lane(), quarter, JsonColumn.of(signs)));
        }
    }

    /** The edit of a review's message, in the channel it was posted in. */
    static Owed refreshOf(String period, String channel) {
        return new Owed(REFRESH, SlackLanes.edit(channel), period, null);
    }

    private String cadenceWord() {
        return agreement.review().cadence() == dev.handshake.agreement.ReviewTerms.Cadence.QUARTERLY ? "quarter" : "month";
    }

    @Override
    public void close() {
        ticker.close();
    }
}
