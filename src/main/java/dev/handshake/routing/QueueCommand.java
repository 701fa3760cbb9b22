package dev.handshake.routing;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

import com.slack.api.model.block.LayoutBlock;
import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.PoolRep;
import dev.handshake.agreement.Stage;
import dev.handshake.agreement.StageHandoff;
import dev.handshake.ask.Answer;
import dev.handshake.ask.HelpLine;
import dev.handshake.ask.SlaCommand;
import dev.handshake.ask.SlaQuery;
import dev.handshake.ask.SlaRequest;
import dev.handshake.db.Busy;
import dev.handshake.slack.Mrkdwn;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers {@code /sla queue [stage]}: for each routed stage, who gets the next leads in order, who is skipped now and
 * why, and where a lead goes when nobody can take it. Names are shown without pinging, so it can be shared.
 */
public final class QueueCommand {

    /** The command word. */
    public static final String WORD = "queue";
    /** Reps listed by name in the order; a bigger pool says how many more. */
    static final int SHOWN = 25;
    private static final int ECHO_LIMIT = 40;
    private static final int NAME_LIMIT = 80;
    private static final Logger log = LoggerFactory.getLogger(QueueCommand.class);

    private final Jdbi jdbi;
    private final Agreement agreement;
    private final Router router;
    private final Clock clock;

    public QueueCommand(Jdbi jdbi, Agreement agreement, Router router, Clock clock) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi == null");
        this.agreement = Objects.requireNonNull(agreement, "agreement == null");
        this.router = Objects.requireNonNull(router, "router == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
    }

    /** The {@code /sla queue} question: it reads the rotation and changes nothing. */
    public SlaCommand command() {
        return SlaCommand.question(List.of(WORD), List.of(new HelpLine("/sla queue",
                "who gets the next leads, in order, and who is skipped now and why")), this::answer);
    }

    Answer answer(SlaRequest request) {
        SlaQuery query = request.query();
        List<String> stages = agreement.handoff().stages().stream().map(StageHandoff::stage)
                .filter(stage -> agreement.handoff().routingFor(stage).isPresent()).toList();
        if (!query.argument().isEmpty()) {
            Optional<String> asked = stageNamed(query.argument());
            if (asked.isEmpty() || !stages.contains(asked.get())) {
                String routed = stages.stream().map(this::stageName).collect(Collectors.joining(", "));
                return privately("`/sla queue " + Mrkdwn.escapeAndTruncate(query.argument().replace('`', '\''),
                        ECHO_LIMIT) + "`: no routed stage has that name. " + (stages.isEmpty()
                        ? "The agreement routes no stage (give a stage's `routing:` in sla.yml)."
                        : "Routed: " + Mrkdwn.escape(routed) + "."));
            }
            stages = List.of(asked.get());
        }
        if (stages.isEmpty()) {
            return privately("The agreement routes no stage: leads go to the rep marketing names, or wait in the "
                    + "sales channel for anyone. Give a stage's `routing:` (a pool of reps) in sla.yml to route them.");
        }
        try {
            List<LayoutBlock> blocks = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            for (String stage : stages) {
                Router.Queue queue = jdbi.withHandle(handle -> router.queue(handle, stage, clock.instant()));
                render(queue, blocks, text);
            }
            return new Answer(Mrkdwn.escape(text.toString().strip()), blocks, query.share());
        } catch (RuntimeException e) {
            if (Busy.isBusy(e)) {
                return privately("The database is busy right now; try `/sla queue` again in a few seconds.");
            }
            log.error("/sla queue failed", e);
            return privately("Sorry, I couldn't read the rotation. Try again in a moment.");
        }
    }

    private void render(Router.Queue queue, List<LayoutBlock> blocks, StringBuilder text) {
        String stage = Mrkdwn.escape(stageName(queue.stage()));
        StringBuilder body = new StringBuilder("*").append(stage).append(" rotation* — ");
        if (queue.order().isEmpty()) {
            body.append("nobody can take a lead now, so the next one goes to ")
                    .append(queue.terms().fallback() == null ? "the sales channel, for anyone"
                            : "the fallback, " + Mrkdwn.escape(router.describe(queue.terms().fallback())))
                    .append('.');
        } else {
            body.append(queue.earliestOpeners() ? "nobody is in working hours now; the next leads go to whoever "
                    + "starts first, in this order:" : "the next leads go to, in order:");
            int place = 1;
            for (PoolRep rep : queue.order().subList(0, Math.min(SHOWN, queue.order().size()))) {
                body.append("\n").append(place++).append(". ").append(line(router.name(rep.user())));
                List<String> about = new ArrayList<>();
                if (rep.weight() > 1) {
                    about.add("weight " + rep.weight());
                }
                queue.terms().capOf(rep).ifPresent(cap -> about.add(queue.open().getOrDefault(rep.user(), 0)
                        + " of " + cap + " open"));
                if (!about.isEmpty()) {
                    body.append(" (").append(String.join(", ", about)).append(')');
                }
            }
            if (queue.order().size() > SHOWN) {
                body.append("\n…and ").append(queue.order().size() - SHOWN).append(" more");
            }
        }
        String section = body.toString();
        blocks.add(section(s -> s.text(markdownText(section))));
        List<String> notes = new ArrayList<>();
        if (!queue.skipped().isEmpty()) {
            notes.add("Skipped now: " + queue.skipped().stream().map(skip -> line(skip.text()))
                    .collect(Collectors.joining(" · ")));
        }
        notes.add("When nobody can take a lead: " + (queue.terms().fallback() == null
                ? "it waits in the sales channel for anyone"
                : Mrkdwn.escape(router.describe(queue.terms().fallback()))) + ".");
        String context = String.join("\n", notes);
        blocks.add(context(List.of(markdownText(context))));
        text.append(stageName(queue.stage())).append(" rotation: ")
                .append(queue.order().stream().map(rep -> router.name(rep.user())).collect(Collectors.joining(", ")))
                .append(queue.skipped().isEmpty() ? "" : "; skipped: " + queue.skipped().stream().map(Skip::text)
                        .collect(Collectors.joining("; ")))
                .append(". ");
    }

    private static String line(String raw) {
        return Mrkdwn.escapeAndTruncate(raw.replaceAll("\\s+", " ").strip(), NAME_LIMIT);
    }

    private Optional<String> stageNamed(String asked) {
        String wanted = asked.strip().toLowerCase(Locale.ROOT);
        return agreement.stages().stream()
                .filter(stage -> stage.id().equals(wanted) || stage.name().toLowerCase(Locale.ROOT).equals(wanted)
                        || stage.aliases().stream().anyMatch(alias -> alias.toLowerCase(Locale.ROOT).equals(wanted)))
                .map(Stage::id).findFirst();
    }

    private String stageName(String id) {
        return agreement.stage(id).map(Stage::name).orElse(id);
    }

    private static Answer privately(String mrkdwn) {
        return new Answer(mrkdwn, List.of(section(s -> s.text(markdownText(mrkdwn)))), false);
    }
}
