package dev.handshake.funnel;

import dev.handshake.db.Transactions;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.statement.PreparedBatch;

/** Stores stage events, all of a request in one transaction; a lead's first report of a stage wins. Thread-safe. */
public final class StageEventStore {

    /** How many events were new and how many repeated an event already stored (or earlier in the same batch). */
    public record Stored(int accepted, int duplicates) {}

    private final Transactions writes;

    public StageEventStore(Transactions writes) {
        this.writes = Objects.requireNonNull(writes, "writes == null");
    }

    public Stored store(List<StageEvent> events, Instant now) {
        if (events.isEmpty()) {
            return new Stored(0, 0);
        }
        return writes.inTransaction(handle -> {
            PreparedBatch batch = handle.prepareBatch("""
                    INSERT INTO stage_events (lead_id, stage, at, received_at) VALUES (:lead, :stage, :at, :now)
                    ON CONFLICT (lead_id, stage) DO NOTHING""");
            for (StageEvent event : events) {
                batch.bind("lead", event.leadId()).bind("stage", event.stage())
                        .bind("at", event.at()).bind("now", now).add();
            }
            int accepted = 0;
            for (int count : batch.execute()) {
                accepted += count;
            }
            return new Stored(accepted, events.size() - accepted);
        });
    }
}
