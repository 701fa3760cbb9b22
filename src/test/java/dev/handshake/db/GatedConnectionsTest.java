package dev.handshake.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.handshake.testing.PostgresServer;
import java.net.ServerSocket;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The PostgreSQL pool's connections taken in turn ({@link GatedConnections}), on the tests' real server through the
 * app's own {@link Database}: a request past the pool's size waits asleep for a connection given back and gets it;
 * one that finds none free within the wait (or within what is left of its thread's {@link LockWait} limit, as a Slack
 * request's) is told the database is busy, and neither that nor a connection the server refused keeps a turn, so the
 * pool's full size stays usable.
 */
class GatedConnectionsTest {

    private static final int POOL = 2;

    private final PostgresServer server = PostgresServer.shared();
    private String url;
    private Database database;
    private Jdbi jdbi;

    @BeforeEach
    void open() {
        url = server.newDatabase();
        database = Database.open(new DatabaseAccess(url, null, null, POOL));
        jdbi = database.jdbi();
    }

    @AfterEach
    void close() {
        database.close();
        server.drop(url);
    }

    @Test
    void aRequestPastThePoolSizeWaitsAsleepAndGetsTheConnectionGivenBack() throws Exception {
        Handle first = jdbi.open();
        Handle second = jdbi.open();
        try {
            CompletableFuture<Integer> third = CompletableFuture.supplyAsync(
                    () -> jdbi.withHandle(h -> h.createQuery("SELECT 3").mapTo(Integer.class).one()));
            Thread.sleep(200);
            assertThat(third).as("waits while both connections are in use").isNotDone();

            first.close();

            assertThat(third.get(2, TimeUnit.SECONDS)).isEqualTo(3);
        } finally {
            second.close();
        }
        assertWholePoolUsable();
    }

    @Test
    void noConnectionFreeWithinTheWaitIsABusyDatabaseAndKeepsNoTurn() {
        long started = System.nanoTime();
        Throwable error = whileThePoolIsTaken(() -> jdbi.useHandle(h -> h.execute("SELECT 1")));
        long waitedMs = Duration.ofNanos(System.nanoTime() - started).toMillis();

        assertThat(Busy.isBusy(error)).as("%s", error).isTrue();
        assertThat(waitedMs).isBetween(Database.POOL_WAIT_MILLIS - 50L, Database.POOL_WAIT_MILLIS + 1_000L);
        assertWholePoolUsable();
    }

    @Test
    void underALockWaitLimitARequestWaitsForAConnectionOnlyWhatIsLeftOfIt() {
        long started = System.nanoTime();
        Throwable error = whileThePoolIsTaken(() -> database.lockWait().atMost(Duration.ofMillis(300),
                () -> jdbi.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one())));
        long waitedMs = Duration.ofNanos(System.nanoTime() - started).toMillis();

        assertThat(Busy.isBusy(error)).as("%s", error).isTrue();
        assertThat(waitedMs).isBetween(250L, Database.POOL_WAIT_MILLIS - 200L);
        assertWholePoolUsable();
    }

    @Test
    void aConnectionTheServerRefusesGivesItsTurnBack() throws Exception {
        PGSimpleDataSource nowhere = new PGSimpleDataSource();
        try (ServerSocket closed = new ServerSocket(0)) {
            nowhere.setPortNumbers(new int[] {closed.getLocalPort()});
        }
        nowhere.setServerNames(new String[] {"127.0.0.1"});
        nowhere.setConnectTimeout(2);
        GatedConnections gate = new GatedConnections(nowhere, 1, 200, new LockWait());

        for (int attempt = 0; attempt < 3; attempt++) {
            Throwable error = catchThrowable(gate::openConnection);
            // The server's refusal each time, never the gate's "none free": the failed attempt gave its turn back.
            assertThat(error).isInstanceOf(SQLException.class).hasMessageNotContaining("no database connection free");
        }
    }

    /** What {@code request} threw while both of the pool's connections were held elsewhere. */
    private Throwable whileThePoolIsTaken(ThrowableAssert.ThrowingCallable request) {
        try (Handle first = jdbi.open(); Handle second = jdbi.open()) {
            return catchThrowable(request);
        }
    }

    private void assertWholePoolUsable() {
        Handle[] handles = new Handle[POOL];
        try {
            for (int i = 0; i < POOL; i++) {
                handles[i] = jdbi.open();
                assertThat(handles[i].createQuery("SELECT 1").mapTo(Integer.class).one()).isEqualTo(1);
            }
        } finally {
            for (Handle handle : handles) {
                if (handle != null) {
                    handle.close();
                }
            }
        }
    }
}
