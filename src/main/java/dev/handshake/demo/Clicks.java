package dev.handshake.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.Optional;

/**
 * A member's click on a button (or a choice in a menu) of a message, an ephemeral message or their App Home, as the
 * {@code block_actions} payload Slack sends: the element clicked as the app defined it, the container, a trigger id
 * and, outside the App Home, a {@code response_url}.
 */
final class Clicks {

    private final Workspace workspace;
    private final SignedRequests requests;
    private final Payloads payloads;
    private final ObjectMapper json;
    private final String hooksBaseUrl;

    Clicks(Workspace workspace, SignedRequests requests, Payloads payloads, String hooksBaseUrl) {
        this.workspace = Objects.requireNonNull(workspace, "workspace == null");
        this.requests = Objects.requireNonNull(requests, "requests == null");
        this.payloads = Objects.requireNonNull(payloads, "payloads == null");
        this.json = payloads.json();
        this.hooksBaseUrl = Objects.requireNonNull(hooksBaseUrl, "hooksBaseUrl == null");
    }

    /** A click on an element of a message in a conversation. */
    Outcome onMessage(String user, String conversation, String ts, String blockId, String actionId,
            String option) {
        Optional<Outcome> refused = payloads.refusal(user, conversation);
        if (refused.isPresent()) {
            return refused.get();
        }
        Optional<Messages.Message> message = workspace.messages().find(conversation, ts);
        if (message.isEmpty()) {
            return Outcome.refused("That message is gone.");
        }
        Optional<ObjectNode> action = action(message.get().blocks(), blockId, actionId, option);
        if (action.isEmpty()) {
            return Outcome.refused("That message has no such button.");
        }
        ObjectNode payload = actionPayload(user, action.get());
        payload.putObject("container").put("type", "message").put("message_ts", ts).put("channel_id", conversation)
                .put("is_ephemeral", false);
        payload.putObject("channel").put("id", conversation).put("name", workspace.conversationName(conversation));
        payload.set("message", payloads.message(message.get()));
        payload.put("response_url", hooksBaseUrl + workspace.responseUrls().issue(new ResponseUrls.Hook(user,
                conversation, ts, null, message.get().threadTs())));
        return send(payload);
    }

    /** A click on an element of an ephemeral message; Slack sends no message, only where it was. */
    Outcome onEphemeral(String user, String ephemeralId, String blockId, String actionId, String option) {
        Optional<Messages.Ephemeral> message = workspace.messages().ephemeral(ephemeralId)
                .filter(e -> e.user().equals(user));
        if (message.isEmpty()) {
            return Outcome.refused("That message is gone.");
        }
        Optional<ObjectNode> action = action(message.get().blocks(), blockId, actionId, option);
        if (action.isEmpty()) {
            return Outcome.refused("That message has no such button.");
        }
        ObjectNode payload = actionPayload(user, action.get());
        String conversation = message.get().conversation();
        payload.putObject("container").put("type", "message").put("message_ts", message.get().ts())
                .put("channel_id", conversation).put("is_ephemeral", true);
        payload.putObject("channel").put("id", conversation).put("name", workspace.conversationName(conversation));
        payload.put("response_url", hooksBaseUrl + workspace.responseUrls().issue(new ResponseUrls.Hook(user,
                conversation, null, ephemeralId, message.get().threadTs())));
        return send(payload);
    }

    /** A click on an element of the member's App Home: Slack sends the view, and no channel or response URL. */
    Outcome onHome(String user, String blockId, String actionId, String option) {
        Optional<Views.View> home = workspace.views().home(user);
        if (home.isEmpty()) {
            return Outcome.refused("The Home tab is not there yet.");
        }
        Optional<ObjectNode> action = action(home.get().json().get("blocks"), blockId, actionId, option);
        if (action.isEmpty()) {
            return Outcome.refused("The Home tab has no such button.");
        }
        ObjectNode payload = actionPayload(user, action.get());
        payload.putObject("container").put("type", "view").put("view_id", home.get().id());
        payload.set("view", home.get().json());
        return send(payload);
    }

    private Outcome send(ObjectNode payload) {
        SignedRequests.Answer answer = requests.interaction(payload);
        return answer.ok() ? Outcome.ok()
                : Outcome.refused("The app did not take the click (" + Payloads.failure(answer) + ").");
    }

    private ObjectNode actionPayload(String user, ObjectNode action) {
        ObjectNode payload = json.createObjectNode().put("type", "block_actions");
        payload.set("user", payloads.user(user));
        payload.put("api_app_id", DemoCast.APP_ID).put("token", payloads.verificationToken());
        payload.put("trigger_id", payloads.trigger(user));
        payload.set("team", payloads.team());
        payload.putNull("enterprise");
        payload.put("is_enterprise_install", false);
        payload.putObject("state").putObject("values");
        action.put("action_ts", Payloads.ts(payloads.now()));
        payload.putArray("actions").add(action);
        return payload;
    }

    /** The action Slack reports for a click on element {@code actionId} of block {@code blockId}. */
    private Optional<ObjectNode> action(JsonNode blocks, String blockId, String actionId, String option) {
        if (blocks == null || blockId == null || actionId == null) {
            return Optional.empty();
        }
        for (JsonNode block : blocks) {
            if (!blockId.equals(block.path("block_id").asText(null))) {
                continue;
            }
            ArrayNode elements = json.createArrayNode();
            block.path("elements").forEach(elements::add);
            if (block.has("accessory")) {
                elements.add(block.get("accessory"));
            }
            for (JsonNode element : elements) {
                if (actionId.equals(element.path("action_id").asText(null))) {
                    return actionFor(element, blockId, option);
                }
            }
        }
        return Optional.empty();
    }

    private Optional<ObjectNode> actionFor(JsonNode element, String blockId, String option) {
        String type = element.path("type").asText();
        ObjectNode action = json.createObjectNode()
                .put("action_id", element.path("action_id").asText())
                .put("block_id", blockId);
        switch (type) {
            case "button" -> {
                action.set("text", element.get("text"));
                if (element.hasNonNull("value")) {
                    action.put("value", element.get("value").asText());
                }
                if (element.hasNonNull("style")) {
                    action.put("style", element.get("style").asText());
                }
            }
            case "static_select", "overflow", "radio_buttons" -> {
                Optional<JsonNode> chosen = ModalState.option(element, option);
                if (chosen.isEmpty()) {
                    return Optional.empty();
                }
                action.set("selected_option", chosen.get());
            }
            default -> {
                return Optional.empty();
            }
        }
        action.put("type", type);
        return Optional.of(action);
    }
}
