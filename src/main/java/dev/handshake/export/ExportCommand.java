package dev.handshake.export;

import static com.slack.api.model.block.Blocks.section;
import static dev.handshake.slack.Mrkdwn.markdownText;

import dev.handshake.ask.Answer;
import dev.handshake.ask.SlaCommandListener;
import dev.handshake.ask.SlaQuery;
import dev.handshake.slack.AfterAck;
import dev.handshake.slack.Mrkdwn;
import dev.handshake.slack.SlackApi;
import dev.handshake.stats.Period;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * {@code /sla export [period]}: answers at once, then builds the CSV of the period's handoffs and their events and
 * sends it to the user in a direct message through Slack's external upload flow.
 */
public final class ExportCommand implements SlaCommandListener.OtherCommand {

    private static final int ECHO_LIMIT = 40;

    private final HandoffExport export;
    private final SlackApi slack;
    private final AfterAck afterAck;
    private final Clock clock;
    private final ZoneId zone;

    public ExportCommand(HandoffExport export, SlackApi slack, AfterAck afterAck, Clock clock, ZoneId zone) {
        this.export = Objects.requireNonNull(export, "export == null");
        this.slack = Objects.requireNonNull(slack, "slack == null");
        this.afterAck = Objects.requireNonNull(afterAck, "afterAck == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
        this.zone = Objects.requireNonNull(zone, "zone == null");
    }

    @Override
    public Answer answer(SlaQuery query, String userId, String channelId) {
        if (!"export".equals(query.command())) {
            return null;
        }
        Period.Parse parse = Period.parse(query.argument(), LocalDate.ofInstant(clock.instant(), zone));
        if (parse instanceof Period.Refused refused) {
            return privately("`/sla export " + Mrkdwn.escapeAndTruncate(query.argument().replace('`', '\''),
                    ECHO_LIMIT) + "`: " + Mrkdwn.escape(refused.reason()));
        }
        Period period = ((Period.Parsed) parse).period();
        afterAck.run("Exporting handoffs", () -> send(period, userId));
        return privately("Preparing the CSV of " + Mrkdwn.escape(period.label()) + " (" + Mrkdwn.escape(period.dates())
                + "). It will arrive in a direct message from Handshake in a moment.");
    }

    private void send(Period period, String userId) {
        HandoffExport.Result result = export.csv(period);
        String dm = slack.openDirectMessage(userId);
        String filename = "handshake-handoffs-" + period.from() + "-to-" + period.to() + ".csv";
        slack.uploadFile(dm, filename, "Handoffs, " + period.label(), result.csv().getBytes(StandardCharsets.UTF_8),
                "Here are the " + result.handoffs() + " handoffs of " + Mrkdwn.escape(period.label())
                        + ", one row per event (" + result.rows() + " rows).");
    }

    private static Answer privately(String mrkdwn) {
        return new Answer(mrkdwn, List.of(section(s -> s.text(markdownText(mrkdwn)))), false);
    }
}
