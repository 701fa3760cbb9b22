package dev.handshake.review;

import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.GoalPeriod;
import dev.handshake.agreement.ReviewTerms;
import dev.handshake.chart.PeriodChart;
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
import dev.handshake.stats.Indicator;
import dev.handshake.stats.Period;
import dev.handshake.stats.Stats;
import dev.handshake.stats.StatsReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes reviews happen: claims the review reminder once per period when it falls due (also right after a start
 * that missed the moment), with the chart of the period it looks back on in its thread, one follow-up if nobody
 * marked it reviewed in time, the snoozed reminder a week later, the action items of a review that decided to
 * change the agreement, and, at most once a quarter, an off-cycle recommendation when an indicator of the trailing
 * 30 days falls below its threshold. Each step is claimed in the same transaction that owes its post to the outbox,
 * whose handlers (registered here) render and post it; so it happens once across restarts, and a post that fails is
 * retried. Thread-safe.
 */
public final class ReviewReminders implements AutoCloseable {

    static final Duration TICK = Duration.ofSeconds(2);
    static final Duration ALERT_CHECK = Duration.ofHours(1);
    /**
     * Outbox kinds: the reminder (and its snoozed repeat), its chart, its follow-up, the off-cycle alert, the edit
     * of a review's message, and a change's action items and their edit.
     */
    static final String REMINDER = "review_reminder";
    static final String CHART = "review_chart";
    static final String FOLLOW_UP = "review_follow_up";
    static final String ALERT = "review_alert";
    static final String REFRESH = "review_refresh";
    static final String ACTION_ITEMS = "review_action_items";
    static final String ACTION_ITEMS_REFRESH = "review_action_items_refresh";
    private static final String ALERT_SUFFIX = "-alert";
    private static final Logger log = LoggerFactory.getLogger(ReviewReminders.class);

    private final ReviewStore store;
    private final ReviewSchedule schedule;
    private final Stats stats;
    private final PeriodChart chart;
    private final Agreement agreement;
    private final Clock clock;
    private final Ticker ticker;
    private volatile Instant nextAlertCheck = Instant.MIN;

    public ReviewReminders(ReviewStore store, ReviewSchedule schedule, Stats stats, PeriodChart chart,
            Agreement agreement, Clock clock) {
        this.store = Objects.requireNonNull(store, "store == null");
        this.schedule = Objects.requireNonNull(schedule, "schedule == null");
        this.stats = Objects.requireNonNull(stats, "stats == null");
        this.chart = Objects.requireNonNull(chart, "chart == null");
        this.agreement = Objects.requireNonNull(agreement, "agreement == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
        this.ticker = new Ticker("review-reminders", TICK, this::tick);
    }

    /** Registers the handlers that post, upload and edit the review channel's messages. */
    public void register(Outbox outbox, SlackWebApi slack) {
        // A reminder's or an alert's item is the record that it was owed (see ReviewStore.oweUnposted): kept.
        outbox.register(REMINDER, SlackHandler.posting(item -> post(slack, item, false)).keptFor(Outbox.FOREVER));
        outbox.register(CHART, SlackHandler.posting(item -> uploadChart(slack, item)));
        outbox.register(FOLLOW_UP, SlackHandler.posting(item -> post(slack, item, true)));
        outbox.register(ALERT, SlackHandler.posting(item -> alert(slack, item)).keptFor(Outbox.FOREVER));
        outbox.register(REFRESH, SlackHandler.unpaced(item -> refresh(slack, item)));
        outbox.register(ACTION_ITEMS, SlackHandler.posting(item -> postActionItems(slack, item)));
        outbox.register(ACTION_ITEMS_REFRESH, SlackHandler.unpaced(item -> refreshActionItems(slack, item)));
    }

    /** Owes the reviews claimed before a restart but never posted nor owed, then ticks every two seconds. */
    public void start() {
        int owed = store.oweUnposted(period -> isAlert(period) ? alertOf(period) : reminder(period));
        if (owed > 0) {
            log.info("Owed {} review posts claimed earlier but never posted", owed);
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

    private Owed alertOf(String period) {
        return new Owed(ALERT, lane(), period, null);
    }

    /** The review channel's posts, in order at Slack's pace: reminders, their charts, alerts, action items. */
    private String lane() {
        return SlackLanes.post(agreement.review().channel());
    }

    /**
     * Posts the reminder (or its follow-up). A reminder carries the chart of the period it looks back on: when this
     * machine can draw it, the post says so and the chart's upload into its thread is owed as the post is recorded.
     * The follow-up points back at the first post, whose thread already holds the chart.
     */
    private Sent post(SlackWebApi slack, OutboxItem item, boolean followUp) {
        // The follow-up window counts from when the reminder was sent, not from when Slack's answer came back.
        Instant sentAt = clock.instant();
        String period = item.subject();
        Review review = store.find(period).orElseThrow();
        StatsReport report = report(review);
        boolean withChart = !followUp && chart.png(report).isPresent();
        ReviewMessage.Rendered message = ReviewMessage.reminder(agreement, review, lastReviewed(review), report,
                followUp, withChart);
        SlackWebApi.Posted posted = slack.postMessage(agreement.review().channel(), message.text(), message.blocks(),
                null);
        Owed chartOwed = withChart ? new Owed(CHART, lane(), period,
                JsonColumn.of(Map.of("channel", posted.channel(), "ts", posted.ts()))) : null;
        return Sent.done(handle -> store.posted(handle, period, posted.channel(), posted.ts(), sentAt, chartOwed));
    }

    /** The chart of the period a review looks back on, into the thread of the post that announced it. */
    private Sent uploadChart(SlackWebApi slack, OutboxItem item) {
        Review review = store.find(item.subject()).orElseThrow();
        Map<String, String> thread = JsonColumn.fields(item.detail());
        StatsReport report = report(review);
        Optional<byte[]> png = chart.png(report);
        if (png.isEmpty()) {
            return Sent.done(); // charts are off on this machine (logged once, with the fix): the review stands alone
        }
        Period period = report.period();
        slack.uploadFile(thread.get("channel"), thread.get("ts"), PeriodChart.filename(period),
                "SLA review chart, " + period.label(), png.get(), PeriodChart.comment(period));
        return Sent.done();
    }

    /** Brings the review's latest message up to date (after it was marked reviewed). */
    private Sent refresh(SlackWebApi slack, OutboxItem item) {
        Review review = store.find(item.subject()).orElseThrow();
        if (review.messageTs() != null) {
            ReviewMessage.Rendered message = isAlert(review.period())
                    ? ReviewMessage.alert(agreement, trailing(review.dueAt()), review)
                    : ReviewMessage.reminder(agreement, review, lastReviewed(review), report(review), false, false);
            slack.updateMessage(review.channelId(), review.messageTs(), message.text(), message.blocks());
        }
        return Sent.done();
    }

    /** The off-cycle alert, with the button that records the review it asks for. */
    private Sent alert(SlackWebApi slack, OutboxItem item) {
        Instant sentAt = clock.instant();
        // An alert owed before alerts had a review of their own names the quarter; its review is made now.
        String period = isAlert(item.subject()) ? item.subject() : alertPeriod(item.subject());
        Review review = store.alertReview(period, sentAt);
        ReviewMessage.Rendered alert = ReviewMessage.alert(agreement, trailing(review.dueAt()), review);
        SlackWebApi.Posted posted = slack.postMessage(agreement.review().channel(), alert.text(), alert.blocks(), null);
        return Sent.done(handle -> store.posted(handle, period, posted.channel(), posted.ts(), sentAt, null));
    }

    /**
     * The action items of a review that decided to change the agreement, in the review's thread, asking the owners
     * to open the change.
     */
    private Sent postActionItems(SlackWebApi slack, OutboxItem item) {
        Review review = store.find(item.subject()).orElseThrow();
        ReviewMessage.Rendered message = ReviewMessage.changeRequest(agreement, review);
        SlackWebApi.Posted posted = slack.postMessage(review.channelId() != null ? review.channelId()
                : agreement.review().channel(), message.text(), message.blocks(), review.messageTs());
        return Sent.done(handle -> store.changeRequestPosted(handle, review.period(), posted.channel(), posted.ts()));
    }

    /** Shows on the action items who opened the change. */
    private Sent refreshActionItems(SlackWebApi slack, OutboxItem item) {
        Review review = store.find(item.subject()).orElseThrow();
        if (review.changeTs() != null) {
            ReviewMessage.Rendered message = ReviewMessage.changeRequest(agreement, review);
            slack.updateMessage(review.changeChannelId(), review.changeTs(), message.text(), message.blocks());
        }
        return Sent.done();
    }

    /** The off-cycle review a quarter's alert asks for has its own row, "2026-Q4-alert", so it can be marked done. */
    static String alertPeriod(String quarter) {
        return quarter + ALERT_SUFFIX;
    }

    private static boolean isAlert(String period) {
        return period.endsWith(ALERT_SUFFIX);
    }

    /** The 30 days up to the day of {@code at}, the window the off-cycle alert judges. */
    private StatsReport trailing(Instant at) {
        return stats.compute(Period.lastDays(30, at.atZone(agreement.calendar().zone()).toLocalDate()));
    }

    /** The numbers of the period the review looks back on: the whole quarter (or month) before it fell due. */
    private StatsReport report(Review review) {
        LocalDate[] previous = schedule.previousPeriod(review.dueAt());
        GoalPeriod.Length length = agreement.review().cadence() == ReviewTerms.Cadence.QUARTERLY
                ? GoalPeriod.Length.QUARTER : GoalPeriod.Length.MONTH;
        return stats.compute(Period.of(GoalPeriod.containing(length, previous[0])));
    }

    private Review lastReviewed(Review review) {
        return store.lastReviewed().filter(r -> !r.period().equals(review.period())).orElse(null);
    }

    private void checkIndicators(Instant now) {
        LocalDate today = now.atZone(agreement.calendar().zone()).toLocalDate();
        List<Indicator> indicators = Indicator.of(trailing(now), agreement);
        if (!ReviewMessage.anyBelow(indicators)) {
            return;
        }
        String detail = String.join("; ", indicators.stream()
                .filter(i -> i.judgement() == Indicator.Judgement.BELOW).map(Indicator::line).toList());
        String quarter = Quarter.of(today).toString();
        String period = alertPeriod(quarter);
        store.claimAlert(quarter, period, now, detail, alertOf(period));
    }

    /** The edit of a review's message, in the channel it was posted in. */
    static Owed refreshOf(String period, String channel) {
        return new Owed(REFRESH, SlackLanes.edit(channel), period, null);
    }

    /** The post of a review's action items, in the lane of the review channel's posts. */
    static Owed actionItemsOf(String period, String reviewChannel) {
        return new Owed(ACTION_ITEMS, SlackLanes.post(reviewChannel), period, null);
    }

    /** The edit of a review's action items, in the channel they were posted in. */
    static Owed actionItemsRefreshOf(String period, String channel) {
        return new Owed(ACTION_ITEMS_REFRESH, SlackLanes.edit(channel), period, null);
    }

    @Override
    public void close() {
        ticker.close();
    }
}
