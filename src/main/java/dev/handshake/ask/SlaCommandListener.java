package dev.handshake.ask;

import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.app_backend.slash_commands.response.SlashCommandResponse;
import com.slack.api.bolt.response.Response;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The {@code /sla} slash command: answers from the agreement right in the acknowledgement (only the asker sees
 * it), or in the channel with {@code share}. Commands other capabilities own are passed to them.
 */
public final class SlaCommandListener {

    /** A capability that answers some of the {@link SlaQuery.Kind#OTHER} commands (stats, away, …). */
    public interface OtherCommand {
        /** The answer, or null when this handler does not own the command. */
        Answer answer(SlaQuery query, String userId, String channelId);

        /** As {@link #answer(SlaQuery, String, String)}, for a command that may answer later through {@code responseUrl}. */
        default Answer answer(SlaQuery query, String userId, String channelId, String responseUrl) {
            return answer(query, userId, channelId);
        }
    }

    /** Shows people and groups in an answer shared in a channel by name, so sharing it pings nobody. */
    @FunctionalInterface
    public interface Unmention {
        Answer apply(Answer shared);
    }

    private final SlaAnswers answers;
    private final Supplier<LocalDate> nextReview;
    private final Supplier<LocalDate> today;
    private final List<OtherCommand> others;
    private final Supplier<List<Acknowledgement>> acknowledgements;
    private final Map<AnswerKey, String> recent = new ConcurrentHashMap<>();
    private final Unmention unmention;

    private record AnswerKey(SlaQuery query, AnswerContext context) {}

    static final int MAX_KEPT_ANSWERS = 256;

    /**
     * {@code nextReview} tells the date of the agreement's next review; {@code today} today's date in the
     * agreement's calendar (whether the goals' period has ended, for {@code /sla goals}); {@code acknowledgements}
     * who acknowledged the agreement version in force, for {@code /sla terms}.
     */
    public SlaCommandListener(SlaAnswers answers, Supplier<LocalDate> nextReview, Supplier<LocalDate> today,
            List<OtherCommand> others, Supplier<List<Acknowledgement>> acknowledgements) {
        this(answers, nextReview, today, others, acknowledgements, answer -> answer);
    }

    /** As above; {@code unmention} rewrites every shared answer so it pings nobody. */
    public SlaCommandListener(SlaAnswers answers, Supplier<LocalDate> nextReview, Supplier<LocalDate> today,
            List<OtherCommand> others, Supplier<List<Acknowledgement>> acknowledgements, Unmention unmention) {
        this.unmention = Objects.requireNonNull(unmention, "unmention == null");
        this.answers = Objects.requireNonNull(answers, "answers == null");
        this.nextReview = Objects.requireNonNull(nextReview, "nextReview == null");
        this.today = Objects.requireNonNull(today, "today == null");
        this.others = List.copyOf(others);
        this.acknowledgements = Objects.requireNonNull(acknowledgements, "acknowledgements == null");
    }

    /**
     * The agreement's answers depend only on the question and the context, and the same few questions are asked over
     * and over; rendering a card and writing it as JSON cost more than the rest of the request, so the JSON of
     * recent answers is kept.
     */
    private String rendered(SlaQuery query, AnswerContext context) {
        if (recent.size() >= MAX_KEPT_ANSWERS) {
            recent.clear();
        }
        return recent.computeIfAbsent(new AnswerKey(query, context),
                key -> json(answers.answer(key.query(), key.context())));
    }

    private static String json(Answer answer) {
        return Response.json(200, SlashCommandResponse.builder()
                .responseType(answer.share() ? "in_channel" : "ephemeral")
                .text(answer.text()).blocks(answer.blocks()).build()).getBody();
    }

    public void register(App app) {
        app.command("/sla", this::handle);
    }

    /**
     * Whether this command is a question about the agreement: answered in the acknowledgement from the agreement
     * alone, nothing stored or sent. Commands other capabilities own (stats, away, export, …) are not.
     */
    public static boolean onlyAnswers(SlashCommandRequest request) {
        var payload = request.getPayload();
        return payload != null && "/sla".equals(payload.getCommand())
                && SlaQuery.parse(payload.getText()).kind() != SlaQuery.Kind.OTHER;
    }

    private Response handle(SlashCommandRequest req, SlashCommandContext ctx) {
        var payload = req.getPayload();
        SlaQuery query = SlaQuery.parse(payload.getText());
        Answer answer = null;
        if (query.kind() == SlaQuery.Kind.OTHER) {
            for (OtherCommand other : others) {
                answer = other.answer(query, payload.getUserId(), payload.getChannelId(), payload.getResponseUrl());
                if (answer != null) {
                    break;
                }
            }
        }
        String json;
        if (answer != null) {
            json = json(answer.share() ? unmention.apply(answer) : answer);
        } else {
            List<Acknowledgement> acks = query.kind() == SlaQuery.Kind.TERMS ? acknowledgements.get() : List.of();
            AnswerContext context = new AnswerContext(nextReview.get(), acks,
                    query.kind() == SlaQuery.Kind.GOALS ? today.get() : null);
            // A shared answer names people, and names can change: it is rendered each time, not kept.
            json = query.share() ? json(unmention.apply(answers.answer(query, context))) : rendered(query, context);
        }
        return Response.builder().statusCode(200).contentType(Response.CONTENT_TYPE_APPLICATION_JSON_UTF8)
                .body(json).build();
    }
}
