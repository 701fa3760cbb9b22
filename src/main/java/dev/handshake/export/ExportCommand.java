package dev.handshake.export;

import static com.slack.api.model.block.Blocks.section;
import static dev.handshake.slack.Mrkdwn.markdownText;

import dev.handshake.ask.Answer;
import dev.handshake.ask.HelpLine;
import dev.handshake.ask.SlaCommand;
import dev.handshake.ask.SlaQuery;
import dev.handshake.ask.SlaRequest;
import dev.handshake.db.JsonColumn;
import dev.handshake.outbox.Outbox;
import dev.handshake.agreement.SlackTarget;
import dev.handshake.people.Audiences;
import dev.handshake.people.Membership;
import dev.handshake.slack.AfterAck;
import dev.handshake.slack.Replies;
import dev.handshake.outbox.OutboxItem;
import dev.handshake.outbox.Owed;
import dev.handshake.outbox.Sent;
import dev.handshake.slack.Mrkdwn;
import dev.handshake.slack.SlackHandler;
import dev.handshake.slack.SlackLanes;
import dev.handshake.slack.SlackWebApi;
import dev.handshake.stats.Period;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code /sla export [period]}: answers at once and owes the export to the outbox, whose handler builds the CSV of
 * the period's handoffs and their events when it is sent, and sends it to the user in a direct message through
 * Slack's external upload flow.
 */
public final class ExportCommand {

    /** The outbox kind of an export. */
    public static final String UPLOAD = "export_upload";
    private static final int ECHO_LIMIT = 40;

    private final HandoffExport export;
    private final SlackWebApi slack;
    private final Outbox outbox;
    private final Clock clock;
    private final ZoneId zone;
    private final Who who;

    /**
     * Who may export (the CSV holds leads' personal data): the agreement's export audience, checked with
     * {@code membership}, described by {@code audiences}; a check that needs Slack runs on {@code afterAck} and is
     * answered through {@code replies}.
     */
    public record Who(SlackTarget audience, Membership membership, Audiences audiences, AfterAck afterAck,
            Replies replies) {
        public Who {
            Objects.requireNonNull(audience, "audience == null");
            Objects.requireNonNull(membership, "membership == null");
            Objects.requireNonNull(audiences, "audiences == null");
            Objects.requireNonNull(afterAck, "afterAck == null");
            Objects.requireNonNull(replies, "replies == null");
        }
    }

    public ExportCommand(HandoffExport export, SlackWebApi slack, Outbox outbox, Clock clock, ZoneId zone, Who who) {
        this.export = Objects.requireNonNull(export, "export == null");
        this.slack = Objects.requireNonNull(slack, "slack == null");
        this.outbox = Objects.requireNonNull(outbox, "outbox == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
        this.zone = Objects.requireNonNull(zone, "zone == null");
        this.who = Objects.requireNonNull(who, "who == null");
    }

    /** The {@code /sla export} command: it owes an upload, so a replay must not repeat it. */
    public SlaCommand command() {
        return SlaCommand.withEffect(List.of("export"), List.of(new HelpLine("/sla export",
                "a CSV of this quarter's handoffs and their events, by direct message")), this::answer);
    }

    Answer answer(SlaRequest request) {
        SlaQuery query = request.query();
        String userId = request.userId();
        String responseUrl = request.responseUrl();
        Period.Parse parse = Period.parse(query.argument(), LocalDate.ofInstant(clock.instant(), zone));
        if (parse instanceof Period.Refused refused) {
            return privately("`/sla export " + Mrkdwn.escapeAndTruncate(query.argument().replace('`', '\''),
                    ECHO_LIMIT) + "`: " + Mrkdwn.escape(refused.reason()));
        }
        Period period = ((Period.Parsed) parse).period();
        Membership.Check known = who.membership().cached(who.audience(), userId);
        if (known.answer() == Membership.Answer.YES) {
            return privately(owe(period, userId));
        }
        if (known.answer() == Membership.Answer.NO) {
            return privately(refusal(false));
        }
        // Who may export is not known from the last minutes: ask Slack after the acknowledgement, answer then.
        who.afterAck().run("Checking who may export", () -> {
            Membership.Check check = who.membership().check(who.audience(), userId);
            // Said now, while a Slack call is allowed, so later refusals in the acknowledgement can name the group.
            String refusal = refusal(true);
            who.replies().tell(responseUrl, userId, check.yes() ? owe(period, userId)
                    : check.answer() == Membership.Answer.NO ? refusal
                    : "Handshake could not check with Slack who may export (Slack answered `"
                            + Mrkdwn.escapeAndTruncate(check.why(), 40) + "`), so nothing was exported. Try again in "
                            + "a minute.");
        });
        return privately("Checking that you may export the handoffs of " + Mrkdwn.escape(period.label())
                + " (the CSV holds leads' personal data)…");
    }

    private String owe(Period period, String userId) {
        outbox.add(new Owed(UPLOAD, SlackLanes.upload(userId), userId, JsonColumn.of(Map.of(
                "from", period.from().toString(), "to", period.to().toString(), "label", period.label()))));
        return "Preparing the CSV of " + Mrkdwn.escape(period.label()) + " (" + Mrkdwn.escape(period.dates())
                + "). It will arrive in a direct message from Handshake in a moment.";
    }

    /** The private explanation; {@code mayAsk}: a group's handle may be asked of Slack (after the ack only). */
    private String refusal(boolean mayAsk) {
        return "Only " + who.audiences().describe(who.audience(), mayAsk) + " can export handoffs: the CSV holds leads' personal data (names, emails, "
                + "phones). Ask one of them, or ask the agreement's owners to add you (`permissions.export` in sla.yml).";
    }

    /** Registers the handler that builds and uploads exports. */
    public void register(Outbox outbox) {
        outbox.register(UPLOAD, SlackHandler.unpaced(this::send));
    }

    private Sent send(OutboxItem item) {
        Map<String, String> detail = JsonColumn.fields(item.detail());
        Period period = new Period(LocalDate.parse(detail.get("from")), LocalDate.parse(detail.get("to")),
                detail.get("label"));
        String userId = item.subject();
        HandoffExport.Result result = export.csv(period);
        String dm = slack.openDirectMessage(userId);
        String filename = "handshake-handoffs-" + period.from() + "-to-" + period.to() + ".csv";
        slack.uploadFile(dm, filename, "Handoffs, " + period.label(), result.csv().getBytes(StandardCharsets.UTF_8),
                "Here are the " + result.handoffs() + " handoffs of " + Mrkdwn.escape(period.label())
                        + ", one row per event (" + result.rows() + " rows).");
        return Sent.done();
    }

    private static Answer privately(String mrkdwn) {
        return new Answer(mrkdwn, List.of(section(s -> s.text(markdownText(mrkdwn)))), false);
    }
}
