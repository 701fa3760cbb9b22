package dev.handshake.ask;

import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import java.util.Objects;

/**
 * The {@code /sla} slash command: parses the text with the registry and answers in the acknowledgement with the
 * handler of the command it names (only the asker sees it, or the channel with {@code share}, naming people and
 * groups without pinging them).
 */
public final class SlaCommandListener {

    /** Shows people and groups in an answer shared in a channel by name, so sharing it pings nobody. */
    @FunctionalInterface
    public interface Unmention {
        Answer apply(Answer shared);
    }

    private final SlaCommands commands;
    private final Unmention unmention;

    public SlaCommandListener(SlaCommands commands) {
        this(commands, answer -> answer);
    }

    /** As above; {@code unmention} rewrites every shared answer so it pings nobody. */
    public SlaCommandListener(SlaCommands commands, Unmention unmention) {
        this.commands = Objects.requireNonNull(commands, "commands == null");
        this.unmention = Objects.requireNonNull(unmention, "unmention == null");
    }

    public void register(App app) {
        app.command("/sla", this::handle);
    }

    /**
     * Whether this slash command only answers: a {@code /sla} question, whose answer goes back in the acknowledgement
     * and nothing is stored or sent. Each command declares it; a lookup in the agreement always only answers.
     */
    public boolean onlyAnswers(SlashCommandRequest request) {
        var payload = request.getPayload();
        return payload != null && "/sla".equals(payload.getCommand()) && commands.onlyAnswers(payload.getText());
    }

    private Response handle(SlashCommandRequest req, SlashCommandContext ctx) {
        var payload = req.getPayload();
        SlaQuery query = commands.parse(payload.getText());
        SlaRequest request = new SlaRequest(query, payload.getUserId(), payload.getChannelId(),
                payload.getResponseUrl());
        SlaCommand.Handler handler = commands.handlerFor(query);
        // A shared answer names people, and names can change: it is rendered each time, not kept.
        String json = query.share() ? unmention.apply(handler.answer(request)).json() : handler.json(request);
        return Response.builder().statusCode(200).contentType(Response.CONTENT_TYPE_APPLICATION_JSON_UTF8)
                .body(json).build();
    }
}
