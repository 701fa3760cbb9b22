package dev.handshake.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.handshake.testing.PostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link PostgresTransactions} on the tests' real PostgreSQL server: a transaction under a {@link LockWait} limit waits
 * for another connection's row lock at most what is left of the limit, one without a limit the full busy timeout,
 * and a connection keeps the timeout it was last given, so consecutive requests with the same limit cost no extra
 * round trip while a transaction without a limit still gets the busy timeout back on the same connection; and a
 * connection that breaks during the commit gives an unknown outcome, before it a busy database with nothing stored.
 */
class PostgresTransactionsTest {

    private static final Duration LIMIT = Duration.ofMillis(800);

    private final PostgresServer server = PostgresServer.shared();
    private String url;
    private Database database;
    private PostgresTransactions writes;

    @BeforeEach
    void open() {
        url = server.newDatabase();
        database = Database.open(url);
        writes = (PostgresTransactions) database.startWriter();
        writes.useTransaction(h -> h.execute("""
                INSERT INTO handoffs (external_id, body_sha256, stage, lead_name, received_at, due_at,
                    agreement_version)
                VALUES ('locked', 'sha', 'mql', 'Dana', 1, 2, 'v1')"""));
    }

    @AfterEach
    void close() {
        database.close();
        server.drop(url);
    }

    @Test
    void theWaitIsRoundedDownToAStepAndNeverLongerThanWhatIsLeft() {
        assertThat(PostgresTransactions.lockTimeoutFor(Long.MAX_VALUE)).isEqualTo(Database.BUSY_TIMEOUT_MILLIS);
        assertThat(PostgresTransactions.lockTimeoutFor(Database.BUSY_TIMEOUT_MILLIS - 50))
                .isEqualTo(Database.BUSY_TIMEOUT_MILLIS);
        assertThat(PostgresTransactions.lockTimeoutFor(1499)).isEqualTo(1250);
        assertThat(PostgresTransactions.lockTimeoutFor(1500)).isEqualTo(1500);
        assertThat(PostgresTransactions.lockTimeoutFor(260)).isEqualTo(250);
        assertThat(PostgresTransactions.lockTimeoutFor(249)).isEqualTo(249);
        assertThat(PostgresTransactions.lockTimeoutFor(1)).isEqualTo(1);
        for (long remaining = 1; remaining < Database.BUSY_TIMEOUT_MILLIS - 100; remaining += 7) {
            long timeout = PostgresTransactions.lockTimeoutFor(remaining);
            assertThat(timeout).as("for %d ms left", remaining).isPositive().isLessThanOrEqualTo(remaining)
                    .isGreaterThan(remaining - PostgresTransactions.LOCK_TIMEOUT_STEP_MILLIS);
        }
    }

    @Test
    void underALimitAWriteGivesUpOnARowLockWithinTheLimitAndStoresNothing() throws Exception {
        try (Connection holder = lockTheRow()) {
            long started = System.nanoTime();
            Throwable error = catchThrowable(() -> database.lockWait().atMost(LIMIT,
                    () -> writes.inTransaction(h -> h.execute(
                            "UPDATE handoffs SET lead_name = 'changed' WHERE external_id = 'locked'"))));
            long waitedMs = Duration.ofNanos(System.nanoTime() - started).toMillis();

            assertThat(Busy.isBusy(error)).as("%s", error).isTrue();
            assertThat(waitedMs).as("waited %d ms", waitedMs).isLessThanOrEqualTo(LIMIT.toMillis() + 200);
        }
        assertThat(leadName()).isEqualTo("Dana");
    }

    @Test
    void withoutALimitAWriteWaitsForTheRowLockPastWhatALimitedOneWould() throws Exception {
        Connection holder = lockTheRow();
        Thread releaser = new Thread(() -> {
            try (holder; Statement statement = holder.createStatement()) {
                Thread.sleep(LIMIT.multipliedBy(2).toMillis());
                statement.execute("ROLLBACK");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        // One limited transaction first, on this thread's connection: the next one must get the busy timeout back.
        database.lockWait().atMost(LIMIT, () -> writes.inTransaction(h -> h.execute("SELECT 1")));
        releaser.start();

        writes.useTransaction(h -> h.execute("UPDATE handoffs SET lead_name = 'waited' WHERE external_id = 'locked'"));

        releaser.join();
        assertThat(leadName()).isEqualTo("waited");
    }

    @Test
    void aConnectionKeepsItsTimeoutBetweenTransactionsWithTheSameLimitAndGetsTheBusyTimeoutBack() {
        AtomicInteger sets = new AtomicInteger();
        database.jdbi().setSqlLogger(new SqlLogger() {
            @Override
            public void logAfterExecution(StatementContext context) {
                if (context.getRawSql().startsWith("SET lock_timeout")) {
                    sets.incrementAndGet();
                }
            }
        });
        long[] seen = new long[4];
        database.lockWait().atMost(Duration.ofMillis(1500), () -> {
            seen[0] = writes.inTransaction(PostgresTransactionsTest::lockTimeout);
            seen[1] = writes.inTransaction(PostgresTransactionsTest::lockTimeout);
            return null;
        });
        seen[2] = writes.inTransaction(PostgresTransactionsTest::lockTimeout);
        // A transaction that set the timeout and was rolled back leaves it unknown; the next one sets it again.
        catchThrowable(() -> database.lockWait().atMost(LIMIT, () -> writes.inTransaction(h -> {
            h.execute("SELECT 1");
            throw new IllegalStateException("rolled back");
        })));
        seen[3] = writes.inTransaction(PostgresTransactionsTest::lockTimeout);

        assertThat(seen[0]).isEqualTo(1250);
        assertThat(seen[1]).isEqualTo(1250);
        assertThat(seen[2]).isEqualTo(Database.BUSY_TIMEOUT_MILLIS);
        assertThat(seen[3]).isEqualTo(Database.BUSY_TIMEOUT_MILLIS);
        // 1250 once for both limited transactions, the busy timeout back, 750 (rolled back), the busy timeout again.
        assertThat(sets).hasValue(4);
    }

    @Test
    void aTransactionThatWaitedForAConnectionWaitsForLocksOnlyWhatIsLeftOfItsLimit() throws Exception {
        Handle[] pool = new Handle[DatabaseAccess.DEFAULT_POOL_SIZE];
        CompletableFuture<Long> seen;
        try {
            for (int i = 0; i < pool.length; i++) {
                pool[i] = database.jdbi().open();
            }
            seen = CompletableFuture.supplyAsync(() -> database.lockWait().atMost(LIMIT,
                    () -> writes.inTransaction(PostgresTransactionsTest::lockTimeout)));
            Thread.sleep(LIMIT.toMillis() / 2);
            assertThat(seen).as("waits while every connection is in use").isNotDone();
        } finally {
            for (Handle handle : pool) {
                if (handle != null) {
                    handle.close();
                }
            }
        }
        // Half of the 800 ms went on the wait for a connection: at most the other half is left for locks (250 ms
        // once rounded down), not the 750 ms the whole limit would have given.
        assertThat(seen.get(5, TimeUnit.SECONDS)).isBetween(1L, LIMIT.toMillis() / 2);
    }

    @Test
    void aConnectionLostWhileTheCommitIsUnderWayIsAnUnknownOutcomeNotABusyDatabase() {
        Throwable error = catchThrowable(() -> writes.inTransaction(h -> {
            h.execute("UPDATE handoffs SET lead_name = 'changed' WHERE external_id = 'locked'");
            terminate(h);
            return null;
        }));

        assertThat(error).isInstanceOf(OutcomeUnknownException.class).hasMessageContaining("may be committed");
        assertThat(Busy.isBusy(error)).as("an unknown outcome must not be answered as 'nothing stored'").isFalse();
        // Here the server ended the session before the commit reached it; the app cannot tell, so it says so.
        assertThat(leadName()).isEqualTo("Dana");
        int retried = writes.inTransaction(h -> h.execute(
                "UPDATE handoffs SET lead_name = 'retried' WHERE external_id = 'locked'"));
        assertThat(retried).as("rows a retry changed, on a working connection from the pool").isEqualTo(1);
    }

    @Test
    void aConnectionLostBeforeTheCommitIsABusyDatabaseWithNothingStored() {
        Throwable error = catchThrowable(() -> writes.inTransaction(h -> {
            h.execute("UPDATE handoffs SET lead_name = 'changed' WHERE external_id = 'locked'");
            terminate(h);
            return h.execute("UPDATE handoffs SET lead_title = 'changed' WHERE external_id = 'locked'");
        }));

        assertThat(error).isNotInstanceOf(OutcomeUnknownException.class);
        assertThat(Busy.isBusy(error)).as("%s", error).isTrue();
        assertThat(leadName()).isEqualTo("Dana");
    }

    @Test
    void aPooledConnectionNotHandedOutInTimeIsBusyAndNotRunAgain() {
        // HikariCP's "Connection is not available" has no SQLSTATE; it once failed the retry check itself (a 500).
        var notAvailable = new org.jdbi.v3.core.ConnectionException(new java.sql.SQLTransientConnectionException(
                "handshake-db - Connection is not available, request timed out after 1000ms"));

        assertThat(PostgresTransactions.retriable(notAvailable)).isFalse();
        assertThat(Busy.isBusy(notAvailable)).isTrue();
        assertThat(PostgresTransactions.retriable(new java.sql.SQLException("deadlock detected", "40P01"))).isTrue();
    }

    /** Ends the handle's session on the server from another connection, as a server restart or a failover would. */
    private void terminate(Handle handle) {
        int pid = handle.createQuery("SELECT pg_backend_pid()").mapTo(Integer.class).one();
        try (Connection admin = DriverManager.getConnection(url); Statement statement = admin.createStatement()) {
            statement.execute("SELECT pg_terminate_backend(" + pid + ", 5000)");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The server's lock_timeout in this transaction, in milliseconds. */
    private static long lockTimeout(Handle handle) {
        return handle.createQuery("SELECT setting::bigint FROM pg_settings WHERE name = 'lock_timeout'")
                .mapTo(Long.class).one();
    }

    /** Another connection's transaction holding the row's lock, as a replica's write in flight would. */
    private Connection lockTheRow() throws Exception {
        Connection holder = DriverManager.getConnection(url);
        try (Statement statement = holder.createStatement()) {
            statement.execute("BEGIN");
            statement.execute("SELECT 1 FROM handoffs WHERE external_id = 'locked' FOR UPDATE");
        }
        return holder;
    }

    private String leadName() {
        return database.jdbi().withHandle(h -> h.createQuery(
                "SELECT lead_name FROM handoffs WHERE external_id = 'locked'").mapTo(String.class).one());
    }
}
