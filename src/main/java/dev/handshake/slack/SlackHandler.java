package dev.handshake.slack;

import dev.handshake.outbox.OutboxHandler;
import dev.handshake.outbox.OutboxItem;
import dev.handshake.outbox.Sent;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;

/**
 * An outbox handler whose calls go to Slack, built from the function that makes the call: a posting one is paced
 * at {@link SlackLanes#POST_PACE}, the others are not. Immutable; thread-safe when its function is.
 */
public final class SlackHandler implements OutboxHandler {

    /** Records, in the transaction that marks the item failed, that it will never be sent. */
    @FunctionalInterface
    public interface GaveUp {
        void record(Handle handle, OutboxItem item, String error, Instant now);
    }

    private final Function<OutboxItem, Sent> send;
    private final Supplier<Duration> pace;
    private final boolean coalesces;
    private final Duration giveUpAfter;
    private final GaveUp gaveUp;
    private final Duration keepFor;

    private SlackHandler(Function<OutboxItem, Sent> send, Supplier<Duration> pace, boolean coalesces,
            Duration giveUpAfter, GaveUp gaveUp, Duration keepFor) {
        this.send = Objects.requireNonNull(send, "send == null");
        this.pace = pace;
        this.coalesces = coalesces;
        this.giveUpAfter = giveUpAfter;
        this.gaveUp = gaveUp;
        this.keepFor = keepFor;
    }

    /** Posts new messages: paced at a post a second per lane. */
    public static SlackHandler posting(Function<OutboxItem, Sent> send) {
        return new SlackHandler(send, () -> SlackLanes.POST_PACE, false, null, null, null);
    }

    /** Edits, replies, views, uploads: unpaced. */
    public static SlackHandler unpaced(Function<OutboxItem, Sent> send) {
        return new SlackHandler(send, () -> Duration.ZERO, false, null, null, null);
    }

    /** The same, one send doing what the lane's later items of the same kind and subject ask. */
    public SlackHandler coalescing() {
        return new SlackHandler(send, pace, true, giveUpAfter, gaveUp, keepFor);
    }

    /** The same, at most one send a {@code every} per lane. */
    public SlackHandler pacedAt(Duration every) {
        Objects.requireNonNull(every, "every == null");
        return pacedBy(() -> every);
    }

    /** The same, each send of a lane followed by a pause of what {@code pause} says when the send ends. */
    public SlackHandler pacedBy(Supplier<Duration> pause) {
        return new SlackHandler(send, Objects.requireNonNull(pause, "pause == null"), coalesces, giveUpAfter, gaveUp,
                keepFor);
    }

    public SlackHandler givingUpAfter(Duration limit) {
        return new SlackHandler(send, pace, coalesces, limit, gaveUp, keepFor);
    }

    public SlackHandler onGaveUp(GaveUp record) {
        return new SlackHandler(send, pace, coalesces, giveUpAfter, record, keepFor);
    }

    /** Done and failed items are deleted {@code retention} after they finished ({@link OutboxHandler#keepFor()}). */
    public SlackHandler keptFor(Duration retention) {
        return new SlackHandler(send, pace, coalesces, giveUpAfter, gaveUp, Objects.requireNonNull(retention));
    }

    @Override
    public String transport() {
        return SlackTransport.NAME;
    }

    @Override
    public Sent send(OutboxItem item) {
        return send.apply(item);
    }

    @Override
    public Duration pace() {
        return pace.get();
    }

    @Override
    public boolean coalesces() {
        return coalesces;
    }

    @Override
    public Duration giveUpAfter() {
        return giveUpAfter == null ? OutboxHandler.super.giveUpAfter() : giveUpAfter;
    }

    @Override
    public Duration keepFor() {
        return keepFor == null ? OutboxHandler.super.keepFor() : keepFor;
    }

    @Override
    public void gaveUp(Handle handle, OutboxItem item, String error, Instant now) {
        if (gaveUp != null) {
            gaveUp.record(handle, item, error, now);
        }
    }
}
