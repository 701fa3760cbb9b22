package dev.handshake.db;

import java.util.Objects;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleConsumer;

/**
 * A claim that the write transactions of the current thread make first, each until one of them commits with it: how
 * a Slack request on a database shared by replicas stores its replay key in the transaction of its own effect, one
 * commit instead of two. If the claim throws, the transaction is rolled back with nothing stored. Only the PostgreSQL
 * transaction runner makes it; it is opened only where that runner serves. Not shared between threads.
 */
public final class JoinedClaim implements AutoCloseable {

    private static final ThreadLocal<JoinedClaim> CURRENT = new ThreadLocal<>();

    /** Thrown by a claim to refuse its transaction: the request is to store nothing. Expected, not a failure. */
    public static class Refused extends RuntimeException {
        protected Refused(String message) {
            super(message, null, false, false);
        }
    }

    private final HandleConsumer<RuntimeException> claim;
    private volatile boolean committed;

    private JoinedClaim(HandleConsumer<RuntimeException> claim) {
        this.claim = Objects.requireNonNull(claim, "claim == null");
    }

    /** Opens {@code claim} for the current thread's write transactions until {@link #close}. */
    public static JoinedClaim open(HandleConsumer<RuntimeException> claim) {
        if (CURRENT.get() != null) {
            throw new IllegalStateException("a claim is already open on this thread");
        }
        JoinedClaim joined = new JoinedClaim(claim);
        CURRENT.set(joined);
        return joined;
    }

    /** Whether a transaction committed with the claim. */
    public boolean committed() {
        return committed;
    }

    @Override
    public void close() {
        if (CURRENT.get() == this) {
            CURRENT.remove();
        }
    }

    /** Makes the open claim, if any and not committed yet, in the transaction of {@code handle}. */
    static void makeIn(Handle handle) {
        JoinedClaim joined = CURRENT.get();
        if (joined == null || joined.committed) {
            return;
        }
        joined.claim.useHandle(handle);
        handle.afterCommit(() -> joined.committed = true);
    }
}
