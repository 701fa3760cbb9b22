package dev.handshake.review;

import dev.handshake.agreement.Agreement;
import dev.handshake.clock.Quarter;
import dev.handshake.clock.Ticker;
import dev.handshake.slack.SlackApi;
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

/**
 * Makes reviews happen: posts the review reminder once per period when it falls due (also right after a start
 * that missed the moment), one follow-up if nobody marked it reviewed in time, the snoozed reminder a week later,
 * and, at most once a quarter, an off-cycle recommendation when the trailing 30 days fall below the thresholds.
 * Each step is claimed in the database before it is posted, so it happens once across restarts. Thread-safe.
 */
public final class ReviewReminders implements AutoCloseable {

    static final Duration TICK = Duration.ofSeconds(2);
    static final Duration ALERT_CHECK = Duration.ofHours(1);

    private final ReviewStore store;
    private final ReviewSchedule schedule;
    private final Stats stats;
    private final Agreement agreement;
    private final SlackApi slack;
    private final Clock clock;
    private final Ticker ticker;
    private volatile Instant nextAlertCheck = Instant.MIN;

    public ReviewReminders(ReviewStore store, ReviewSchedule schedule, Stats stats, Agreement agreement,
            SlackApi slack, Clock clock) {
        this.store = Objects.requireNonNull(store, "store == null");
        this.schedule = Objects.requireNonNull(schedule, "schedule == null");
        this.stats = Objects.requireNonNull(stats, "stats == null");
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
        ReviewMessage.Rendered message = render(store.find(period).orElseThrow(), followUp);
        SlackApi.Posted posted = slack.postMessage(agreement.review().channel(), message.text(), message.blocks(), null);
        store.posted(period, posted.channel(), posted.ts(), sentAt);
    }

    /** Brings the review's latest message up to date (after it was marked reviewed). */
    void refresh(String period) {
        Review review = store.find(period).orElseThrow();
        if (review.messageTs() != null) {
            ReviewMessage.Rendered message = render(review, false);
            slack.updateMessage(review.channelId(), review.messageTs(), message.text(), message.blocks());
        }
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
        if (!signs.isEmpty() && store.claimAlert(quarter, now, String.join("; ", signs))) {
            ReviewMessage.Rendered alert = ReviewMessage.alert(agreement, trailing, signs);
            try {
                slack.postMessage(agreement.review().channel(), alert.text(), alert.blocks(), null);
            } catch (RuntimeException e) {
                store.releaseAlert(quarter);
                throw e;
            }
        }
    }

    private String cadenceWord() {
        return agreement.review().cadence() == dev.handshake.agreement.ReviewTerms.Cadence.QUARTERLY ? "quarter" : "month";
    }


    @Override
    public void close() {
        ticker.close();
    }
}
