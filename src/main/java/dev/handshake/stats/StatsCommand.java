package dev.handshake.stats;

import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

import dev.handshake.ask.Answer;
import dev.handshake.ask.SlaCommandListener;
import dev.handshake.ask.SlaQuery;
import dev.handshake.db.Busy;
import dev.handshake.slack.AfterAck;
import dev.handshake.slack.Mrkdwn;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers {@code /sla stats [period]} with the agreement's numbers for the period, only to the asker unless
 * {@code share} is added. The answer goes in the acknowledgement, so the numbers are computed in SQL, fast. With
 * {@code chart} at the end, the answer says the chart is on its way and it is drawn and sent after the ack.
 */
public final class StatsCommand implements SlaCommandListener.OtherCommand {

    /** Draws a period's chart and sends it to a person; called after the ack. */
    public interface Charts {
        void send(Period period, String userId);
    }

    private static final Logger log = LoggerFactory.getLogger(StatsCommand.class);
    private static final int ECHO_LIMIT = 40;
    private static final Pattern CHART = Pattern.compile("(?i)(^|\\s+)(chart|charts|graph|picture)$");

    private final Stats stats;
    private final Charts charts;
    private final AfterAck afterAck;
    private final Clock clock;
    private final ZoneId zone;

    public StatsCommand(Stats stats, Charts charts, AfterAck afterAck, Clock clock, ZoneId zone) {
        this.stats = Objects.requireNonNull(stats, "stats == null");
        this.charts = Objects.requireNonNull(charts, "charts == null");
        this.afterAck = Objects.requireNonNull(afterAck, "afterAck == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
        this.zone = Objects.requireNonNull(zone, "zone == null");
    }

    @Override
    public Answer answer(SlaQuery query, String userId, String channelId) {
        if (!"stats".equals(query.command())) {
            return null;
        }
        Matcher chart = CHART.matcher(query.argument());
        boolean wantsChart = chart.find();
        String argument = wantsChart ? query.argument().substring(0, chart.start()) : query.argument();
        Period.Parse parse = Period.parse(argument, LocalDate.ofInstant(clock.instant(), zone));
        if (parse instanceof Period.Refused refused) {
            return privately("`/sla stats " + Mrkdwn.escapeAndTruncate(query.argument().replace('`', '\''),
                    ECHO_LIMIT) + "`: " + Mrkdwn.escape(refused.reason()));
        }
        Period period = ((Period.Parsed) parse).period();
        if (wantsChart) {
            boolean queued = afterAck.run("Sending a stats chart", () -> charts.send(period, userId));
            return privately(queued
                    ? "Drawing the chart of " + Mrkdwn.escape(period.phrase()) + " (" + Mrkdwn.escape(period.dates())
                            + "); I'll send it to you in a direct message from Handshake in a moment."
                    : "I'm too busy to draw a chart right now; try again in a minute.");
        }
        try {
            return StatsCard.render(stats.compute(period), zone, query.share());
        } catch (RuntimeException e) {
            if (Busy.isBusy(e)) {
                log.warn("/sla stats answered busy: the database stayed locked past the busy timeout");
                return privately("The database is busy right now; try `/sla stats` again in a few seconds.");
            }
            String ref = Long.toHexString(ThreadLocalRandom.current().nextLong());
            log.error("/sla stats failed (ref {})", ref, e);
            return privately("Sorry, I couldn't compute the stats (ref `" + ref + "`). Try again, or tell RevOps.");
        }
    }

    private static Answer privately(String mrkdwn) {
        return new Answer(mrkdwn, List.of(section(s -> s.text(markdownText(mrkdwn)))), false);
    }
}
