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

    private final Outbox outbox;

    public Replies(Outbox outbox) {
        this.outbox = Objects.requireNonNull(outbox, "outbox == null");
    }

    /** Registers the handlers that send replies. */
    public static void register(Outbox outbox, SlackWebApi slack) {
        outbox.register(RESPOND, SlackHandler.unpaced(item -> {
            Map<String, String> detail = JsonColumn.fields(item.detail());
            slack.respond(detail.get("url"), detail.get("text"));
            return Sent.done();
        }).givingUpAfter(RESPONSE_URL_LIFETIME));
        outbox.register(DIRECT, SlackHandler.posting(item -> {
            slack.postMessage(item.subject(), JsonColumn.fields(item.detail()).get("text"), null, null);
            return Sent.done();
        }));
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
}
