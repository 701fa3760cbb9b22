package dev.handshake.outbox;

import java.time.Instant;
import java.util.List;

/**
 * Sends what the outbox holds on the caller's thread, each due lane head in turn as the dispatcher's senders would
 * (classifying failures, retrying, coalescing), until nothing is due at {@code now}: fast unit tests without the
 * dispatcher's threads. Pacing between a lane's items is the dispatcher's and is not applied here.
 */
public final class Drain {

    private static final int MAX_PASSES = 1000;

    private Drain() {}

    /** Sends until nothing is due at {@code now}; returns how many sends were made. */
    public static int due(Outbox outbox, Instant now) {
        int sent = 0;
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            List<OutboxItem> heads = outbox.store().claimDue(now, 100);
            if (heads.isEmpty()) {
                return sent;
            }
            for (OutboxItem item : heads) {
                outbox.dispatcher().send(item);
                sent++;
            }
        }
        throw new AssertionError("the outbox still had items due after " + MAX_PASSES + " passes");
    }

    /** Deletes what is past its retention at {@code now}, as the dispatcher does every few minutes. */
    public static int prune(Outbox outbox, Instant now) {
        return outbox.dispatcher().prune(now);
    }
}
