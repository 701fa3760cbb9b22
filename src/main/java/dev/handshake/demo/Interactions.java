package dev.handshake.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a member does in the demo's client and what Slack makes of it: typing a slash command, clicking a button on a
 * message, an ephemeral message or the App Home, submitting or closing a modal, opening the Home tab. Each becomes
 * the payload Slack sends, signed and posted to the app; the app's acknowledgement is then shown as Slack shows it.
 */
final class Interactions {

    /** How an action went, for the page: {@code problem} says why nothing happened. */
    record Outcome(boolean done, String problem) {

        static Outcome ok() {
            return new Outcome(true, null);
        }

        static Outcome refused(String problem) {
            return new Outcome(false, problem);
        }
    }

    private final Workspace workspace;
    private final SignedRequests requests;
    private final ResponseUrlAnswers answers;
    private final ObjectMapper json;
    private final String hooksBaseUrl;
    private final String slashCommand;
    private final String verificationToken;

    Interactions(Workspace workspace, SignedRequests requests, ResponseUrlAnswers answers, ObjectMapper json,
            String hooksBaseUrl, String slashCommand) {
        this.workspace = Objects.requireNonNull(workspace, "workspace == null");
        this.requests = Objects.requireNonNull(requests, "requests == null");
        this.answers = Objects.requireNonNull(answers, "answers == null");
        this.json = Objects.requireNonNull(json, "json == null");
        this.hooksBaseUrl = Objects.requireNonNull(hooksBaseUrl, "hooksBaseUrl == null");
        this.slashCommand = Objects.requireNonNull(slashCommand, "slashCommand == null");
        byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        this.verificationToken = HexFormat.of().formatHex(bytes);
    }

    /** A line typed in a conversation's composer: a slash command, or a plain message. */
    Outcome type(String user, String conversation, String line, String threadTs) {
        Optional<Outcome> refused = checkMember(user, conversation);
        if (refused.isPresent()) {
            return refused.get();
        }
        String text = line == null ? "" : line.strip();
        if (text.isEmpty()) {
            return Outcome.refused("Type a message or a command.");
        }
        if (!text.startsWith("/")) {
            workspace.messages().post(conversation, user, escape(text), null, threadTs, List.of());
            return Outcome.ok();
        }
        int space = text.indexOf(' ');
        String command = (space < 0 ? text : text.substring(0, space)).toLowerCase(Locale.ROOT);
        String argument = space < 0 ? "" : text.substring(space + 1).strip();
        if (!command.equals(slashCommand)) {
            workspace.messages().postEphemeral(conversation, user, "`" + escape(command) + "` is not a valid command. "
                    + "In Slack, all messages that start with the \"/\" character are interpreted as commands. "
                    + "Here, try `" + slashCommand + " help`.", null, threadTs, Messages.FROM_SLACKBOT);
            return Outcome.ok();
        }
        return command(user, conversation, command, argument, threadTs);
    }

    private Outcome command(String user, String conversation, String command, String text, String threadTs) {
        DemoCast.Person person = workspace.cast().person(user).orElseThrow();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token", verificationToken);
        form.put("team_id", DemoCast.TEAM_ID);
        form.put("team_domain", DemoCast.TEAM_DOMAIN);
        form.put("channel_id", conversation);
        form.put("channel_name", workspace.conversationName(conversation));
        form.put("user_id", user);
        form.put("user_name", person.handle());
        form.put("command", command);
        form.put("text", text);
        form.put("api_app_id", DemoCast.APP_ID);
        form.put("is_enterprise_install", "false");
        form.put("response_url", hooksBaseUrl + workspace.responseUrls().issue(
                new ResponseUrls.Hook(user, conversation, null, null, threadTs)));
        form.put("trigger_id", workspace.triggers().issue(user, now().getEpochSecond()));
        SignedRequests.Answer answer = requests.form(form);
        if (!answer.ok()) {
            workspace.messages().postEphemeral(conversation, user, "`" + command + "` failed with the error \""
                    + failure(answer) + "\"", null, threadTs, Messages.FROM_SLACKBOT);
            return Outcome.ok();
        }
        if (answer.body() == null || answer.body().isBlank()) {
            return Outcome.ok();
        }
        ObjectNode message = parseObject(answer.body()).orElseGet(() -> json.createObjectNode()
                .put("text", answer.body()));
        if ("in_channel".equals(message.path("response_type").asText())) {
            // Slack shows the command itself too when its answer is shared in the conversation.
            workspace.messages().post(conversation, user, escape(command + " " + text).strip(), null, threadTs,
                    List.of());
        }
        String refused = answers.deliver(new ResponseUrls.Hook(user, conversation, null, null, threadTs), message);
        if (refused != null) {
            workspace.messages().postEphemeral(conversation, user, "`" + command + "` failed with the error \""
                    + refused + "\"", null, threadTs, Messages.FROM_SLACKBOT);
        }
        return Outcome.ok();
    }

    /** A click on an element of a message in a conversation. */
    Outcome clickMessage(String user, String conversation, String ts, String blockId, String actionId,
            String option) {
        Optional<Outcome> refused = checkMember(user, conversation);
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
        ObjectNode messageJson = messageJson(message.get());
        payload.set("message", messageJson);
        payload.put("response_url", hooksBaseUrl + workspace.responseUrls().issue(new ResponseUrls.Hook(user,
                conversation, ts, null, message.get().threadTs())));
        return send(payload);
    }

    /** A click on an element of an ephemeral message; Slack sends no message, only where it was. */
    Outcome clickEphemeral(String user, String ephemeralId, String blockId, String actionId, String option) {
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
    Outcome clickHome(String user, String blockId, String actionId, String option) {
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

    /** Submits the modal {@code viewId} with the member's input ({@code block id → action id → value}). */
    Outcome submit(String user, String viewId, JsonNode input) {
        Optional<Views.View> view = workspace.views().modal(viewId).filter(v -> v.user().equals(user));
        if (view.isEmpty()) {
            return Outcome.refused("That form is closed.");
        }
        ObjectNode submitted = view.get().json().deepCopy();
        ModalState.Read read = ModalState.read(submitted, input == null ? json.createObjectNode() : input, json);
        if (!read.problems().isEmpty()) {
            workspace.views().showErrors(viewId, read.problems());
            return Outcome.refused("Some fields need attention.");
        }
        submitted.putObject("state").set("values", read.values());
        ObjectNode payload = json.createObjectNode().put("type", "view_submission");
        payload.set("team", team());
        payload.set("user", user(user));
        payload.put("api_app_id", DemoCast.APP_ID).put("token", verificationToken)
                .put("trigger_id", workspace.triggers().issue(user, now().getEpochSecond()));
        payload.set("view", submitted);
        payload.putArray("response_urls");
        payload.put("is_enterprise_install", false).putNull("enterprise");
        SignedRequests.Answer answer = requests.interaction(payload);
        if (!answer.ok()) {
            return Outcome.refused("We had some trouble connecting. Try again? (" + failure(answer) + ")");
        }
        ObjectNode response = answer.body() == null || answer.body().isBlank() ? json.createObjectNode()
                : parseObject(answer.body()).orElse(json.createObjectNode());
        switch (response.path("response_action").asText("")) {
            case "errors" -> {
                Map<String, String> errors = new LinkedHashMap<>();
                response.path("errors").properties().forEach(e -> errors.put(e.getKey(), e.getValue().asText()));
                workspace.views().showErrors(viewId, errors);
            }
            case "update" -> {
                if (response.get("view") instanceof ObjectNode next) {
                    BlockIds.fill(next.get("blocks"));
                    workspace.views().update(viewId, next);
                }
            }
            case "push" -> {
                if (response.get("view") instanceof ObjectNode next) {
                    BlockIds.fill(next.get("blocks"));
                    workspace.views().push(user, next);
                }
            }
            case "clear" -> workspace.views().clear(user);
            default -> workspace.views().close(user, viewId);
        }
        return Outcome.ok();
    }

    /** Closes a modal with its Cancel button; the app hears of it only when the view asked to be told. */
    Outcome close(String user, String viewId) {
        Optional<Views.View> view = workspace.views().modal(viewId).filter(v -> v.user().equals(user));
        if (view.isEmpty()) {
            return Outcome.ok();
        }
        workspace.views().close(user, viewId);
        if (view.get().json().path("notify_on_close").asBoolean(false)) {
            ObjectNode payload = json.createObjectNode().put("type", "view_closed");
            payload.set("team", team());
            payload.set("user", user(user));
            payload.put("api_app_id", DemoCast.APP_ID).put("token", verificationToken);
            payload.set("view", view.get().json());
            payload.put("is_cleared", false).put("is_enterprise_install", false).putNull("enterprise");
            requests.interaction(payload);
        }
        return Outcome.ok();
    }

    /** The member opened the app's Home tab: Slack sends {@code app_home_opened}. */
    Outcome openHome(String user) {
        if (workspace.cast().person(user).isEmpty()) {
            return Outcome.refused("No such member.");
        }
        ObjectNode event = json.createObjectNode()
                .put("type", "app_home_opened")
                .put("user", user)
                .put("channel", DemoCast.directMessageId(user))
                .put("tab", "home")
                .put("event_ts", ts(now()));
        workspace.views().home(user).ifPresent(home -> event.set("view", home.json()));
        ObjectNode envelope = json.createObjectNode()
                .put("token", verificationToken)
                .put("team_id", DemoCast.TEAM_ID)
                .put("api_app_id", DemoCast.APP_ID);
        envelope.set("event", event);
        byte[] id = new byte[5];
        new SecureRandom().nextBytes(id);
        envelope.put("type", "event_callback")
                .put("event_id", "Ev" + HexFormat.of().formatHex(id).toUpperCase(Locale.ROOT))
                .put("event_time", now().getEpochSecond());
        envelope.putArray("authorizations").addObject()
                .putNull("enterprise_id")
                .put("team_id", DemoCast.TEAM_ID)
                .put("user_id", DemoCast.BOT_USER_ID)
                .put("is_bot", true)
                .put("is_enterprise_install", false);
        envelope.put("is_ext_shared_channel", false);
        SignedRequests.Answer answer = requests.event(envelope);
        return answer.ok() ? Outcome.ok() : Outcome.refused("The app did not take the event (" + failure(answer) + ").");
    }

    private Outcome send(ObjectNode payload) {
        SignedRequests.Answer answer = requests.interaction(payload);
        return answer.ok() ? Outcome.ok()
                : Outcome.refused("The app did not take the click (" + failure(answer) + ").");
    }

    private ObjectNode actionPayload(String user, ObjectNode action) {
        ObjectNode payload = json.createObjectNode().put("type", "block_actions");
        payload.set("user", user(user));
        payload.put("api_app_id", DemoCast.APP_ID).put("token", verificationToken);
        payload.put("trigger_id", workspace.triggers().issue(user, now().getEpochSecond()));
        payload.set("team", team());
        payload.putNull("enterprise");
        payload.put("is_enterprise_install", false);
        payload.putObject("state").putObject("values");
        action.put("action_ts", ts(now()));
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

    private ObjectNode messageJson(Messages.Message message) {
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

    private Optional<Outcome> checkMember(String user, String conversation) {
        if (workspace.cast().person(user).isEmpty()) {
            return Optional.of(Outcome.refused("No such member."));
        }
        if (conversation == null || !workspace.sees(user, conversation)) {
            return Optional.of(Outcome.refused("That conversation is not open to this member."));
        }
        return Optional.empty();
    }

    private ObjectNode team() {
        return json.createObjectNode().put("id", DemoCast.TEAM_ID).put("domain", DemoCast.TEAM_DOMAIN);
    }

    private ObjectNode user(String id) {
        String handle = workspace.cast().person(id).map(DemoCast.Person::handle).orElse(id);
        return json.createObjectNode().put("id", id).put("username", handle).put("name", handle)
                .put("team_id", DemoCast.TEAM_ID);
    }

    private Optional<ObjectNode> parseObject(String text) {
        try {
            JsonNode node = json.readTree(text);
            return node instanceof ObjectNode object ? Optional.of(object) : Optional.empty();
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    private Instant now() {
        return workspace.clock().instant();
    }

    private static String ts(Instant at) {
        return at.getEpochSecond() + "." + String.format(Locale.ROOT, "%06d", at.getNano() / 1000);
    }

    /** How Slack names an acknowledgement that did not come. */
    private static String failure(SignedRequests.Answer answer) {
        if (answer.timedOut()) {
            return "operation_timeout";
        }
        return answer.status() == 0 ? "dispatch_failed" : "http_error_" + answer.status();
    }

    /** A member's own text as Slack stores it: {@code &}, {@code <} and {@code >} escaped. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
