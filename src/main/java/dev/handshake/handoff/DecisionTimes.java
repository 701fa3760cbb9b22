package dev.handshake.handoff;

import dev.handshake.clock.BusinessHours;
import dev.handshake.db.Transactions;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Fills in the business time to decision of handoffs decided before it was stored at decision time (databases
 * from before migration V3), so the stats can rank every decision in SQL. Writes through the app's transaction
 * runner, a batch per transaction.
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

    private record Row(long id, long receivedAt, long decidedAt) {}

    /** Fills every missing value, a batch per transaction; returns how many rows it filled. */
    public int backfill() {
        int filled = 0;
        long after = 0;
        while (true) {
            long cursor = after;
            List<Row> rows = jdbi.withHandle(handle -> handle.createQuery("""
                            SELECT id, received_at, decided_at FROM handoffs
                            WHERE id > :after AND decided_at IS NOT NULL AND decision_business_ms IS NULL
                            ORDER BY id LIMIT :limit""")
                    .bind("after", cursor).bind("limit", BATCH)
                    .map((rs, ctx) -> new Row(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
                    .list());
            if (rows.isEmpty()) {
                return filled;
            }
            writes.useTransaction(handle -> {
                PreparedBatch batch = handle.prepareBatch("""
                        UPDATE handoffs SET decision_business_ms = :ms
                        WHERE id = :id AND decision_business_ms IS NULL""");
                for (Row row : rows) {
                    long ms = hours.between(Instant.ofEpochMilli(row.receivedAt()),
                            Instant.ofEpochMilli(row.decidedAt())).toMillis();
                    batch.bind("ms", ms).bind("id", row.id()).add();
                }
                batch.execute();
            });
            filled += rows.size();
            after = rows.get(rows.size() - 1).id();
        }
    }
}
