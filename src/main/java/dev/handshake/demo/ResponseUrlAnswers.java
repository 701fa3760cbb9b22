package dev.handshake.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;

/**
 * What the app's answer to a {@code response_url} (or a slash command's acknowledgement body) does, as in Slack: an
 * ephemeral message to the member who acted (the default), a message in the conversation ({@code in_channel}), or
 * the message acted on replaced ({@code replace_original}) or deleted ({@code delete_original}).
 */
final class ResponseUrlAnswers {

    private final Workspace workspace;

    ResponseUrlAnswers(Workspace workspace) {
        this.workspace = Objects.requireNonNull(workspace, "workspace == null");
    }

    /** Delivers one answer; returns Slack's error when it refuses it, null when delivered. */
    String deliver(ResponseUrls.Hook hook, ObjectNode message) {
        Messages messages = workspace.messages();
        if (message.path("delete_original").asBoolean(false)) {
            if (hook.ephemeralId() != null) {
                messages.dismiss(hook.user(), hook.ephemeralId());
            } else if (hook.messageTs() != null) {
                messages.delete(hook.conversation(), hook.messageTs());
            }
            return null;
        }
        String text = message.path("text").asText("");
        JsonNode blocks = message.get("blocks");
        if (blocks != null && !blocks.isNull()) {
            BlockIds.fill(blocks);
            List<String> problems = BlockChecks.message(blocks);
            if (!problems.isEmpty()) {
                return "invalid_blocks";
            }
        } else {
            blocks = null;
        }
        if (text.isBlank() && (blocks == null || blocks.isEmpty())) {
            return "no_text";
        }
        String threadTs = message.hasNonNull("thread_ts") ? message.get("thread_ts").asText() : hook.threadTs();
        if (message.path("replace_original").asBoolean(false)) {
            if (hook.ephemeralId() != null && messages.replaceEphemeral(hook.ephemeralId(), text, blocks)) {
                return null;
            }
            if (hook.messageTs() != null
                    && messages.update(hook.conversation(), hook.messageTs(), text, blocks).isPresent()) {
                return null;
            }
        }
        if ("in_channel".equals(message.path("response_type").asText())) {
            messages.post(hook.conversation(), DemoCast.BOT_USER_ID, text, blocks, threadTs, List.of());
        } else {
            messages.postEphemeral(hook.conversation(), hook.user(), text, blocks, threadTs, Messages.FROM_APP);
        }
        return null;
    }
}
