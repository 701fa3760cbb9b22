package dev.handshake.crm;

import dev.handshake.db.Transactions;
import java.net.URI;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.jdbi.v3.core.Jdbi;

/**
 * The CRM side's own state: endpoints disabled by a {@code 410 Gone}, and the outbox's CRM items counted and sent
 * again ({@code webhooks redeliver}). Every write goes through the app's transaction runner. Thread-safe.
 */
final class EndpointStore {

    /** An endpoint that answered 410 Gone: at which URL, when, and what it said. */
    record Disabled(String name, String url, Instant at, String reason) {}

    /** A destination's items by state. */
    record Counts(int pending, int failed) {}

    private final Jdbi jdbi;
    private final Transactions writes;

    EndpointStore(Jdbi jdbi, Transactions writes) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi == null");
        this.writes = Objects.requireNonNull(writes, "writes == null");
    }

    Optional<Disabled> disabled(String name) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT name, url, disabled_at, reason FROM disabled_endpoints WHERE name = :name")
                .bind("name", name)
                .map((rs, ctx) -> new Disabled(rs.getString("name"), rs.getString("url"),
                        Instant.ofEpochMilli(rs.getLong("disabled_at")), rs.getString("reason")))
                .findOne());
    }

    void disable(String name, URI url, Instant at, String reason) {
        writes.useTransaction(handle -> handle.createUpdate("""
                        INSERT INTO disabled_endpoints (name, url, disabled_at, reason) VALUES (:name, :url, :at, :reason)
                        ON CONFLICT (name) DO UPDATE SET url = :url, disabled_at = :at, reason = :reason""")
                .bind("name", name).bind("url", url.toString()).bind("at", at).bind("reason", reason).execute());
    }

    /** Enables the endpoint again when it now has another URL than the one that answered 410; true if it did. */
    boolean enableIfMoved(String name, URI url) {
        return writes.inTransaction(handle -> handle.createUpdate(
                        "DELETE FROM disabled_endpoints WHERE name = :name AND url <> :url")
                .bind("name", name).bind("url", url.toString()).execute()) > 0;
    }

    /** Pending and failed items of these outbox kinds, by kind. */
    Map<String, Counts> counts(Collection<String> kinds) {
        Map<String, Counts> counts = new TreeMap<>();
        kinds.forEach(kind -> counts.put(kind, new Counts(0, 0)));
        if (kinds.isEmpty()) {
            return counts;
        }
        jdbi.useHandle(handle -> handle.createQuery("""
                        SELECT kind, count(*) FILTER (WHERE state = 'pending') AS pending,
                               count(*) FILTER (WHERE state = 'failed') AS failed
                        FROM outbox WHERE state IN ('pending', 'failed') AND kind IN (<kinds>) GROUP BY kind""")
                .bindList("kinds", java.util.List.copyOf(kinds))
                .map((rs, ctx) -> Map.entry(rs.getString("kind"), new Counts(rs.getInt("pending"),
                        rs.getInt("failed"))))
                .forEach(e -> counts.put(e.getKey(), e.getValue())));
        return counts;
    }

    /**
     * Makes the failed items of these kinds owed since {@code since} pending again, due now and with a fresh retry
     * limit, and enables the endpoints they go to; returns how many were queued again, by kind. Each keeps its
     * place in its lane, so it goes before what is still pending there.
     */
    Map<String, Integer> redeliver(Map<String, String> endpointByKind, Instant since, Instant now) {
        return writes.inTransaction(handle -> {
            Map<String, Integer> queued = new TreeMap<>();
            for (Map.Entry<String, String> kind : endpointByKind.entrySet()) {
                int count = handle.createUpdate("""
                                UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = :now,
                                    created_at = :now, done_at = NULL,
                                    last_error = 'redelivery asked for; before: ' || coalesce(last_error, '')
                                WHERE kind = :kind AND state = 'failed' AND created_at >= :since""")
                        .bind("now", now).bind("kind", kind.getKey()).bind("since", since).execute();
                queued.put(kind.getKey(), count);
                if (kind.getValue() != null) {
                    handle.createUpdate("DELETE FROM disabled_endpoints WHERE name = :name")
                            .bind("name", kind.getValue()).execute();
                }
            }
            return queued;
        });
    }
}
