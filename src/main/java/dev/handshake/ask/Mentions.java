package dev.handshake.ask;

import dev.handshake.agreement.SlackTarget;
import dev.handshake.slack.Mrkdwn;
import java.util.regex.Pattern;

/**
 * Renders people, groups and channels from the agreement as Slack mentions. Only ids of the expected
 * shape go inside {@code <…>}; anything else is shown as escaped text, so the agreement cannot inject markup.
 */
final class Mentions {

    private static final Pattern USER = Pattern.compile("[UW][A-Z0-9]{6,30}");
    private static final Pattern USER_GROUP = Pattern.compile("S[A-Z0-9]{6,30}");
    private static final Pattern CHANNEL = Pattern.compile("[CG][A-Z0-9]{6,30}");
    private static final int NAME_LIMIT = 80;

    private Mentions() {}

    static boolean isUserId(String id) {
        return id != null && USER.matcher(id).matches();
    }

    /** {@code <@U…>} for a user id, otherwise the escaped text. */
    static String user(String id) {
        return isUserId(id) ? "<@" + id + ">" : Mrkdwn.escapeAndTruncate(id, NAME_LIMIT);
    }

    /** {@code <#C…>} for a channel id, otherwise the escaped name with a leading {@code #}. */
    static String channel(String channel) {
        if (channel == null || channel.isBlank()) {
            return "";
        }
        String trimmed = channel.strip();
        if (CHANNEL.matcher(trimmed).matches()) {
            return "<#" + trimmed + ">";
        }
        String name = trimmed.startsWith("#") ? trimmed : "#" + trimmed;
        return Mrkdwn.escapeAndTruncate(name, NAME_LIMIT);
    }

    /** A user, user group or channel as a mention. */
    static String target(SlackTarget target) {
        if (target == null || target.id() == null) {
            return "";
        }
        String id = target.id().strip();
        if (target.kind() == null) {
            return Mrkdwn.escapeAndTruncate(id, NAME_LIMIT);
        }
        return switch (target.kind()) {
            case USER -> user(id);
            case USER_GROUP -> USER_GROUP.matcher(id).matches()
                    ? "<!subteam^" + id + ">" : Mrkdwn.escapeAndTruncate(id, NAME_LIMIT);
            case CHANNEL -> channel(id);
        };
    }
}
