package dev.handshake.chart;

import dev.handshake.agreement.Agreement;
import dev.handshake.slack.Mrkdwn;
import dev.handshake.stats.Period;
import dev.handshake.stats.Stats;
import dev.handshake.stats.StatsCommand;
import dev.handshake.stats.StatsReport;
import dev.handshake.stats.Weekly;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * The chart of a period: its funnel and the {@value #WEEKS} weeks up to its end (up to today for the current one),
 * from the same numbers as {@code /sla stats}. Draws it for the review, and sends it to whoever asks with
 * {@code /sla stats <period> chart}. Thread-safe.
 */
public final class PeriodChart implements StatsCommand.Charts {

    static final int WEEKS = 13;

    private final Stats stats;
    private final Agreement agreement;
    private final ChartRenderer renderer;
    private final ChartDelivery delivery;
    private final Clock clock;
    private final ZoneId zone;

    public PeriodChart(Stats stats, Agreement agreement, ChartRenderer renderer, ChartDelivery delivery, Clock clock) {
        this.stats = Objects.requireNonNull(stats, "stats == null");
        this.agreement = Objects.requireNonNull(agreement, "agreement == null");
        this.renderer = Objects.requireNonNull(renderer, "renderer == null");
        this.delivery = Objects.requireNonNull(delivery, "delivery == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
        this.zone = agreement.calendar().zone();
    }

    /** The PNG of a report's chart, or empty when this machine cannot draw (see {@link ChartRenderer}). */
    public Optional<byte[]> png(StatsReport report) {
        return renderer.png(ChartData.of(report, weeks(report.period()), agreement));
    }

    /** The weeks up to the end of the period, or up to today for the current one. */
    private Weekly weeks(Period period) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        return stats.weekly(period.to().isAfter(today) ? today : period.to(), WEEKS);
    }

    /** "handshake-chart-2026-10-01-to-2026-12-31.png". */
    public static String filename(Period period) {
        return "handshake-chart-" + period.from() + "-to-" + period.to() + ".png";
    }

    /** The upload's comment, mrkdwn. */
    public static String comment(Period period) {
        return "The numbers of " + Mrkdwn.escape(period.phrase()) + " (" + Mrkdwn.escape(period.dates())
                + "): the funnel, and week by week the acceptance rate and the median time to decide against their "
                + "targets.";
    }

    @Override
    public void send(Period period, String userId) {
        Optional<byte[]> png = renderer.png(ChartData.of(stats.chartNumbers(period), weeks(period), agreement));
        if (png.isEmpty()) {
            delivery.explain(userId, "I couldn't draw the chart of " + Mrkdwn.escape(period.phrase())
                    + ": the server has no font to draw its text with. Your admin will find the fix in the app's log; "
                    + "the numbers themselves are in `/sla stats`.");
            return;
        }
        delivery.toUser(userId, filename(period), "SLA chart, " + period.label(), png.get(), comment(period));
    }
}
