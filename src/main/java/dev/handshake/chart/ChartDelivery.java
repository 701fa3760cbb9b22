package dev.handshake.chart;

import dev.handshake.slack.SlackApi;
import java.util.Objects;

/**
 * The one place a chart becomes Slack calls: a PNG uploaded through Slack's external upload flow into a channel
 * (in a thread when asked) or into the app's direct message with a person, and the note that tells a person why
 * no chart came. Calls block; make them after the ack. Thread-safe.
 */
public final class ChartDelivery {

    private final SlackApi slack;

    public ChartDelivery(SlackApi slack) {
        this.slack = Objects.requireNonNull(slack, "slack == null");
    }

    /** Uploads the PNG into {@code channel}, as a reply in {@code threadTs}'s thread when it is not null. */
    public void toChannel(String channel, String threadTs, String filename, String title, byte[] png, String comment) {
        slack.uploadFile(channel, threadTs, filename, title, png, comment);
    }

    /** Uploads the PNG into the app's direct message with the user. */
    public void toUser(String userId, String filename, String title, byte[] png, String comment) {
        slack.uploadFile(slack.openDirectMessage(userId), null, filename, title, png, comment);
    }

    /** Tells the user, in the app's direct message with them, why the chart they asked for did not come. */
    public void explain(String userId, String mrkdwn) {
        slack.postMessage(slack.openDirectMessage(userId), mrkdwn, null, null);
    }
}
