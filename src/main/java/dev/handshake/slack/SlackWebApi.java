package dev.handshake.slack;

import com.slack.api.methods.response.auth.AuthTestResponse;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import java.util.List;
import java.util.Optional;

/**
 * The Slack Web API calls the app makes, and nothing else. Every call is checked: a failure is a
 * {@link SlackCallException} saying what kind it is. Calls that change something in Slack are made only by the
 * outbox's handlers, except {@link #openView}, whose trigger expires three seconds after the click. Implementations
 * are thread-safe; calls block, so make them after the ack.
 */
public interface SlackWebApi {

    /** Where a posted message landed. */
    record Posted(String channel, String ts) {}

    /** A Slack user as their profile shows them: a display name and, with {@code users:read.email}, their email. */
    record Person(String id, String name, String email) {}

    /**
     * A workspace member as Slack describes them: the name to show (display name, else real name, else handle),
     * their IANA time zone, their email (null without {@code users:read.email}) and whether they were deactivated.
     */
    record SlackUser(String id, String name, String tz, String email, boolean deleted) {}

    /** Who the token belongs to: the workspace and the bot user. */
    AuthTestResponse authTest();

    /** Posts a message in a channel, a DM (a user id) or a thread ({@code threadTs} not null); links do not unfurl. */
    Posted postMessage(String channel, String text, List<LayoutBlock> blocks, String threadTs);

    void updateMessage(String channel, String ts, String text, List<LayoutBlock> blocks);

    void postEphemeral(String channel, String user, String text, List<LayoutBlock> blocks);

    /** Answers through an interaction's {@code response_url}: a message only the user sees, the original kept. */
    void respond(String responseUrl, String text);

    void openView(String triggerId, View view);

    void publishHome(String userId, View view);

    /** Uploads a file into a channel (or a DM), through Slack's external upload flow. */
    default void uploadFile(String channelId, String filename, String title, byte[] content, String comment) {
        uploadFile(channelId, null, filename, title, content, comment);
    }

    /** As the upload above, as a reply in the thread of the message {@code threadTs} when it is not null. */
    void uploadFile(String channelId, String threadTs, String filename, String title, byte[] content, String comment);

    /** Opens (or finds) the direct-message channel with a user and returns its id. */
    String openDirectMessage(String userId);

    /** The Slack user with this email, or empty when Slack knows none. */
    Optional<String> userIdByEmail(String email);

    /** The Slack user with this id (their name and email), or empty when Slack knows none. */
    Optional<Person> person(String userId);

    /** The member with this email ({@code users.lookupByEmail}), or empty when Slack knows none. */
    Optional<SlackUser> userByEmail(String email);

    /** The member with this id ({@code users.info}), or empty when Slack knows none ({@code user_not_found}). */
    Optional<SlackUser> userInfo(String userId);

    /** A link to a message that opens it in Slack ({@code chat.getPermalink}). */
    String permalink(String channel, String ts);
}
