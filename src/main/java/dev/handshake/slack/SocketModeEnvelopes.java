package dev.handshake.slack;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.slack.api.bolt.App;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestType;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.socket_mode.request.SocketModeRequest;
import com.slack.api.bolt.socket_mode.request.SocketModeRequestParser;
import com.slack.api.util.json.GsonFactory;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a Socket Mode envelope's request through the Bolt app, as {@link SlackEndpoint} runs an HTTP one, and makes
 * the acknowledgement Slack waits for: the envelope's id, with the app's answer as its payload when there is one (a
 * slash command's reply, a modal's errors). An envelope the app could not handle (an answer other than 200, a request
 * it cannot read, a failure in its own code) gets no acknowledgement, as an HTTP request would get an error status:
 * Slack then delivers an event again. Nothing of an envelope's payload is logged. Thread-safe.
 */
final class SocketModeEnvelopes {

    /** Where a Socket Mode request's context keeps its envelope's id, for the replay guard. */
    static final String ENVELOPE_ID = "socket_mode_envelope_id";

    private static final Logger log = LoggerFactory.getLogger(SocketModeEnvelopes.class);
    private static final Set<RequestType> ACTED_BY_A_USER = EnumSet.of(RequestType.Command, RequestType.BlockAction,
            RequestType.ViewSubmission, RequestType.ViewClosed, RequestType.GlobalShortcut,
            RequestType.MessageShortcut);

    private final App app;
    private final SocketModeRequestParser parser;
    private final Gson gson = GsonFactory.createSnakeCase();

    SocketModeEnvelopes(App app) {
        this.app = Objects.requireNonNull(app, "app == null");
        this.parser = new SocketModeRequestParser(app.config());
    }

    /** The acknowledgement to send for this envelope (a JSON text), or empty when Slack must not see one. */
    Optional<String> handle(String message) {
        SocketModeRequest envelope;
        try {
            envelope = parser.parse(message);
        } catch (RuntimeException e) {
            log.info("Ignored a Socket Mode message the SDK cannot read: {}", e.getClass().getSimpleName());
            return Optional.empty();
        }
        if (envelope == null) {
            return Optional.empty();
        }
        String envelopeId = envelope.getEnvelope().getEnvelopeId();
        if (envelopeId == null || envelopeId.isBlank()) {
            log.info("Ignored a Socket Mode {} envelope without an id", envelope.getEnvelope().getType());
            return Optional.empty();
        }
        Request<?> request = envelope.getBoltRequest();
        if (request == null) {
            log.info("Not acknowledging a Socket Mode {} envelope: not a Slack request this app handles",
                    envelope.getEnvelope().getType());
            return Optional.empty();
        }
        if (ACTED_BY_A_USER.contains(request.getRequestType()) && isBlank(request.getContext().getRequestUserId())) {
            log.info("Not acknowledging a Socket Mode {} that names no user", request.getRequestType());
            return Optional.empty();
        }
        request.getContext().getAdditionalValues().put(ENVELOPE_ID, envelopeId);
        Response answer;
        try {
            answer = app.run(request);
        } catch (Exception e) {
            if (SlackEndpoint.unreadable(e)) {
                log.info("Not acknowledging a Socket Mode {} the SDK cannot read: {}", request.getRequestType(),
                        e.getClass().getSimpleName());
            } else {
                log.error("A Slack {} over Socket Mode failed (ref {})", request.getRequestType(),
                        Long.toHexString(ThreadLocalRandom.current().nextLong()), e);
            }
            return Optional.empty();
        }
        if (answer == null || answer.getStatusCode() == null || answer.getStatusCode() / 100 != 2) {
            log.info("Not acknowledging a Socket Mode {}: the app answered {}", request.getRequestType(),
                    answer == null ? null : answer.getStatusCode());
            return Optional.empty();
        }
        return Optional.of(acknowledgement(envelopeId, answer));
    }

    /** {@code {"envelope_id": …}}, with the answer's body as its {@code payload}: JSON as is, text as a message. */
    private String acknowledgement(String envelopeId, Response answer) {
        JsonObject ack = new JsonObject();
        ack.addProperty("envelope_id", envelopeId);
        String body = answer.getBody();
        if (body != null && !body.isEmpty()) {
            String type = answer.getContentType();
            if (type != null && type.startsWith("application/json")) {
                ack.add("payload", gson.fromJson(body, JsonElement.class));
            } else {
                JsonObject text = new JsonObject();
                text.addProperty("text", body);
                ack.add("payload", text);
            }
        }
        return gson.toJson(ack);
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
