package dev.handshake.outbox;

import dev.handshake.db.Transactions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;

/**
 * Which replica holds which outbox lane (tables {@code outbox_lanes} and {@code replicas}), when several replicas
 * share one PostgreSQL database. A replica sends only the heads of lanes it holds: it takes a lane whose lease is
 * free or ran out, in the same statement that reads the heads, and its lease is renewed by every pass that finds the
 * lane's head due, so a lane stays with its replica while it has work; a replica that dies stops renewing, and its
 * lanes pass to another once {@link #LEASE} has run out. Lease and pace times are the database server's clock, the
 * one clock all replicas share. The SQL is PostgreSQL's: on SQLite one process owns the outbox and nothing is
 * leased. Thread-safe.
 */
final class LaneLeases {

    /** How long a lane stays with a replica that stopped renewing it: longer than a Slack call may take (15 s). */
    static final Duration LEASE = Duration.ofSeconds(20);
    /** Replicas and lanes not seen for this long are forgotten. */
    static final Duration FORGET_AFTER = Duration.ofHours(1);

    private static final String DB_NOW = "(extract(epoch FROM clock_timestamp()) * 1000)::bigint";

    /** What the health page says about the replicas: each one seen lately, and the lanes it holds now. */
    record Holder(String id, Instant startedAt, long secondsSinceSeen, List<String> lanes) {}

    private final Jdbi jdbi;
    private final Transactions writes;
    private final Replica replica;

    LaneLeases(Jdbi jdbi, Transactions writes, Replica replica) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi == null");
        this.writes = Objects.requireNonNull(writes, "writes == null");
        this.replica = Objects.requireNonNull(replica, "replica == null");
    }

    Replica replica() {
        return replica;
    }

    /**
     * The due heads of lanes this replica holds now, oldest first: free lanes and lanes whose lease ran out are taken,
     * held ones renewed, all in one statement; a lane whose pace has not opened yet is left for a later pass. The
     * lanes and their heads, whole, are found together, one seek in the pending index per lane: the first pending item
     * after the previous lane, in (lane, id) order, is the next lane's head. Only that index gives this order, and
     * nothing is joined back to the outbox, so the server has no other plan to choose: a lane's head read on its own
     * ({@code ORDER BY id LIMIT 1}, or {@code min(id)}), or the heads joined back to the outbox by id, were planned
     * as a walk along the primary key from the oldest item, sent long ago (9–13 ms a pass with 200,000 items, 64 ms
     * with 60,000 under an earlier form).
     */
    List<OutboxItem> claimDue(Instant now, int limit) {
        return writes.inTransaction(handle -> handle.createQuery(CLAIM)
                .bind("now", now).bind("me", replica.id()).bind("leaseMs", LEASE.toMillis()).bind("limit", limit)
                .map((rs, ctx) -> new OutboxItem(rs.getLong("id"), rs.getString("kind"), rs.getString("lane"),
                        rs.getString("subject"), rs.getString("detail"), rs.getInt("attempts"),
                        Instant.ofEpochMilli(rs.getLong("created_at"))))
                .list());
    }

    /** The claim of {@link #claimDue}: parameters {@code now}, {@code me}, {@code leaseMs} and {@code limit}. */
    static final String CLAIM = """
                        WITH RECURSIVE lanes AS (
                          (SELECT lane, id, next_attempt_at, kind, subject, detail, attempts, created_at FROM outbox
                           WHERE state = 'pending' ORDER BY lane, id LIMIT 1)
                          UNION ALL
                          SELECT n.* FROM lanes
                          CROSS JOIN LATERAL (
                            SELECT lane, id, next_attempt_at, kind, subject, detail, attempts, created_at FROM outbox
                            WHERE state = 'pending' AND lane > lanes.lane ORDER BY lane, id LIMIT 1) n),
                        clock AS (SELECT %s AS now_ms),
                        heads AS (
                          SELECT lanes.* FROM lanes
                          LEFT JOIN outbox_lanes l ON l.lane = lanes.lane
                          CROSS JOIN clock
                          WHERE lanes.next_attempt_at <= :now
                            AND (l.lane IS NULL OR ((l.owner = :me OR l.lease_until < clock.now_ms)
                                                    AND l.opens_at <= clock.now_ms))
                          ORDER BY lanes.id
                          LIMIT :limit),
                        held AS (
                          INSERT INTO outbox_lanes (lane, owner, lease_until)
                          SELECT heads.lane, :me, clock.now_ms + :leaseMs FROM heads CROSS JOIN clock
                          ORDER BY heads.lane
                          ON CONFLICT (lane) DO UPDATE SET owner = excluded.owner, lease_until = excluded.lease_until
                          WHERE outbox_lanes.owner = excluded.owner
                             OR outbox_lanes.lease_until < excluded.lease_until - :leaseMs
                          RETURNING lane, opens_at)
                        SELECT heads.id, heads.kind, heads.lane, heads.subject, heads.detail, heads.attempts,
                            heads.created_at
                        FROM held
                        JOIN heads ON heads.lane = held.lane
                        WHERE held.opens_at <= (SELECT now_ms FROM clock)
                        ORDER BY heads.id""".formatted(DB_NOW);

    /** No replica sends in {@code lane} before {@code pace} from now (server time): Slack's pace across replicas. */
    void paced(String lane, Duration pace) {
        writes.useTransaction(handle -> handle.createUpdate(
                        "UPDATE outbox_lanes SET opens_at = " + DB_NOW + " + :paceMs WHERE lane = :lane")
                .bind("paceMs", pace.toMillis()).bind("lane", lane).execute());
    }

    /** Says this replica is alive, and forgets replicas and idle lanes not seen for {@link #FORGET_AFTER}. */
    void heartbeat() {
        writes.useTransaction(handle -> {
            handle.createUpdate("""
                            INSERT INTO replicas (id, started_at, seen_at) VALUES (:me, :started, %s)
                            ON CONFLICT (id) DO UPDATE SET seen_at = excluded.seen_at""".formatted(DB_NOW))
                    .bind("me", replica.id()).bind("started", replica.startedAt()).execute();
            handle.createUpdate("DELETE FROM replicas WHERE seen_at < " + DB_NOW + " - :forgetMs")
                    .bind("forgetMs", FORGET_AFTER.toMillis()).execute();
            handle.createUpdate("""
                            DELETE FROM outbox_lanes
                            WHERE lease_until < %1$s - :forgetMs AND opens_at < %1$s - :forgetMs
                              AND NOT EXISTS (SELECT 1 FROM outbox
                                              WHERE state = 'pending' AND outbox.lane = outbox_lanes.lane)"""
                            .formatted(DB_NOW))
                    .bind("forgetMs", FORGET_AFTER.toMillis()).execute();
        });
    }

    /** Gives up every lane this replica holds (keeping their pace) and leaves the replicas table: a clean stop. */
    void release() {
        writes.useTransaction(handle -> {
            handle.createUpdate("UPDATE outbox_lanes SET owner = NULL, lease_until = 0 WHERE owner = :me")
                    .bind("me", replica.id()).execute();
            handle.createUpdate("DELETE FROM replicas WHERE id = :me").bind("me", replica.id()).execute();
        });
    }

    /** Every replica seen within the last minute, this one first, with the lanes each holds now. */
    List<Holder> holders() {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        WITH clock AS (SELECT %s AS now_ms)
                        SELECT r.id, r.started_at, (clock.now_ms - r.seen_at) / 1000 AS seconds_since_seen,
                            ARRAY(SELECT l.lane FROM outbox_lanes l
                                  WHERE l.owner = r.id AND l.lease_until >= clock.now_ms ORDER BY l.lane) AS lanes
                        FROM replicas r CROSS JOIN clock
                        WHERE r.seen_at >= clock.now_ms - 60000 OR r.id = :me
                        ORDER BY r.id <> :me, r.id""".formatted(DB_NOW))
                .bind("me", replica.id())
                .map((rs, ctx) -> new Holder(rs.getString("id"), Instant.ofEpochMilli(rs.getLong("started_at")),
                        rs.getLong("seconds_since_seen"), List.of((String[]) rs.getArray("lanes").getArray())))
                .list());
    }
}
