package dev.handshake.stats;

import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers {@code /sla stats [period]} with the agreement's numbers for the period, only to the asker unless
 * {@code share} is added. The answer goes in the acknowledgement, so the numbers are computed in SQL, fast.
 */
public final class StatsCommand {

    private static final Logger log = LoggerFactory.getLogger(StatsCommand.class);
    private static final int ECHO_LIMIT = 40;

    private final Stats stats;
    private final Clock clock;
    private final ZoneId zone;

    public StatsCommand(Stats stats, Clock clock, ZoneId zone) {
        this.stats = Objects.requireNonNull(stats, "stats == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
        this.zone = Objects.requireNonNull(zone, "zone == null");
    }

    /** The {@code /sla stats} command: a question, read from the database, nothing stored or sent. */
    public SlaCommand command() {
        return SlaCommand.question(List.of("stats"), List.of(new HelpLine("/sla stats last quarter",
                "the agreement's numbers for a period (also `30d`, `2026-Q3`)")), this::answer);
    }

    Answer answer(SlaRequest request) {
        SlaQuery query = request.query();
        Period.Parse parse = Period.parse(query.argument(), LocalDate.ofInstant(clock.instant(), zone));
        if (parse instanceof Period.Refused refused) {
            return privately("`/sla stats " + Mrkdwn.escapeAndTruncate(query.argument().replace('`', '\''),
                    ECHO_LIMIT) + "`: " + Mrkdwn.escape(refused.reason()));
        }
        Period period = ((Period.Parsed) parse).period();
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
