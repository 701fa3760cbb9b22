package dev.handshake.outbox;

import java.time.Duration;
import java.util.Objects;
import org.jdbi.v3.core.HandleConsumer;

/** What came of a handler's attempt at an item, when the call itself did not fail. */
public sealed interface Sent {

    /** Done; {@code result} stores what the call produced, in the same transaction that marks the item done. */
    record Done(HandleConsumer<RuntimeException> result) implements Sent {
        public Done {
            Objects.requireNonNull(result, "result == null");
        }
    }

    /** Not yet possible (e.g. the message to edit is not posted yet): try again after {@code delay}. */
    record Later(Duration delay, String why) implements Sent {}

    /** Can never happen (e.g. the message to edit was never posted): recorded as failed, not retried. */
    record GaveUp(String why) implements Sent {}

    /** Done, with nothing to record. */
    static Sent done() {
        return new Done(handle -> { });
    }

    static Sent done(HandleConsumer<RuntimeException> record) {
        return new Done(record);
    }

    static Sent later(Duration wait, String why) {
        return new Later(wait, why);
    }

    static Sent gaveUp(String why) {
        return new GaveUp(why);
    }
}
