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
 * What a member types or does in a modal or the Home tab, and what Slack makes of it: a slash command (or a plain
 * message), a modal submitted or closed, the Home tab opened. Each becomes the request Slack sends, signed and posted
 * to the app; the app's acknowledgement is then shown as Slack shows it. Clicks are {@link Clicks}'.
 */
final class Interactions {

    private final Workspace workspace;
    private final SignedRequests requests;
    private final ResponseUrlAnswers answers;
    private final Payloads payloads;
    private final ObjectMapper json;
    private final String hooksBaseUrl;
    private final String slashCommand;

    Interactions(Workspace workspace, SignedRequests requests, ResponseUrlAnswers answers, Payloads payloads,
            String hooksBaseUrl, String slashCommand) {
        this.workspace = Objects.requireNonNull(workspace, "workspace == null");
        this.requests = Objects.requireNonNull(requests, "requests == null");
        this.answers = Objects.requireNonNull(answers, "answers == null");
        this.payloads = Objects.requireNonNull(payloads, "payloads == null");
        this.json = payloads.json();
        this.hooksBaseUrl = Objects.requireNonNull(hooksBaseUrl, "hooksBaseUrl == null");
        this.slashCommand = Objects.requireNonNull(slashCommand, "slashCommand == null");
    }

    /** A line typed in a conversation's composer: a slash command, or a plain message. */
    Outcome type(String user, String conversation, String line, String threadTs) {
        Optional<Outcome> refused = payloads.refusal(user, conversation);
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
        form.put("token", payloads.verificationToken());
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
        form.put("trigger_id", payloads.trigger(user));
        SignedRequests.Answer answer = requests.form(form);
        if (!answer.ok()) {
            workspace.messages().postEphemeral(conversation, user, "`" + command + "` failed with the error \""
                    + Payloads.failure(answer) + "\"", null, threadTs, Messages.FROM_SLACKBOT);
            return Outcome.ok();
        }
        if (answer.body() == null || answer.body().isBlank()) {
            return Outcome.ok();
        }
        ObjectNode message = payloads.parseObject(answer.body()).orElseGet(() -> json.createObjectNode()
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
        payload.set("team", payloads.team());
        payload.set("user", payloads.user(user));
        payload.put("api_app_id", DemoCast.APP_ID).put("token", payloads.verificationToken())
                .put("trigger_id", payloads.trigger(user));
        payload.set("view", submitted);
        payload.putArray("response_urls");
        payload.put("is_enterprise_install", false).putNull("enterprise");
        SignedRequests.Answer answer = requests.interaction(payload);
        if (!answer.ok()) {
            return Outcome.refused("We had some trouble connecting. Try again? (" + Payloads.failure(answer) + ")");
        }
        ObjectNode response = answer.body() == null || answer.body().isBlank() ? json.createObjectNode()
                : payloads.parseObject(answer.body()).orElse(json.createObjectNode());
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
            payload.set("team", payloads.team());
            payload.set("user", payloads.user(user));
            payload.put("api_app_id", DemoCast.APP_ID).put("token", payloads.verificationToken());
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
                .put("event_ts", Payloads.ts(payloads.now()));
        workspace.views().home(user).ifPresent(home -> event.set("view", home.json()));
        ObjectNode envelope = json.createObjectNode()
                .put("token", payloads.verificationToken())
                .put("team_id", DemoCast.TEAM_ID)
                .put("api_app_id", DemoCast.APP_ID);
        envelope.set("event", event);
        byte[] id = new byte[5];
        new SecureRandom().nextBytes(id);
        envelope.put("type", "event_callback")
                .put("event_id", "Ev" + HexFormat.of().formatHex(id).toUpperCase(Locale.ROOT))
                .put("event_time", payloads.now().getEpochSecond());
        envelope.putArray("authorizations").addObject()
                .putNull("enterprise_id")
                .put("team_id", DemoCast.TEAM_ID)
                .put("user_id", DemoCast.BOT_USER_ID)
                .put("is_bot", true)
                .put("is_enterprise_install", false);
        envelope.put("is_ext_shared_channel", false);
        SignedRequests.Answer answer = requests.event(envelope);
        return answer.ok() ? Outcome.ok()
                : Outcome.refused("The app did not take the event (" + Payloads.failure(answer) + ").");
    }













    /** A member's own text as Slack stores it: {@code &}, {@code <} and {@code >} escaped. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
