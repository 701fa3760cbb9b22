package dev.handshake.handoff;

import dev.handshake.clock.BusinessHours;
import dev.handshake.db.Transactions;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Fills in the business times stored when something is decided, for rows written before they were: the time to
 * decision (databases from before migration V3) and the time from a rejection to marketing's answer (before V10),
 * so the stats can rank every one in SQL. Writes through the app's transaction runner, a batch per transaction.
 */
public final class DecisionTimes {

    private static final int BATCH = 2000;

    private final Jdbi jdbi;
    private final Transactions writes;
    private final BusinessHours hours;

    public DecisionTimes(Jdbi jdbi, Transactions writes, BusinessHours hours) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi == null");
        this.writes = Objects.requireNonNull(writes, "writes == null");
        this.hours = Objects.requireNonNull(hours, "hours == null");
    }

    private record Row(long id, long from, long to) {}

    /** Fills every missing value, a batch per transaction; returns how many rows it filled. */
    public int backfill() {
        return fill("received_at", "decided_at", "decision_business_ms")
                + fill("decided_at", "marketing_at", "answer_business_ms");
    }

    /** Stores the business time between two columns where it is missing. The names are ours, never user input. */
    private int fill(String fromColumn, String toColumn, String column) {
        int filled = 0;
        long after = 0;
        while (true) {
            long cursor = after;
            List<Row> rows = jdbi.withHandle(handle -> handle.createQuery("""
                            SELECT id, %1$s, %2$s FROM handoffs
                            WHERE id > :after AND %1$s IS NOT NULL AND %2$s IS NOT NULL AND %3$s IS NULL
                            ORDER BY id LIMIT :limit""".formatted(fromColumn, toColumn, column))
                    .bind("after", cursor).bind("limit", BATCH)
                    .map((rs, ctx) -> new Row(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
                    .list());
            if (rows.isEmpty()) {
                return filled;
            }
            writes.useTransaction(handle -> {
                PreparedBatch batch = handle.prepareBatch("""
                        UPDATE handoffs SET %1$s = :ms WHERE id = :id AND %1$s IS NULL""".formatted(column));
                for (Row row : rows) {
                    long ms = hours.between(Instant.ofEpochMilli(row.from()), Instant.ofEpochMilli(row.to())).toMillis();
                    batch.bind("ms", ms).bind("id", row.id()).add();
                }
                batch.execute();
            });
            filled += rows.size();
            after = rows.get(rows.size() - 1).id();
        }
    }
}
