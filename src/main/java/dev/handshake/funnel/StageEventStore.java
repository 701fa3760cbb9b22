package dev.handshake.funnel;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/** Stores stage events, all of a request in one transaction; a lead's first report of a stage wins. Thread-safe. */
public final class StageEventStore {

    /** How many events were new and how many repeated an event already stored (or earlier in the same batch). */
    public record Stored(int accepted, int duplicates) {}

    private final Jdbi jdbi;

    public StageEventStore(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi == null");
    }

    public Stored store(List<StageEvent> events, Instant now) {
        if (events.isEmpty()) {
            return new Stored(0, 0);
        }
        return jdbi.inTransaction(handle -> {
            PreparedBatch batch = handle.prepareBatch("""
                    INSERT INTO stage_events (lead_id, stage, at, received_at) VALUES (:lead, :stage, :at, :now)
                    ON CONFLICT (lead_id, stage) DO NOTHING""");
            for (StageEvent event : events) {
                batch.bind("lead", event.leadId()).bind("stage", event.stage())
                        .bind("at", event.at().toEpochMilli()).bind("now", now.toEpochMilli()).add();
            }
            int accepted = 0;
            for (int count : batch.execute()) {
                accepted += count;
            }
            return new Stored(accepted, events.size() - accepted);
        });
    }
}
