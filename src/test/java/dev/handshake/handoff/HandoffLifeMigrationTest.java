package dev.handshake.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handshake.db.Database;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Handoffs stored before their life had a state get the state their columns say (V13): nothing waits on nobody, an
 * escalated lead nobody was reassigned to is unclaimed, and every other row keeps what it had.
 */
class HandoffLifeMigrationTest {

    @TempDir
    Path dir;

    @Test
    void earlierHandoffsGetTheStateTheirColumnsSay() {
        String url = "jdbc:sqlite:" + dir.resolve("handshake.db");
        Flyway.configure().dataSource(url, null, null)
                .locations("classpath:db/migration/common", "classpath:db/migration/sqlite").target("9").load().migrate();
        Jdbi before = Jdbi.create(url);
        before.useHandle(handle -> {
            insert(handle, "pending", "pending", null, null, null, 0);
            insert(handle, "overdue-reassigned", "pending", null, null, null, 2);
            insert(handle, "stuck", "pending", null, null, 1_000L, 2);
            insert(handle, "accepted", "accepted", null, null, null, 0);
            insert(handle, "contacted", "accepted", null, 2_000L, null, 0);
            insert(handle, "rejected", "rejected", null, null, null, 0);
            insert(handle, "recycled", "rejected", "recycled", null, null, 0);
            insert(handle, "contested", "rejected", "contested", null, null, 1);
        });

        Jdbi after = Database.open(url).jdbi();

        Map<String, String> states = after.withHandle(handle -> handle.createQuery(
                        "SELECT external_id, state || ' ' || clock_round AS s FROM handoffs")
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2))).list()).stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(states).containsExactlyInAnyOrderEntriesOf(Map.of(
                "pending", "pending 0",
                "overdue-reassigned", "pending 2",
                "stuck", "unclaimed 2",
                "accepted", "accepted 0",
                "contacted", "contacted 0",
                "rejected", "rejected 0",
                "recycled", "recycled 0",
                "contested", "contested 1"));
        // And the store reads them as the life's states.
        HandoffStore store = dev.handshake.testing.Stores.handoffStore(after);
        long stuck = after.withHandle(handle -> handle.createQuery("SELECT id FROM handoffs WHERE external_id = 'stuck'")
                .mapTo(Long.class).one());
        assertThat(store.find(stuck).orElseThrow().state()).isEqualTo(HandoffState.UNCLAIMED);
    }

    private static void insert(org.jdbi.v3.core.Handle handle, String id, String status, String marketing,
            Long contactedAt, Long overdueAt, int reassignments) {
        handle.createUpdate("""
                        INSERT INTO handoffs (external_id, body_sha256, stage, lead_name, status, received_at, due_at,
                            agreement_version, decided_by, decided_at, marketing_outcome, contacted_at, overdue_at,
                            reassignments)
                        VALUES (:id, 'sha', 'mql', 'Dana', :status, 0, 1, '1', :by, :at, :marketing, :contacted,
                            :overdue, :reassignments)""")
                .bind("id", id).bind("status", status)
                .bind("by", status.equals("pending") ? null : "U0REP00001")
                .bind("at", status.equals("pending") ? null : 500L)
                .bind("marketing", marketing).bind("contacted", contactedAt).bind("overdue", overdueAt)
                .bind("reassignments", reassignments).execute();
    }
}
