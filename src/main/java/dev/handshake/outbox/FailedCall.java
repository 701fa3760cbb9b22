package dev.handshake.outbox;

import java.util.Objects;

/**
 * Thrown by a handler that knows what its failed call means for the outbox (an HTTP status, the item's age), so its
 * {@link Transport} only passes the {@link Failure} on. The message is the failure's, safe to log and store.
 */
public final class FailedCall extends RuntimeException {

    private final transient Failure failure;

    public FailedCall(Failure failure) {
        super(Objects.requireNonNull(failure, "failure == null").message(), null, false, false);
        this.failure = failure;
    }

    public Failure failure() {
        return failure;
    }
}
