package dev.handshake.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code chat.postMessage}, {@code chat.update} and {@code chat.postEphemeral} as Slack answers them, with Slack's
 * checks on where a message goes and what it holds.
 */
final class ChatMethods {

    private final Workspace workspace;
    private final Payloads payloads;
    private final ApiAnswers answers;

    ChatMethods(Workspace workspace, Payloads payloads, ApiAnswers answers) {
        this.workspace = Objects.requireNonNull(workspace, "workspace == null");
        this.payloads = Objects.requireNonNull(payloads, "payloads == null");
        this.answers = Objects.requireNonNull(answers, "answers == null");
    }

    ObjectNode postMessage(Map<String, String> params) {
        Optional<String> conversation = workspace.conversation(params.get("channel"));
        if (conversation.isEmpty()) {
            return answers.error("channel_not_found");
        }
        ObjectNode invalid = checkContent(params);
        if (invalid != null) {
            return invalid;
        }
        Messages.Message posted = workspace.messages().post(conversation.get(), DemoCast.BOT_USER_ID,
                params.get("text"), blocks(params), params.get("thread_ts"), List.of());
        ObjectNode answer = answers.ok().put("channel", conversation.get()).put("ts", posted.ts());
        answer.set("message", payloads.message(posted));
        return answer;
    }

    ObjectNode update(Map<String, String> params) {
        String channel = params.get("channel");
        // chat.update takes ids only: a channel's, or a direct message's D… id (not the member's).
        Optional<String> conversation = channel == null || !channel.matches("[CDG][A-Z0-9]+")
                ? Optional.empty() : workspace.conversation(channel).filter(channel::equals);
        if (conversation.isEmpty()) {
            return answers.error("channel_not_found");
        }
        if (ApiAnswers.blank(params.get("ts"))) {
            return answers.missing("ts");
        }
        Optional<Messages.Message> existing = workspace.messages().find(conversation.get(), params.get("ts"));
        if (existing.isEmpty()) {
            return answers.error("message_not_found");
        }
        if (!DemoCast.BOT_USER_ID.equals(existing.get().user())) {
            return answers.error("cant_update_message");
        }
        ObjectNode invalid = checkContent(params);
        if (invalid != null) {
            return invalid;
        }
        Messages.Message updated = workspace.messages()
                .update(conversation.get(), params.get("ts"), params.get("text"), blocks(params)).orElseThrow();
        ObjectNode answer = answers.ok().put("channel", conversation.get()).put("ts", updated.ts())
                .put("text", updated.text());
        answer.set("message", payloads.message(updated));
        return answer;
    }

    ObjectNode postEphemeral(Map<String, String> params) {
        Optional<String> conversation = workspace.conversation(params.get("channel"));
        if (conversation.isEmpty()) {
            return answers.error("channel_not_found");
        }
        String user = params.get("user");
        if (ApiAnswers.blank(user)) {
            return answers.missing("user");
        }
        if (workspace.cast().person(user).isEmpty()) {
            return answers.error("user_not_found");
        }
        if (!workspace.sees(user, conversation.get())) {
            return answers.error("user_not_in_channel");
        }
        ObjectNode invalid = checkContent(params);
        if (invalid != null) {
            return invalid;
        }
        Messages.Ephemeral posted = workspace.messages().postEphemeral(conversation.get(), user, params.get("text"),
                blocks(params), params.get("thread_ts"), Messages.FROM_APP);
        return answers.ok().put("message_ts", posted.ts());
    }

    /** Slack's checks on a message's content: some text or blocks, blocks within Block Kit's limits. */
    private ObjectNode checkContent(Map<String, String> params) {
        String text = params.get("text");
        if (text != null && text.length() > BlockChecks.MESSAGE_TEXT) {
            return answers.error("msg_too_long");
        }
        JsonNode blocks = blocks(params);
        if (blocks != null) {
            List<String> problems = BlockChecks.message(blocks);
            if (!problems.isEmpty()) {
                return answers.error("invalid_blocks", problems.toArray(String[]::new));
            }
        }
        if (ApiAnswers.blank(text) && (blocks == null || blocks.isEmpty())) {
            return answers.error("no_text");
        }
        return null;
    }

    private JsonNode blocks(Map<String, String> params) {
        String blocks = params.get("blocks");
        return ApiAnswers.blank(blocks) ? null : BlockIds.fill(answers.parse(blocks, "blocks"));
    }
}
