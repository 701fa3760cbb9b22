package dev.handshake.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A button click for {@link SlackClient#blockAction(BlockAction)}: start from {@link #button(String)} or, to click a
 * button on a message the app really posted, {@link #click(SlackCall, String)}. Null trigger id, response URL or
 * action ts means "let the client choose".
 */
public record BlockAction(
        String actionId,
        String blockId,
        String value,
        String buttonText,
        String userId,
        String userName,
        String channelId,
        String channelName,
        String messageTs,
        String messageText,
        String messageBlocksJson,
        String triggerId,
        String responseUrl,
        String actionTs,
        String selected) {

    /** The ts {@link #button(String)} gives the clicked message unless told otherwise. */
    public static final String DEFAULT_MESSAGE_TS = "1764300000.000100";

    public BlockAction {
        Objects.requireNonNull(actionId, "actionId == null");
        Objects.requireNonNull(blockId, "blockId == null");
        Objects.requireNonNull(buttonText, "buttonText == null");
        Objects.requireNonNull(userId, "userId == null");
        Objects.requireNonNull(userName, "userName == null");
        Objects.requireNonNull(channelId, "channelId == null");
        Objects.requireNonNull(channelName, "channelName == null");
        Objects.requireNonNull(messageTs, "messageTs == null");
        Objects.requireNonNull(messageText, "messageText == null");
        Objects.requireNonNull(messageBlocksJson, "messageBlocksJson == null");
    }

    /** A click on a button with this action id, by the default user on a message in the default channel. */
    public static BlockAction button(String actionId) {
        return new BlockAction(actionId, "actions", null, actionId, SlackClient.DEFAULT_USER,
                SlashCommand.userNameFor(SlackClient.DEFAULT_USER), SlackClient.DEFAULT_CHANNEL,
                SlashCommand.channelNameFor(SlackClient.DEFAULT_CHANNEL), DEFAULT_MESSAGE_TS, "", "[]", null, null,
                null, null);
    }

    /**
     * A click on the button {@code actionId} of the message a recorded {@code chat.postMessage} or
     * {@code chat.update} carried: block id, value, label, channel, ts, text and blocks all come from that call.
     * Fails if the message has no such button.
     */
    public static BlockAction click(SlackCall message, String actionId) {
        if (!message.tookEffect()) {
            throw new AssertionError("cannot click on a message Slack did not accept: " + message);
        }
        if (message.param("blocks") == null) {
            throw new AssertionError("the message has no blocks, so no buttons: " + message);
        }
        JsonNode blocks = message.json("blocks");
        List<String> seen = new ArrayList<>();
        for (JsonNode block : blocks) {
            List<JsonNode> elements = new ArrayList<>();
            block.path("elements").forEach(elements::add);
            if (block.has("accessory")) {
                elements.add(block.get("accessory"));
            }
            for (JsonNode element : elements) {
                if (!element.has("action_id")) {
                    continue;
                }
                seen.add(element.get("action_id").asText());
                if (element.get("action_id").asText().equals(actionId)) {
                    JsonNode response = message.result(); // a message whose answer was lost is in Slack too
                    String channel = response.path("channel").asText();
                    return button(actionId)
                            .withBlockId(block.path("block_id").asText("actions"))
                            .withValue(element.hasNonNull("value") ? element.get("value").asText() : null)
                            .withButtonText(element.path("text").path("text").asText(actionId))
                            .withChannel(channel)
                            .withMessage(response.path("ts").asText(), message.params().getOrDefault("text", ""),
                                    Json.write(blocks));
                }
            }
        }
        throw new AssertionError("no button '" + actionId + "' on the message; its action ids are " + seen + ": "
                + message);
    }

    /**
     * A choice in the menu {@code actionId} of the message a recorded call carried: the option whose value is
     * {@code optionValue} (Slack sends it as the action's {@code selected_option}). Fails if the menu has no such option.
     */
    public static BlockAction choose(SlackCall message, String actionId, String optionValue) {
        BlockAction click = click(message, actionId);
        List<String> values = new ArrayList<>();
        message.json("blocks").findValues("options").forEach(options -> options.forEach(
                option -> values.add(option.path("value").asText())));
        if (!values.contains(optionValue)) {
            throw new AssertionError("the menu '" + actionId + "' has no option " + optionValue + "; it has " + values);
        }
        return new BlockAction(click.actionId, click.blockId, null, click.buttonText, click.userId, click.userName,
                click.channelId, click.channelName, click.messageTs, click.messageText, click.messageBlocksJson,
                click.triggerId, click.responseUrl, click.actionTs, optionValue);
    }

    public BlockAction withValue(String newValue) {
        return new BlockAction(actionId, blockId, newValue, buttonText, userId, userName, channelId, channelName,
                messageTs, messageText, messageBlocksJson, triggerId, responseUrl, actionTs, selected);
    }

    public BlockAction withBlockId(String newBlockId) {
        return new BlockAction(actionId, newBlockId, value, buttonText, userId, userName, channelId, channelName,
                messageTs, messageText, messageBlocksJson, triggerId, responseUrl, actionTs, selected);
    }

    public BlockAction withButtonText(String text) {
        return new BlockAction(actionId, blockId, value, text, userId, userName, channelId, channelName,
                messageTs, messageText, messageBlocksJson, triggerId, responseUrl, actionTs, selected);
    }

    public BlockAction withUser(String id) {
        return withUser(id, SlashCommand.userNameFor(id));
    }

    public BlockAction withUser(String id, String name) {
        return new BlockAction(actionId, blockId, value, buttonText, id, name, channelId, channelName,
                messageTs, messageText, messageBlocksJson, triggerId, responseUrl, actionTs, selected);
    }

    public BlockAction withChannel(String id) {
        return withChannel(id, SlashCommand.channelNameFor(id));
    }

    public BlockAction withChannel(String id, String name) {
        return new BlockAction(actionId, blockId, value, buttonText, userId, userName, id, name,
                messageTs, messageText, messageBlocksJson, triggerId, responseUrl, actionTs, selected);
    }

    public BlockAction withMessageTs(String ts) {
        return new BlockAction(actionId, blockId, value, buttonText, userId, userName, channelId, channelName,
                ts, messageText, messageBlocksJson, triggerId, responseUrl, actionTs, selected);
    }

    /** The clicked message: its ts, its fallback text and its blocks as JSON text. */
    public BlockAction withMessage(String ts, String text, String blocksJson) {
        return new BlockAction(actionId, blockId, value, buttonText, userId, userName, channelId, channelName,
                ts, text, blocksJson, triggerId, responseUrl, actionTs, selected);
    }

    public BlockAction withTriggerId(String id) {
        return new BlockAction(actionId, blockId, value, buttonText, userId, userName, channelId, channelName,
                messageTs, messageText, messageBlocksJson, id, responseUrl, actionTs, selected);
    }

    public BlockAction withResponseUrl(String url) {
        return new BlockAction(actionId, blockId, value, buttonText, userId, userName, channelId, channelName,
                messageTs, messageText, messageBlocksJson, triggerId, url, actionTs, selected);
    }

    public BlockAction withActionTs(String ts) {
        return new BlockAction(actionId, blockId, value, buttonText, userId, userName, channelId, channelName,
                messageTs, messageText, messageBlocksJson, triggerId, responseUrl, ts, selected);
    }
}
