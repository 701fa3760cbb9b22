package dev.handshake.stats;

import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.Stage;
import dev.handshake.agreement.StageHandoff;
import dev.handshake.db.Dialect;
import dev.handshake.db.Transactions;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Keeps {@code funnel_leads} (when each lead entered the funnel and first reached MQL) in step with the agreement.
 * The database's triggers maintain it as facts arrive, knowing which stages count as "reached MQL" from
 * {@code funnel_stages}; this writes those stages from the agreement and, when they differ from the ones the table
 * was built with (a new install, an agreement that changed its funnel), rebuilds the table from every stage event
 * and handoff, in one transaction of the app's transaction runner. Run it once at start-up, before the app takes
 * requests.
 */
public final class FunnelLeads {

    private final Transactions writes;
    private final Map<String, Boolean> stages;

    public FunnelLeads(Transactions writes, Agreement agreement) {
        this.writes = Objects.requireNonNull(writes, "writes == null");
        this.stages = stages(Objects.requireNonNull(agreement, "agreement == null"));
    }

    /**
     * The MQL stage (the agreement's {@code mql}, or else its first handed-off stage) and every stage after it along
     * {@code next} count as reached MQL: every SQL was an MQL. Other stages (the first, recycling) do not.
     */
    static Map<String, Boolean> stages(Agreement agreement) {
        String mql = agreement.stage("mql").map(Stage::id).orElseGet(() -> agreement.handoff().stages().stream()
                .map(StageHandoff::stage).findFirst().orElse("mql"));
        Set<String> reached = new LinkedHashSet<>();
        String next = mql;
        while (next != null && reached.add(next)) {
            next = agreement.stage(next).map(Stage::next).orElse(null);
        }
        Map<String, Boolean> stages = new TreeMap<>();
        agreement.stages().forEach(s -> stages.put(s.id(), reached.contains(s.id())));
        reached.forEach(id -> stages.put(id, true));
        return stages;
    }

    /** Writes the stages and rebuilds the table if they changed; returns how many leads it rebuilt (0 if none). */
    public long sync() {
        return writes.inTransaction(handle -> {
            // Replicas starting together: the first writes the stages and rebuilds, the others then find them equal.
            Dialect.of(handle).lockTable(handle, "funnel_stages");
            Map<String, Boolean> stored = new TreeMap<>();
            handle.createQuery("SELECT stage, reaches_mql FROM funnel_stages")
                    .map((rs, ctx) -> stored.put(rs.getString(1), rs.getInt(2) == 1)).list();
            if (stored.equals(stages)) {
                return 0L;
            }
            handle.execute("DELETE FROM funnel_stages");
            PreparedBatch insert = handle.prepareBatch(
                    "INSERT INTO funnel_stages (stage, reaches_mql) VALUES (:stage, :reaches)");
            stages.forEach((stage, reaches) -> insert.bind("stage", stage).bind("reaches", reaches ? 1 : 0).add());
            insert.execute();
            handle.execute("DELETE FROM funnel_leads");
            return (long) handle.createUpdate("""
                    INSERT INTO funnel_leads (lead_id, entered_at, mql_at)
                    SELECT x.lead, min(x.at), min(CASE WHEN f.reaches_mql = 1 THEN x.at END)
                    FROM (SELECT lead_id AS lead, stage, at FROM stage_events
                          UNION ALL
                          SELECT coalesce(lead_email, external_id), stage, received_at FROM handoffs) x
                    LEFT JOIN funnel_stages f ON f.stage = x.stage
                    GROUP BY x.lead""").execute();
        });
    }

    /** The stages that count as reached MQL, for tests and the docs. */
    public List<String> reachedMqlStages() {
        return stages.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList();
    }
}
