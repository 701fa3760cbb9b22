package dev.handshake.slack;

import java.time.Duration;

/**
 * The outbox lanes of Slack calls: new messages in a channel (or a DM) go in order at Slack's pace of one a second
 * per channel; edits of a channel's messages go in order, unpaced; each user has lanes of their own for replies,
 * App Home views and files.
 */
public final class SlackLanes {

    /** Slack's limit for posting to one channel, sustained. */
    public static final Duration POST_PACE = Duration.ofSeconds(1);

    private SlackLanes() {}

    public static String post(String channel) {
        return "post:" + channel;
    }

    public static String edit(String channel) {
        return "edit:" + channel;
    }

    /** Direct messages to a user: posts too, paced. */
    public static String dm(String userId) {
        return post("dm:" + userId);
    }

    public static String reply(String userId) {
        return "reply:" + userId;
    }

    public static String home(String userId) {
        return "home:" + userId;
    }

    public static String upload(String userId) {
        return "upload:" + userId;
    }
}
