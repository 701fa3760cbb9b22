package dev.handshake.stats;

import static com.slack.api.model.block.Blocks.section;
import static dev.handshake.slack.Mrkdwn.markdownText;

import dev.handshake.ask.Answer;
import dev.handshake.ask.HelpLine;
import dev.handshake.ask.SlaCommand;
import dev.handshake.ask.SlaQuery;
import dev.handshake.ask.SlaRequest;
import dev.handshake.db.Busy;
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
 * {@code chart} at the end, the chart is owed to the outbox and the answer says it is on its way; it is drawn and
 * sent after the ack.
 */
public final class StatsCommand {

    /** Sends a period's chart to a person: owes it, committed before it returns; drawn and sent after the ack. */
    public interface Charts {
        void send(Period period, String userId);
    }

    private static final Logger log = LoggerFactory.getLogger(StatsCommand.class);
    private static final int ECHO_LIMIT = 40;
    private static final Pattern CHART = Pattern.compile("(?i)(^|\\s+)(chart|charts|graph|picture)$");

    private final Stats stats;
    private final Charts charts;
    private final Clock clock;
    private final ZoneId zone;

    public StatsCommand(Stats stats, Charts charts, Clock clock, ZoneId zone) {
        this.stats = Objects.requireNonNull(stats, "stats == null");
        this.charts = Objects.requireNonNull(charts, "charts == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
        this.zone = Objects.requireNonNull(zone, "zone == null");
    }

    /**
     * The {@code /sla stats} command: a question, read from the database, nothing stored or sent; except with
     * {@code chart} at the end, which owes the chart, so a replayed request is not run again.
     */
    public SlaCommand command() {
        return SlaCommand.questionUnless(List.of("stats"), List.of(
                        new HelpLine("/sla stats last quarter",
                                "the agreement's numbers for a period (also `30d`, `2026-Q3`)"),
                        new HelpLine("/sla stats last quarter chart",
                                "the period's chart (funnel, 13 weeks of acceptance and time to decide), "
                                        + "by direct message")),
                query -> CHART.matcher(query.argument()).find(), this::answer);
    }

    Answer answer(SlaRequest request) {
        SlaQuery query = request.query();
        String userId = request.userId();
        Matcher chart = CHART.matcher(query.argument());
        boolean wantsChart = chart.find();
        String argument = wantsChart ? query.argument().substring(0, chart.start()) : query.argument();
        Period.Parse parse = Period.parse(argument, LocalDate.ofInstant(clock.instant(), zone));
        if (parse instanceof Period.Refused refused) {
            return privately("`/sla stats " + Mrkdwn.escapeAndTruncate(query.argument().replace('`', '\''),
                    ECHO_LIMIT) + "`: " + Mrkdwn.escapeControlCharacters(refused.reason()));
        }
        Period period = ((Period.Parsed) parse).period();
        if (wantsChart) {
            // A write: when the database is busy or does not confirm it, the app's middleware answers "try again".
            charts.send(period, userId);
            return privately("Drawing the chart of " + Mrkdwn.escape(period.phrase()) + " ("
                    + Mrkdwn.escape(period.dates())
                    + "); I'll send it to you in a direct message from Handshake in a moment.");
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
