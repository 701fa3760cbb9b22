package dev.handshake.ask;

import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import java.util.Objects;

/**
 * The {@code /sla} slash command: parses the text with the registry and answers in the acknowledgement with the
 * handler of the command it names (only the asker sees it, or the channel with {@code share}).
 */
public final class SlaCommandListener {

    private final SlaCommands commands;

    public SlaCommandListener(SlaCommands commands) {
        this.commands = Objects.requireNonNull(commands, "commands == null");
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
        SlaRequest request = new SlaRequest(query, payload.getUserId(), payload.getChannelId());
        String json = commands.handlerFor(query).json(request);
        return Response.builder().statusCode(200).contentType(Response.CONTENT_TYPE_APPLICATION_JSON_UTF8)
                .body(json).build();
    }
}
