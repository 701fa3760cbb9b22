package dev.handshake.review;

import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.GoalPeriod;
import dev.handshake.agreement.ReviewTerms;
import dev.handshake.chart.ChartDelivery;
import dev.handshake.chart.PeriodChart;
import dev.handshake.clock.Quarter;
import dev.handshake.clock.Ticker;
import dev.handshake.slack.SlackApi;
import dev.handshake.slack.SlackCallException;
import dev.handshake.stats.Indicator;
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
 * Makes reviews happen: posts the review reminder once per period when it falls due (also right after a start
 * that missed the moment) with the chart of the period it looks back on in its thread, one follow-up if nobody
 * marked it reviewed in time, the snoozed reminder a week later, the action items of a review that decided to
 * change the agreement, and, at most once a quarter, an off-cycle recommendation when an indicator of the trailing
 * 30 days falls below its threshold. Each step is claimed in the database before it is posted, so it happens once
 * across restarts. Thread-safe.
 */
public final class ReviewReminders implements AutoCloseable {

    static final Duration TICK = Duration.ofSeconds(2);
    static final Duration ALERT_CHECK = Duration.ofHours(1);
    private static final Logger log = LoggerFactory.getLogger(ReviewReminders.class);
    private static final String ALERT_SUFFIX = "-alert";

    private final ReviewStore store;
    private final ReviewSchedule schedule;
    private final Stats stats;
    private final PeriodChart chart;
    private final ChartDelivery delivery;
    private final Agreement agreement;
    private final SlackApi slack;
    private final Clock clock;
    private final Ticker ticker;
    private volatile Instant nextAlertCheck = Instant.MIN;

    public ReviewReminders(ReviewStore store, ReviewSchedule schedule, Stats stats, PeriodChart chart,
            ChartDelivery delivery, Agreement agreement, SlackApi slack, Clock clock) {
        this.store = Objects.requireNonNull(store, "store == null");
        this.schedule = Objects.requireNonNull(schedule, "schedule == null");
        this.stats = Objects.requireNonNull(stats, "stats == null");
        this.chart = Objects.requireNonNull(chart, "chart == null");
        this.delivery = Objects.requireNonNull(delivery, "delivery == null");
        this.agreement = Objects.requireNonNull(agreement, "agreement == null");
        this.slack = Objects.requireNonNull(slack, "slack == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
        this.ticker = new Ticker("review-reminders", TICK, this::tick);
    }

    public void start() {
        ticker.start();
    }

    void tick() {
        Instant now = clock.instant();
        ReviewSchedule.Due due = schedule.current(now);
        Duration followUp = Duration.ofDays(agreement.review().followUpDays());
        Instant dueAt = due.at().toInstant();
        // A start within the follow-up window of a missed moment still posts it; later than that, it waits.
        if (!now.isBefore(dueAt) && now.isBefore(dueAt.plus(followUp)) && store.claim(due.period(), dueAt)) {
            post(due.period(), false);
        }
        Optional<Review> review = store.find(due.period());
        if (review.isPresent() && !review.get().reviewed()) {
            Review current = review.get();
            if (current.postedAt() == null && now.isBefore(dueAt.plus(followUp))) {
                post(due.period(), false); // claimed by a run that stopped before posting
            } else if (store.takeSnoozed(due.period(), now)) {
                post(due.period(), false);
            } else if (current.postedAt() != null && !now.isBefore(current.postedAt().plus(followUp))
                    && store.claimFollowUp(due.period(), now)) {
                post(due.period(), true);
            }
        }
        if (!now.isBefore(nextAlertCheck)) {
            nextAlertCheck = now.plus(ALERT_CHECK);
            checkIndicators(now);
        }
    }

    private void post(String period, boolean followUp) {
        // The follow-up window counts from when the reminder was sent, not from when Slack's answer came back.
        Instant sentAt = clock.instant();
        Review review = store.find(period).orElseThrow();
        StatsReport report = report(review);
        // The follow-up points back at the first post, whose thread already holds the chart.
        Optional<byte[]> png = followUp ? Optional.empty() : chart.png(report);
        ReviewMessage.Rendered message = ReviewMessage.reminder(agreement, review, lastReviewed(review), report,
                followUp, png.isPresent());
        SlackApi.Posted posted = slack.postMessage(agreement.review().channel(), message.text(), message.blocks(), null);
        store.posted(period, posted.channel(), posted.ts(), sentAt);
        png.ifPresent(bytes -> uploadChart(posted, report.period(), bytes));
    }

    /** The chart goes in the review's thread; if Slack refuses it, the review stands without it. */
    private void uploadChart(SlackApi.Posted posted, Period period, byte[] png) {
        try {
            delivery.toChannel(posted.channel(), posted.ts(), PeriodChart.filename(period),
                    "SLA review chart, " + period.label(), png, PeriodChart.comment(period));
        } catch (SlackCallException e) {
            log.warn("The review was posted, but its chart could not be uploaded ({} on {})", e.error(), e.method());
        }
    }

    /** Brings the review's latest message up to date (after it was marked reviewed). */
    void refresh(String period) {
        Review review = store.find(period).orElseThrow();
        if (review.messageTs() != null) {
            ReviewMessage.Rendered message = isAlert(period)
                    ? ReviewMessage.alert(agreement, trailing(review.dueAt()), review)
                    : ReviewMessage.reminder(agreement, review, lastReviewed(review), report(review), false, false);
            slack.updateMessage(review.channelId(), review.messageTs(), message.text(), message.blocks());
        }
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

    /**
     * After a review decided to change the agreement: its action items in the review's thread, once, asking the
     * owners to open the change.
     */
    void requestChange(String period) {
        Review review = store.find(period).orElseThrow();
        if (!"change".equals(review.outcome()) || !store.claimChangeRequest(period, clock.instant())) {
            return;
        }
        ReviewMessage.Rendered message = ReviewMessage.changeRequest(agreement, review);
        try {
            SlackApi.Posted posted = slack.postMessage(review.channelId() != null ? review.channelId()
                    : agreement.review().channel(), message.text(), message.blocks(), review.messageTs());
            store.changeRequestPosted(period, posted.channel(), posted.ts());
        } catch (RuntimeException e) {
            store.releaseChangeRequest(period);
            throw e;
        }
    }

    /** Shows on the action items who opened the change. */
    void refreshChangeRequest(String period) {
        Review review = store.find(period).orElseThrow();
        if (review.changeTs() != null) {
            ReviewMessage.Rendered message = ReviewMessage.changeRequest(agreement, review);
            slack.updateMessage(review.changeChannelId(), review.changeTs(), message.text(), message.blocks());
        }
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
        StatsReport trailing = trailing(now);
        List<Indicator> indicators = Indicator.of(trailing, agreement);
        if (!ReviewMessage.anyBelow(indicators)) {
            return;
        }
        String detail = String.join("; ", indicators.stream()
                .filter(i -> i.judgement() == Indicator.Judgement.BELOW).map(Indicator::line).toList());
        String quarter = Quarter.of(today).toString();
        if (store.claimAlert(quarter, now, detail)) {
            String period = alertPeriod(quarter);
            store.claim(period, now);
            ReviewMessage.Rendered alert = ReviewMessage.alert(agreement, trailing, store.find(period).orElseThrow());
            SlackApi.Posted posted;
            try {
                posted = slack.postMessage(agreement.review().channel(), alert.text(), alert.blocks(), null);
            } catch (RuntimeException e) {
                store.releaseAlert(quarter);
                throw e;
            }
            store.posted(period, posted.channel(), posted.ts(), now);
        }
    }


    @Override
    public void close() {
        ticker.close();
    }
}
