package dev.handshake.outbox;

import dev.handshake.db.Dialect;
import dev.handshake.db.Transactions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleConsumer;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The outbox table: work owed, its lanes and retry state. Items are added inside the transaction of the change
 * that owes them; every other write goes through the app's transaction runner. On a database several replicas
 * share (PostgreSQL), lanes are claimed under a lease ({@link LaneLeases}); on SQLite one process owns the table.
 * Thread-safe.
 */
public final class OutboxStore {

    /** Where an owner's items of one kind stand, taken together. */
    public enum State { NONE, PENDING, DONE, FAILED }

    private final Jdbi jdbi;
    private final Transactions writes;
    private final Replica replica;
    /** Null when one process owns the table (SQLite). */
    private final LaneLeases leases;
    /** On PostgreSQL: items this replica finished (done, covered, given up or deleted) since its last vacuum. */
    private final AtomicLong finishedSinceVacuum = new AtomicLong();

    /** The outbox of a process that owns its database alone. */
    public OutboxStore(Jdbi jdbi, Transactions writes) {
        this(jdbi, writes, Replica.thisProcess(Instant.now()));
    }

    /** The outbox as {@code replica} sees it; lanes are leased when the database is shared by replicas. */
    public OutboxStore(Jdbi jdbi, Transactions writes, Replica replica) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi == null");
        this.writes = Objects.requireNonNull(writes, "writes == null");
        this.replica = Objects.requireNonNull(replica, "replica == null");
        this.leases = Dialect.of(jdbi).sharedByReplicas() ? new LaneLeases(jdbi, writes, replica) : null;
    }

    /** This process among the replicas. */
    public Replica replica() {
        return replica;
    }

    /** Whether lanes are leased among replicas (a shared PostgreSQL database), rather than owned by this process. */
    public boolean leased() {
        return leases != null;
    }

    /** Adds an item due at once, inside the caller's transaction. */
    static void add(Handle handle, Owed owed, Instant now) {
        handle.createUpdate("""
                        INSERT INTO outbox (kind, lane, subject, detail, state, next_attempt_at, created_at)
                        VALUES (:kind, :lane, :subject, :detail, 'pending', :now, :now)""")
                .bind("kind", owed.kind()).bind("lane", owed.lane()).bind("subject", owed.subject())
                .bind("detail", owed.detail()).bind("now", now).execute();
    }

    /**
     * As {@link #add} for several items in one statement (one round trip to the server however many), returning
     * their ids (from the insert itself, not a second statement) in the order given. The rows come back with what
     * they hold and are matched to the items by it, as neither database promises to return the rows of a many-row
     * insert in the order of its values; an item whose text the database stored otherwise than given (a lone
     * surrogate in a user id from a hostile request) is matched by the order of the ids, which both take in the order
     * of the values, when the kind agrees, and is null if even that fails: an id is only bookkeeping, and must not
     * fail the change that owes the item.
     */
    static List<Long> addAllReturningIds(Handle handle, List<Owed> items, Instant now) {
        if (items.isEmpty()) {
            return List.of();
        }
        StringBuilder sql = new StringBuilder(
                "INSERT INTO outbox (kind, lane, subject, detail, state, next_attempt_at, created_at) VALUES ");
        for (int i = 0; i < items.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(:kind").append(i).append(", :lane").append(i)
                    .append(", :subject").append(i).append(", :detail").append(i).append(", 'pending', :now, :now)");
        }
        sql.append(" RETURNING id, kind, lane, subject, detail");
        var query = handle.createQuery(sql.toString()).bind("now", now);
        for (int i = 0; i < items.size(); i++) {
            Owed owed = items.get(i);
            query.bind("kind" + i, owed.kind()).bind("lane" + i, owed.lane()).bind("subject" + i, owed.subject())
                    .bind("detail" + i, owed.detail());
        }
        List<Map.Entry<Owed, Long>> unmatched = new ArrayList<>(query.map((rs, ctx) -> Map.entry(
                new Owed(rs.getString("kind"), rs.getString("lane"), rs.getString("subject"), rs.getString("detail")),
                rs.getLong("id"))).list());
        Long[] ids = new Long[items.size()];
        for (int i = 0; i < items.size(); i++) {
            Owed owed = items.get(i);
            Optional<Map.Entry<Owed, Long>> row = unmatched.stream().filter(e -> e.getKey().equals(owed)).findFirst();
            if (row.isPresent()) {
                unmatched.remove(row.get());
                ids[i] = row.get().getValue();
            }
        }
        unmatched.sort(Map.Entry.comparingByValue());
        for (int i = 0, next = 0; i < items.size() && next < unmatched.size(); i++) {
            if (ids[i] == null) {
                Map.Entry<Owed, Long> row = unmatched.get(next++);
                ids[i] = row.getKey().kind().equals(items.get(i).kind()) ? row.getValue() : null;
            }
        }
        return java.util.Arrays.asList(ids);
    }

    /** Whether item {@code id} is still pending, exactly as {@code owed} describes it; in the caller's transaction. */
    static boolean stillOwed(Handle handle, long id, Owed owed) {
        return handle.createQuery("""
                        SELECT count(*) FROM outbox WHERE id = :id AND state = 'pending' AND kind = :kind
                          AND lane = :lane AND subject IS NOT DISTINCT FROM :subject
                          AND detail IS NOT DISTINCT FROM :detail""")
                .bind("id", id).bind("kind", owed.kind()).bind("lane", owed.lane()).bind("subject", owed.subject())
                .bind("detail", owed.detail()).mapTo(Integer.class).one() == 1;
    }

    /**
     * Claims what is due: the oldest pending item of each lane, when it is due, oldest first. Lanes go strictly in
     * order, so only heads are offered. When one process owns the table, a claim is this read and the dispatcher's
     * own record of busy lanes; among replicas, only heads of lanes this replica holds under a lease
     * ({@link LaneLeases#claimDue}). The lanes are found by skipping through the pending index one lane at a time,
     * so a pass costs a few index seeks per lane however many items wait behind the heads.
     */
    public List<OutboxItem> claimDue(Instant now, int limit) {
        if (leases != null) {
            return leases.claimDue(now, limit);
        }
        return jdbi.withHandle(handle -> handle.createQuery("""
                        WITH RECURSIVE lanes (lane) AS (
                          SELECT min(lane) FROM outbox WHERE state = 'pending'
                          UNION ALL
                          SELECT (SELECT min(lane) FROM outbox WHERE state = 'pending' AND lane > lanes.lane)
                          FROM lanes WHERE lanes.lane IS NOT NULL)
                        SELECT o.id, o.kind, o.lane, o.subject, o.detail, o.attempts, o.created_at
                        FROM lanes
                        JOIN outbox o
                          ON o.id = (SELECT min(id) FROM outbox WHERE state = 'pending' AND lane = lanes.lane)
                        WHERE o.next_attempt_at <= :now
                        ORDER BY o.id
                        LIMIT :limit""")
                .bind("now", now).bind("limit", limit)
                .map((rs, ctx) -> new OutboxItem(rs.getLong("id"), rs.getString("kind"), rs.getString("lane"),
                        rs.getString("subject"), rs.getString("detail"), rs.getInt("attempts"),
                        Instant.ofEpochMilli(rs.getLong("created_at"))))
                .list());
    }

    /** Among replicas: no item of {@code lane} is sent by any replica before {@code pace} from now. */
    void paced(String lane, Duration pace) {
        if (leases != null) {
            leases.paced(lane, pace);
        }
    }

    /** The most items one coalescing send covers; those beyond wait for the next send, which covers them. */
    static final int MAX_COVERED = 10_000;
    /** On PostgreSQL: items finished between two vacuums of the outbox (see {@link #vacuumIfDue()}). */
    static final int VACUUM_AFTER = 1000;

    /** Among replicas: says this one is alive, for the health page, and forgets those long gone. */
    void heartbeat() {
        if (leases != null) {
            leases.heartbeat();
        }
    }

    /**
     * On PostgreSQL, once this replica has finished {@link #VACUUM_AFTER} items since the last time: vacuums the
     * outbox, so the index entries of the items finished lately are gone. An item finished leaves a dead entry at the
     * front of its lane in the index the lane heads are read from, and every pass of every replica steps over those
     * (with the entries of 27,000 finished items a pass read 62 index pages per lane and took 9.5 ms), while the
     * server's own autovacuum waits for a fifth of the table to be dead. Another replica's vacuum under way is left to
     * finish rather than waited for. True if it vacuumed.
     */
    boolean vacuumIfDue() {
        long finished = finishedSinceVacuum.get();
        if (leases == null || finished < VACUUM_AFTER) {
            return false;
        }
        // Those finished while this vacuum runs count towards the next one.
        finishedSinceVacuum.addAndGet(-finished);
        // Index clean-up forced: the server skips it when few pages hold dead rows, and the entries are the point. No
        // truncation of empty pages at the end: it takes the table's exclusive lock, which every write would wait for.
        jdbi.useHandle(handle -> handle.execute("VACUUM (SKIP_LOCKED, INDEX_CLEANUP ON, TRUNCATE OFF) outbox"));
        return true;
    }

    private void finished(long items) {
        if (leases != null) {
            finishedSinceVacuum.addAndGet(items);
        }
    }

    /** Among replicas: gives up this replica's lanes at a clean stop, so others take them at once. */
    void release() {
        if (leases != null) {
            leases.release();
        }
    }

    /** Among replicas: each one seen lately, this one first, and the lanes each holds; empty on SQLite. */
    List<LaneLeases.Holder> holders() {
        return leases == null ? List.of() : leases.holders();
    }

    /** When the next pending item falls due, if there is one. */
    public Optional<Instant> nextDue() {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT min(next_attempt_at) FROM outbox WHERE state = 'pending'")
                .mapTo(Instant.class).findOne());
    }

    /**
     * The lane's other pending items of the same kind and subject as {@code item}, as committed now, oldest first
     * and at most {@link #MAX_COVERED}: what a coalescing send that starts now covers. Listed, not a range of ids: on
     * PostgreSQL an item with a lower id may commit after one with a higher id, and a send that started before it
     * committed does not cover it.
     */
    List<Long> coveredBy(OutboxItem item) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT id FROM outbox
                        WHERE state = 'pending' AND lane = :lane AND id > :id AND kind = :kind
                          AND subject IS NOT DISTINCT FROM :subject
                        ORDER BY id LIMIT :limit""")
                .bind("lane", item.lane()).bind("id", item.id()).bind("kind", item.kind())
                .bind("subject", item.subject()).bind("limit", MAX_COVERED)
                .mapTo(Long.class).list());
    }

    /** Marks the item done and stores what its call produced, in one transaction. */
    public void done(OutboxItem item, Instant now, HandleConsumer<RuntimeException> record) {
        done(item, now, record, List.of());
    }

    /**
     * As {@link #done(OutboxItem, Instant, HandleConsumer)}, also deleting the items {@code covered} that are still
     * pending ({@link #coveredBy}): the send did what they ask.
     */
    void done(OutboxItem item, Instant now, HandleConsumer<RuntimeException> record, List<Long> covered) {
        int items = writes.inTransaction(handle -> {
            record.useHandle(handle);
            int done = handle.createUpdate("""
                            UPDATE outbox SET state = 'done', attempts = attempts + 1, done_at = :now, last_error = NULL
                            WHERE id = :id""")
                    .bind("now", now).bind("id", item.id()).execute();
            if (!covered.isEmpty()) {
                // Deleted, not marked done: the item sent is the record of what was done, and a delete writes no
                // new row version and no index entries. One statement run for each id, as one batch: the same SQL
                // however many it covers.
                PreparedBatch batch = handle.prepareBatch("DELETE FROM outbox WHERE id = :id AND state = 'pending'");
                covered.forEach(id -> batch.bind("id", id).add());
                done += IntStream.of(batch.execute()).sum();
            }
            return done;
        });
        finished(items);
    }

    public void retryLater(OutboxItem item, Instant next, String error) {
        writes.useTransaction(handle -> handle.createUpdate("""
                        UPDATE outbox SET attempts = attempts + 1, next_attempt_at = :next, last_error = :error
                        WHERE id = :id AND state = 'pending'""")
                .bind("next", next).bind("error", error).bind("id", item.id()).execute());
    }

    /** Gives up on an item for good; {@code handler} records it with its owner in the same transaction. */
    public void failed(OutboxItem item, String error, Instant now, OutboxHandler handler) {
        writes.useTransaction(handle -> {
            handle.createUpdate("""
                            UPDATE outbox SET state = 'failed', attempts = attempts + 1, last_error = :error,
                                done_at = :now WHERE id = :id""")
                    .bind("error", error).bind("now", now).bind("id", item.id()).execute();
            if (handler != null) {
                handler.gaveUp(handle, item, error, now);
            }
        });
        finished(1);
    }

    /**
     * Deletes up to {@code limit} done or failed items, oldest first, that finished before their kind's cutoff
     * ({@code cutoffs}; other kinds {@code otherwise}); returns how many. The ids are found on a read connection,
     * so the writer is held only for the delete itself.
     */
    int prune(Map<String, Instant> cutoffs, Instant otherwise, int limit) {
        StringBuilder cutoff = new StringBuilder("CASE kind");
        List<Map.Entry<String, Instant>> kinds = List.copyOf(cutoffs.entrySet());
        for (int i = 0; i < kinds.size(); i++) {
            cutoff.append(" WHEN :kind").append(i).append(" THEN :cutoff").append(i);
        }
        cutoff.append(" ELSE :otherwise END");
        List<Long> ids = jdbi.withHandle(handle -> {
            var query = handle.createQuery("SELECT id FROM outbox WHERE state IN ('done', 'failed') AND done_at < "
                            + cutoff + " ORDER BY id LIMIT :limit")
                    .bind("otherwise", otherwise).bind("limit", limit);
            for (int i = 0; i < kinds.size(); i++) {
                query.bind("kind" + i, kinds.get(i).getKey()).bind("cutoff" + i, kinds.get(i).getValue());
            }
            return query.mapTo(Long.class).list();
        });
        if (ids.isEmpty()) {
            return 0;
        }
        int deleted = writes.inTransaction(handle -> handle.createUpdate(
                        "DELETE FROM outbox WHERE id IN (<ids>) AND state IN ('done', 'failed')")
                .bindList("ids", ids).execute());
        finished(deleted);
        return deleted;
    }

    /** Counts of items by state, for health and tests. */
    public Map<String, Integer> counts() {
        return jdbi.withHandle(handle -> {
            Map<String, Integer> counts = new TreeMap<>();
            handle.createQuery("SELECT state, count(*) AS n FROM outbox GROUP BY state")
                    .map((rs, ctx) -> Map.entry(rs.getString("state"), rs.getInt("n")))
                    .forEach(e -> counts.put(e.getKey(), e.getValue()));
            return counts;
        });
    }

    /** Where the items of one kind about one subject stand: failed if any failed, else done if any is. */
    public static State state(Handle handle, String kind, String subject) {
        return handle.createQuery("""
                        SELECT CASE
                          WHEN count(*) = 0 THEN 'NONE'
                          WHEN count(*) FILTER (WHERE state = 'failed') > 0 THEN 'FAILED'
                          WHEN count(*) FILTER (WHERE state = 'done') > 0 THEN 'DONE'
                          ELSE 'PENDING' END
                        FROM outbox WHERE subject = :subject AND kind = :kind""")
                .bind("subject", subject).bind("kind", kind).mapTo(State.class).one();
    }
}
