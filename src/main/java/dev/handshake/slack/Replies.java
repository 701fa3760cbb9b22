package dev.handshake.slack;

import dev.handshake.db.JsonColumn;
import dev.handshake.outbox.Outbox;
import dev.handshake.outbox.Owed;
import dev.handshake.outbox.Sent;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Tells a user something only they should see, through the outbox: in place of the message they clicked (through
 * its response URL, which Slack honours for 30 minutes), or in a direct message when there is none (a click on the
 * App Home). Thread-safe.
 */
public final class Replies {

    /** An answer through a response URL. */
    public static final String RESPOND = "slack_respond";
    /** A plain-text direct message. */
    public static final String DIRECT = "slack_direct";
    /** Slack refuses a response URL 30 minutes after the interaction; no use trying longer. */
    static final Duration RESPONSE_URL_LIFETIME = Duration.ofMinutes(30);
    /** A reply is of no use once sent or given up; kept a few hours for a look back. */
    static final Duration KEEP_FOR = Duration.ofHours(6);

    private final Outbox outbox;
    private final SlackWebApi slack;
    private final AfterAck afterAck;

    /** Replies go through {@code outbox}; "the database is busy" goes straight to {@code slack} on {@code afterAck}. */
    public Replies(Outbox outbox, SlackWebApi slack, AfterAck afterAck) {
        this.outbox = Objects.requireNonNull(outbox, "outbox == null");
        this.slack = Objects.requireNonNull(slack, "slack == null");
        this.afterAck = Objects.requireNonNull(afterAck, "afterAck == null");
    }

    /** Registers the handlers that send replies. */
    public static void register(Outbox outbox, SlackWebApi slack) {
        outbox.register(RESPOND, SlackHandler.unpaced(item -> {
            Map<String, String> detail = JsonColumn.fields(item.detail());
            slack.respond(detail.get("url"), detail.get("text"));
            return Sent.done();
        }).givingUpAfter(RESPONSE_URL_LIFETIME).keptFor(KEEP_FOR));
        outbox.register(DIRECT, SlackHandler.posting(item -> {
            slack.postMessage(item.subject(), JsonColumn.fields(item.detail()).get("text"), null, null);
            return Sent.done();
        }).keptFor(KEEP_FOR));
    }

    /**
     * Queues {@code text} for {@code userId}: through {@code responseUrl}, or in a direct message when it is null.
     * Does not wait for the database; a reply that cannot be stored is logged and lost (the future says which).
     */
    public CompletableFuture<Void> tell(String responseUrl, String userId, String text) {
        return outbox.enqueue(responseUrl != null
                ? new Owed(RESPOND, SlackLanes.reply(userId), userId,
                        JsonColumn.of(Map.of("url", responseUrl, "text", text)))
                : new Owed(DIRECT, SlackLanes.dm(userId), userId, JsonColumn.of(Map.of("text", text))));
    }

    /**
     * Tells {@code text} to {@code userId} right after the ack, without the database: for "the database is busy,
     * try again", which the outbox could only store behind the very lock that is held, and would lose if the lock
     * outlasted the writer's busy timeout. Through {@code responseUrl}, or in a direct message when it is null. Not
     * retried: if Slack fails too, the log says so. The one reply the app sends outside the outbox.
     */
    public void tellDespiteTheDatabase(String responseUrl, String userId, String text) {
        afterAck.run("Telling a user the database is busy", () -> {
            if (responseUrl != null) {
                slack.respond(responseUrl, text);
            } else {
                slack.postMessage(userId, text, null, null);
            }
        });
    }
}
