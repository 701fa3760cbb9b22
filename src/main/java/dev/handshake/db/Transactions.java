package dev.handshake.db;

import java.util.concurrent.CompletableFuture;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.HandleConsumer;
import org.jdbi.v3.core.Jdbi;

/**
 * Runs write transactions: each returns only once its transaction is committed, or throws and stores nothing. The
 * one path every write takes: {@link GroupCommit} on SQLite, {@link PostgresTransactions} on PostgreSQL
 * ({@link Database#startWriter()} picks).
 */
public interface Transactions extends AutoCloseable {

    <T> T inTransaction(HandleCallback<T, RuntimeException> work);

    default void useTransaction(HandleConsumer<RuntimeException> work) {
        inTransaction(handle -> {
            work.useHandle(handle);
            return null;
        });
    }

    /**
     * Queues {@code work} for a transaction without waiting for it; the future completes once it is committed (or
     * with what failed). This default runs it at once.
     */
    default <T> CompletableFuture<T> submit(HandleCallback<T, RuntimeException> work) {
        try {
            return CompletableFuture.completedFuture(inTransaction(work));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Stops taking transactions; those under way finish first. */
    @Override
    default void close() {}

    /** One transaction and one commit per call, on a connection of its own. */
    static Transactions direct(Jdbi jdbi) {
        return new Transactions() {
            @Override
            public <T> T inTransaction(HandleCallback<T, RuntimeException> work) {
                return jdbi.inTransaction(work);
            }
        };
    }
}
