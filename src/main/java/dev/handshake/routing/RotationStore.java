package dev.handshake.routing;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * The SQL of routing: each pool's rotation, and how many open handoffs each rep holds. Runs in the caller's
 * transaction, so a pick and the handoff it assigns commit together.
 */
final class RotationStore {

    private RotationStore() {}

    /**
     * The pool's rotation, locked for this transaction: on PostgreSQL the upsert takes the pool's row lock, so two
     * replicas never pick from the same state; on SQLite the one writer already serialises picks.
     */
    static Rotation lockAndLoad(Handle handle, String pool) {
        Map.Entry<Long, Long> row = handle.createQuery("""
                        INSERT INTO rotations (pool, virtual_time, picks) VALUES (:pool, 0, 0)
                        ON CONFLICT (pool) DO UPDATE SET virtual_time = rotations.virtual_time
                        RETURNING virtual_time, picks""")
                .bind("pool", pool).map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getLong(2))).one();
        return new Rotation(row.getKey(), row.getValue(), turns(handle, pool));
    }

    /** The pool's rotation as it stands, for reading only. */
    static Rotation load(Handle handle, String pool) {
        Map.Entry<Long, Long> row = handle.createQuery("SELECT virtual_time, picks FROM rotations WHERE pool = :pool")
                .bind("pool", pool).map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getLong(2))).findOne()
                .orElse(Map.entry(0L, 0L));
        return new Rotation(row.getKey(), row.getValue(), turns(handle, pool));
    }

    private static Map<String, Rotation.Turn> turns(Handle handle, String pool) {
        Map<String, Rotation.Turn> turns = new HashMap<>();
        handle.createQuery("SELECT user_id, start, missed, last_pick FROM rotation_turns WHERE pool = :pool")
                .bind("pool", pool)
                .map((rs, ctx) -> Map.entry(rs.getString(1),
                        new Rotation.Turn(rs.getLong(2), rs.getInt(3) == 1, rs.getLong(4))))
                .forEach(entry -> turns.put(entry.getKey(), entry.getValue()));
        return turns;
    }

    /** Stores the turns that changed from {@code before} to {@code after}, and the pool's virtual time. */
    static void save(Handle handle, String pool, Rotation before, Rotation after) {
        if (after.virtualTime() != before.virtualTime() || after.picks() != before.picks()) {
            handle.createUpdate("UPDATE rotations SET virtual_time = :time, picks = :picks WHERE pool = :pool")
                    .bind("time", after.virtualTime()).bind("picks", after.picks()).bind("pool", pool).execute();
        }
        var batch = handle.prepareBatch("""
                INSERT INTO rotation_turns (pool, user_id, start, missed, last_pick)
                VALUES (:pool, :user, :start, :missed, :lastPick)
                ON CONFLICT (pool, user_id) DO UPDATE SET start = excluded.start, missed = excluded.missed,
                    last_pick = excluded.last_pick""");
        int changed = 0;
        for (Map.Entry<String, Rotation.Turn> turn : after.turns().entrySet()) {
            if (!turn.getValue().equals(before.turns().get(turn.getKey()))) {
                batch.bind("pool", pool).bind("user", turn.getKey()).bind("start", turn.getValue().start())
                        .bind("missed", turn.getValue().missed() ? 1 : 0).bind("lastPick", turn.getValue().lastPick())
                        .add();
                changed++;
            }
        }
        if (changed > 0) {
            batch.execute();
        }
    }

    /**
     * How many open handoffs each of {@code users} holds: pending ones assigned to them, and accepted ones they have
     * not yet marked contacted while the agreement asks for first contact.
     */
    static Map<String, Integer> openCounts(Handle handle, Collection<String> users) {
        Map<String, Integer> counts = new HashMap<>();
        if (users.isEmpty()) {
            return counts;
        }
        List<String> list = List.copyOf(users);
        handle.createQuery("""
                        SELECT assignee_user, count(*) FROM handoffs
                        WHERE state = 'pending' AND assignee_user IN (<users>) GROUP BY assignee_user
                        UNION ALL
                        SELECT decided_by, count(*) FROM handoffs
                        WHERE status = 'accepted' AND contacted_at IS NULL AND contact_due_at IS NOT NULL
                          AND decided_by IN (<users>) GROUP BY decided_by""")
                .bindList("users", list)
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getInt(2)))
                .forEach(entry -> counts.merge(entry.getKey(), entry.getValue(), Integer::sum));
        return counts;
    }

    /** How many pending handoffs are assigned to {@code user}. */
    static int pendingHeldBy(Handle handle, String user) {
        return handle.createQuery("SELECT count(*) FROM handoffs WHERE state = 'pending' AND assignee_user = :user")
                .bind("user", user).mapTo(Integer.class).one();
    }
}
