package dev.handshake.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handshake.db.Database;
import dev.handshake.db.Transactions;
import dev.handshake.testing.PostgresServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How replicas share the outbox's lanes, on the tests' real PostgreSQL server: two stores as two replicas would see one
 * database. A lane is held by one replica at a time, passes to another when released or when its lease runs out, and
 * keeps its pace whichever replica sends next.
 */
class LaneLeasesTest {

    private static final Instant T0 = Instant.parse("2026-03-02T15:00:00Z");
    private static final String LANE = "post:#sales-leads";

    private final PostgresServer server = PostgresServer.shared();
    private String url;
    private Database database;
    private Transactions writes;
    private OutboxStore a;
    private OutboxStore b;

    @BeforeEach
    void open() {
        url = server.newDatabase();
        database = Database.open(url);
        writes = database.startWriter();
        a = new OutboxStore(database.jdbi(), writes, new Replica("replica-a", T0));
        b = new OutboxStore(database.jdbi(), writes, new Replica("replica-b", T0));
    }

    @AfterEach
    void close() {
        database.close();
        server.drop(url);
    }

    private long owe(String lane, String subject) {
        writes.useTransaction(handle -> OutboxStore.add(handle, new Owed("post_handoff", lane, subject, null), T0));
        return database.jdbi().withHandle(h -> h.createQuery("SELECT max(id) FROM outbox").mapTo(Long.class).one());
    }

    private static List<String> subjects(List<OutboxItem> items) {
        return items.stream().map(OutboxItem::subject).toList();
    }

    @Test
    void aLaneIsHeldByOneReplicaAtATimeAndOtherLanesByWhoeverClaimsThem() {
        owe(LANE, "1");
        owe(LANE, "2");
        owe("post:dm:U0REP00001", "3");

        assertThat(subjects(a.claimDue(T0, 10))).containsExactly("1", "3");
        assertThat(b.claimDue(T0, 10)).as("both lanes are a's").isEmpty();
        assertThat(subjects(a.claimDue(T0, 10))).as("a's claims renew its lanes").containsExactly("1", "3");
        owe("post:dm:U0REP00002", "4");
        assertThat(subjects(b.claimDue(T0, 10))).containsExactly("4");
        assertThat(a.leased()).isTrue();
    }

    @Test
    void aReleasedLanePassesAtOnceButKeepsItsPace() throws Exception {
        long first = owe(LANE, "1");
        owe(LANE, "2");
        assertThat(subjects(a.claimDue(T0, 10))).containsExactly("1");
        writes.useTransaction(h -> h.execute("UPDATE outbox SET state = 'done' WHERE id = ?", first));
        a.paced(LANE, Duration.ofMillis(1500));
        long paced = System.nanoTime();
        a.release();

        assertThat(b.claimDue(T0, 10)).as("within the pace a's last post set").isEmpty();
        List<OutboxItem> next = b.claimDue(T0, 10);
        while (next.isEmpty() && System.nanoTime() - paced < Duration.ofSeconds(5).toNanos()) {
            Thread.sleep(50);
            next = b.claimDue(T0, 10);
        }
        long waited = Duration.ofNanos(System.nanoTime() - paced).toMillis();
        assertThat(subjects(next)).containsExactly("2");
        assertThat(waited).as("ms until b could send in the lane").isGreaterThanOrEqualTo(1500);
        assertThat(a.claimDue(T0, 10)).as("now b's").isEmpty();
    }

    @Test
    void aLaneWhoseLeaseRanOutPassesToAnotherReplica() {
        owe(LANE, "1");
        assertThat(subjects(a.claimDue(T0, 10))).containsExactly("1");
        assertThat(b.claimDue(T0, 10)).isEmpty();

        // As if a had died more than a lease ago: it renewed nothing since.
        writes.useTransaction(h -> h.execute("UPDATE outbox_lanes SET lease_until = lease_until - ?",
                LaneLeases.LEASE.toMillis() + 1));

        assertThat(subjects(b.claimDue(T0, 10))).containsExactly("1");
        assertThat(a.claimDue(T0, 10)).isEmpty();
    }

    @Test
    void itemsNotDueYetAreNotClaimedAndHoldNoLane() {
        owe(LANE, "1");
        assertThat(a.claimDue(T0.minusSeconds(1), 10)).isEmpty();
        assertThat(subjects(b.claimDue(T0, 10))).containsExactly("1");
    }

    @Test
    void theHealthPageSeesEveryReplicaAliveAndTheLanesEachHolds() {
        owe(LANE, "1");
        a.claimDue(T0, 10);
        a.heartbeat();
        b.heartbeat();

        List<LaneLeases.Holder> seenByB = b.holders();

        assertThat(seenByB).extracting(LaneLeases.Holder::id).containsExactly("replica-b", "replica-a");
        assertThat(seenByB.get(1).lanes()).containsExactly(LANE);
        assertThat(seenByB.get(0).lanes()).isEmpty();
        assertThat(seenByB).allSatisfy(holder -> assertThat(holder.secondsSinceSeen()).isBetween(0L, 5L));
        a.release();
        assertThat(b.holders()).extracting(LaneLeases.Holder::id).containsExactly("replica-b");
    }

    @Test
    void onSqliteOneProcessOwnsTheOutboxAndNothingIsLeased(@TempDir Path dir) {
        Database sqlite = Database.open("jdbc:sqlite:" + dir.resolve("one.db"));
        OutboxStore store = new OutboxStore(sqlite.jdbi(), Transactions.direct(sqlite.jdbi()), new Replica("x", T0));
        assertThat(store.leased()).isFalse();
        assertThat(store.holders()).isEmpty();
        sqlite.close();
    }

    /**
     * On PostgreSQL ids are taken when items are inserted, not when they commit: a send covers the items committed
     * when it starts, and one with a lower id committed after that is still owed.
     */
    @Test
    void aCoalescingSendCoversTheItemsCommittedWhenItStartsNotALaterCommitWithALowerId() {
        Owed home = new Owed("home_publish", "home:U0REP00001", "U0REP00001", null);
        writes.useTransaction(handle -> OutboxStore.add(handle, home, T0));
        OutboxItem head = a.claimDue(T0, 10).get(0);
        try (Handle slow = database.jdbi().open()) {
            slow.begin();
            long late = OutboxStore.addAllReturningIds(slow, List.of(home), T0).get(0);
            long committed = writes.inTransaction(handle -> OutboxStore.addAllReturningIds(handle, List.of(home), T0)
                    .get(0));
            assertThat(committed).isGreaterThan(late);

            List<Long> covered = a.coveredBy(head);
            slow.commit();
            a.done(head, T0, handle -> { }, covered);

            assertThat(covered).containsExactly(committed);
            List<Long> pending = database.jdbi().withHandle(h -> h.createQuery(
                    "SELECT id FROM outbox WHERE state = 'pending'").mapTo(Long.class).list());
            assertThat(pending).as("the change committed after the send started is still owed").containsExactly(late);
            List<String> kept = database.jdbi().withHandle(h -> h.createQuery(
                    "SELECT id || ' ' || state FROM outbox ORDER BY id").mapTo(String.class).list());
            assertThat(kept).as("the covered item is deleted, the one sent kept as its record")
                    .containsExactly(head.id() + " done", late + " pending");
        }
    }

    @Test
    void aReplicaVacuumsTheOutboxOnceItHasFinishedEnoughItems() {
        writes.useTransaction(handle -> {
            for (int i = 0; i <= OutboxStore.VACUUM_AFTER; i++) {
                OutboxStore.add(handle, new Owed("app_home", "home:U0REP00001", "U0REP00001", null), T0);
            }
        });
        long last = database.jdbi().withHandle(h -> h.createQuery("SELECT max(id) FROM outbox").mapTo(Long.class).one());
        List<OutboxItem> heads = a.claimDue(T0, 10);
        assertThat(heads).hasSize(1);
        assertThat(a.vacuumIfDue()).as("nothing finished yet").isFalse();

        // The head sent, and every later item but the last covered by it: VACUUM_AFTER items finished.
        List<Long> covered = database.jdbi().withHandle(h -> h.createQuery(
                        "SELECT id FROM outbox WHERE id > :head AND id < :last ORDER BY id")
                .bind("head", heads.get(0).id()).bind("last", last).mapTo(Long.class).list());
        a.done(heads.get(0), T0, handle -> { }, covered);
        long before = vacuums();
        assertThat(b.vacuumIfDue()).as("b finished nothing").isFalse();
        assertThat(a.vacuumIfDue()).isTrue();

        assertThat(vacuums()).isEqualTo(before + 1);
        assertThat(a.vacuumIfDue()).as("counted afresh after a vacuum").isFalse();
        assertThat(a.claimDue(T0, 10)).extracting(OutboxItem::id).containsExactly(last);
    }

    @Test
    void theServersGenericPlanFindsTheLanesAndTheirHeadsInThePendingIndex() throws Exception {
        // As the benchmark left the outbox: many items sent, two lanes with a backlog, the newest lane's items last.
        writes.useTransaction(handle -> {
            handle.execute("""
                    INSERT INTO outbox (kind, lane, subject, detail, state, next_attempt_at, created_at)
                    SELECT 'post_handoff', 'post:#sales-leads', g::text, NULL,
                        CASE WHEN g < 20000 THEN 'done' ELSE 'pending' END, 0, 0
                    FROM generate_series(1, 40000) g""");
            handle.execute("""
                    INSERT INTO outbox (kind, lane, subject, detail, state, next_attempt_at, created_at)
                    SELECT 'app_home', 'home:U0REP00001', 'U0REP00001', NULL,
                        CASE WHEN g < 20000 THEN 'done' ELSE 'pending' END, 0, 0
                    FROM generate_series(1, 40000) g""");
        });
        database.jdbi().useHandle(handle -> handle.execute("ANALYZE outbox"));
        String claim = LaneLeases.CLAIM.replace(":now", "$1").replace(":me", "$2").replace(":limit", "$3")
                .replace(":leaseMs", "$4");

        // The simple query protocol: a generic plan is explained with its parameters unbound.
        List<String> lines = new java.util.ArrayList<>();
        try (java.sql.Connection simple = java.sql.DriverManager.getConnection(url + "&preferQueryMode=simple");
                java.sql.Statement statement = simple.createStatement();
                java.sql.ResultSet rows = statement.executeQuery("EXPLAIN (GENERIC_PLAN) " + claim)) {
            while (rows.next()) {
                lines.add(rows.getString(1));
            }
        }
        String plan = String.join("\n", lines);

        assertThat(plan).as(plan).containsPattern(
                "Index (Only )?Scan using outbox_pending on outbox( \\w+)? .*\\n\\s+Index Cond: \\(\\(state = 'pending'::text\\)"
                        + " AND \\(lane > lanes(_\\d+)?\\.lane\\)\\)");
        assertThat(plan).as(plan).doesNotContain("outbox_pkey").doesNotContain("Seq Scan on outbox ");
    }

    private long vacuums() {
        return database.jdbi().withHandle(h -> h.createQuery(
                "SELECT vacuum_count FROM pg_stat_user_tables WHERE relname = 'outbox'").mapTo(Long.class).one());
    }
}
