package dev.handshake.chart;

import dev.handshake.agreement.Agreement;
import dev.handshake.db.JsonColumn;
import dev.handshake.outbox.Outbox;
import dev.handshake.outbox.OutboxItem;
import dev.handshake.outbox.Owed;
import dev.handshake.outbox.Sent;
import dev.handshake.slack.Mrkdwn;
import dev.handshake.slack.SlackHandler;
import dev.handshake.slack.SlackLanes;
import dev.handshake.slack.SlackWebApi;
import dev.handshake.stats.Period;
import dev.handshake.stats.Stats;
import dev.handshake.stats.StatsCommand;
import dev.handshake.stats.StatsReport;
import dev.handshake.stats.Weekly;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The chart of a period: its funnel and the {@value #WEEKS} weeks up to its end (up to today for the current one),
 * from the same numbers as {@code /sla stats}. Draws it for the review, and for whoever asks with
 * {@code /sla stats <period> chart}: that one is owed to the outbox, whose handler (registered here) draws it when it
 * is sent and uploads it into the person's direct message with the app. Thread-safe.
 */
public final class PeriodChart implements StatsCommand.Charts {

    /** The outbox kind of a chart sent to the person who asked for it. */
    public static final String DIRECT = "stats_chart";
    static final int WEEKS = 13;

    private final Stats stats;
    private final Agreement agreement;
    private final ChartRenderer renderer;
    private final Outbox outbox;
    private final Clock clock;
    private final ZoneId zone;

    public PeriodChart(Stats stats, Agreement agreement, ChartRenderer renderer, Outbox outbox, Clock clock) {
        this.stats = Objects.requireNonNull(stats, "stats == null");
        this.agreement = Objects.requireNonNull(agreement, "agreement == null");
        this.renderer = Objects.requireNonNull(renderer, "renderer == null");
        this.outbox = Objects.requireNonNull(outbox, "outbox == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
        this.zone = agreement.calendar().zone();
    }

    /** Registers the handler that draws and uploads the charts people ask for. */
    public void register(SlackWebApi slack) {
        outbox.register(DIRECT, SlackHandler.unpaced(item -> deliver(slack, item)));
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

    /** Owes the chart of {@code period} to {@code userId}, committed before this returns. */
    @Override
    public void send(Period period, String userId) {
        outbox.add(new Owed(DIRECT, SlackLanes.upload(userId), userId, JsonColumn.of(Map.of(
                "from", period.from().toString(), "to", period.to().toString(), "label", period.label()))));
    }

    /** Draws the chart asked for and uploads it into the asker's DM, or tells them there why it could not be drawn. */
    private Sent deliver(SlackWebApi slack, OutboxItem item) {
        Map<String, String> detail = JsonColumn.fields(item.detail());
        Period period = new Period(LocalDate.parse(detail.get("from")), LocalDate.parse(detail.get("to")),
                detail.get("label"));
        Optional<byte[]> png = renderer.png(ChartData.of(stats.chartNumbers(period), weeks(period), agreement));
        String dm = slack.openDirectMessage(item.subject());
        if (png.isEmpty()) {
            slack.postMessage(dm, "I couldn't draw the chart of " + Mrkdwn.escape(period.phrase())
                    + ": the server has no font to draw its text with. Your admin will find the fix in the app's log; "
                    + "the numbers themselves are in `/sla stats`.", null, null);
        } else {
            slack.uploadFile(dm, filename(period), "SLA chart, " + period.label(), png.get(), comment(period));
        }
        return Sent.done();
    }
}
