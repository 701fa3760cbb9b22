package dev.handshake.testing;

import java.util.Locale;
import java.util.Objects;

/**
 * A slash command invocation for {@link SlackClient#slashCommand(SlashCommand)}. Null trigger id or response URL
 * means "let the client choose".
 */
public record SlashCommand(
        String command,
        String text,
        String userId,
        String userName,
        String channelId,
        String channelName,
        String triggerId,
        String responseUrl) {

    public SlashCommand {
        Objects.requireNonNull(command, "command == null");
        Objects.requireNonNull(text, "text == null");
        Objects.requireNonNull(userId, "userId == null");
        Objects.requireNonNull(userName, "userName == null");
        Objects.requireNonNull(channelId, "channelId == null");
        Objects.requireNonNull(channelName, "channelName == null");
    }

    /** {@code /sla mql} typed by {@link SlackClient#DEFAULT_USER} in {@link SlackClient#DEFAULT_CHANNEL}. */
    public static SlashCommand of(String command, String text) {
        return new SlashCommand(command, text, SlackClient.DEFAULT_USER, userNameFor(SlackClient.DEFAULT_USER),
                SlackClient.DEFAULT_CHANNEL, channelNameFor(SlackClient.DEFAULT_CHANNEL), null, null);
    }

    public SlashCommand withUser(String id) {
        return withUser(id, userNameFor(id));
    }

    public SlashCommand withUser(String id, String name) {
        return new SlashCommand(command, text, id, name, channelId, channelName, triggerId, responseUrl);
    }

    public SlashCommand withChannel(String id) {
        return withChannel(id, channelNameFor(id));
    }

    public SlashCommand withChannel(String id, String name) {
        return new SlashCommand(command, text, userId, userName, id, name, triggerId, responseUrl);
    }

    public SlashCommand withTriggerId(String id) {
        return new SlashCommand(command, text, userId, userName, channelId, channelName, id, responseUrl);
    }

    public SlashCommand withResponseUrl(String url) {
        return new SlashCommand(command, text, userId, userName, channelId, channelName, triggerId, url);
    }

    static String userNameFor(String userId) {
        return "user." + userId.toLowerCase(Locale.ROOT);
    }

    /** Slack sends {@code directmessage} as the channel name of a DM. */
    static String channelNameFor(String channelId) {
        return channelId.startsWith("D") ? "directmessage" : "channel-" + channelId.toLowerCase(Locale.ROOT);
    }
}
