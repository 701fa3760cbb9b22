package dev.handshake.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The pieces every request Slack sends the app is made of (team, user, message, trigger id, timestamps, the legacy
 * verification token), and the checks before a member may act in a conversation.
 */
final class Payloads {

    private final Workspace workspace;
    private final ObjectMapper json;
    private final String verificationToken;

    Payloads(Workspace workspace, ObjectMapper json) {
        this.workspace = Objects.requireNonNull(workspace, "workspace == null");
        this.json = Objects.requireNonNull(json, "json == null");
        byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        this.verificationToken = HexFormat.of().formatHex(bytes);
    }

    ObjectMapper json() {
        return json;
    }

    /** The deprecated verification token Slack still puts in every payload. */
    String verificationToken() {
        return verificationToken;
    }

    ObjectNode team() {
        return json.createObjectNode().put("id", DemoCast.TEAM_ID).put("domain", DemoCast.TEAM_DOMAIN);
    }

    ObjectNode user(String id) {
        String handle = workspace.cast().person(id).map(DemoCast.Person::handle).orElse(id);
        return json.createObjectNode().put("id", id).put("username", handle).put("name", handle)
                .put("team_id", DemoCast.TEAM_ID);
    }

    /** A new trigger id for what {@code user} just did. */
    String trigger(String user) {
        return workspace.triggers().issue(user, now().getEpochSecond());
    }

    /** A message as Slack describes it in payloads and answers. */
    ObjectNode message(Messages.Message message) {
        ObjectNode out = json.createObjectNode()
                .put("type", "message")
                .put("user", message.user())
                .put("ts", message.ts())
                .put("text", message.text())
                .put("team", DemoCast.TEAM_ID);
        if (DemoCast.BOT_USER_ID.equals(message.user())) {
            out.put("bot_id", DemoCast.BOT_ID).put("app_id", DemoCast.APP_ID);
        }
        if (message.blocks() != null) {
            out.set("blocks", message.blocks());
        }
        if (message.threadTs() != null) {
            out.put("thread_ts", message.threadTs());
        }
        return out;
    }

    /** Why {@code user} may not act in {@code conversation}; empty when they may. */
    Optional<Outcome> refusal(String user, String conversation) {
        if (workspace.cast().person(user).isEmpty()) {
            return Optional.of(Outcome.refused("No such member."));
        }
        if (conversation == null || !workspace.sees(user, conversation)) {
            return Optional.of(Outcome.refused("That conversation is not open to this member."));
        }
        return Optional.empty();
    }

    Optional<ObjectNode> parseObject(String text) {
        try {
            JsonNode node = json.readTree(text);
            return node instanceof ObjectNode object ? Optional.of(object) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    Instant now() {
        return workspace.clock().instant();
    }

    /** Slack's timestamp of an instant: seconds and microseconds. */
    static String ts(Instant at) {
        return at.getEpochSecond() + "." + String.format(Locale.ROOT, "%06d", at.getNano() / 1000);
    }

    /** How Slack names an acknowledgement that did not come. */
    static String failure(SignedRequests.Answer answer) {
        if (answer.timedOut()) {
            return "operation_timeout";
        }
        return answer.status() == 0 ? "dispatch_failed" : "http_error_" + answer.status();
    }
}
