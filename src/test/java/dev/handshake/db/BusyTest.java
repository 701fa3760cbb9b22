package dev.handshake.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/** {@link Busy} against errors a real SQLite file produces. */
class BusyTest {

    @TempDir
    Path dir;

    private String url;

    @BeforeEach
    void migrate() {
        url = "jdbc:sqlite:" + dir.resolve("busy.db");
        Database.open(url);
    }

    /** A second writer that gives up after 100 ms instead of the app's five seconds. */
    private Jdbi impatientWriter() {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(100);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl(url);
        return Jdbi.create(dataSource);
    }

    private static final String INSERT = """
            INSERT INTO handoffs (external_id, body_sha256, stage, lead_name, received_at, due_at, agreement_version)
            VALUES ('busy-1', 'sha', 'mql', 'Dana', 1, 2, 'v1')""";

    @Test
    void aWriteBlockedByAnotherWritersLockIsBusy() throws SQLException {
        Throwable error;
        try (Connection holder = DriverManager.getConnection(url); Statement statement = holder.createStatement()) {
            statement.execute("PRAGMA busy_timeout = 0");
            statement.execute("BEGIN IMMEDIATE");

            error = catchThrowable(() -> impatientWriter().useHandle(h -> h.execute(INSERT)));

            statement.execute("ROLLBACK");
        }

        assertThat(error).isNotNull();
        assertThat(Busy.isBusy(error)).as("%s", error).isTrue();
        assertThat(Busy.isBusy(new IllegalStateException("wrapped", new RuntimeException(error)))).isTrue();
    }

    @Test
    void theSameWriteWithoutTheLockSucceeds() {
        impatientWriter().useHandle(h -> h.execute(INSERT));

        int count = impatientWriter().withHandle(h -> h.createQuery("SELECT count(*) FROM handoffs")
                .mapTo(Integer.class).one());
        assertThat(count).isEqualTo(1);
    }

    @Test
    void otherDatabaseErrorsAreNotBusy() {
        Jdbi jdbi = impatientWriter();
        jdbi.useHandle(h -> h.execute(INSERT));

        Throwable duplicate = catchThrowable(() -> jdbi.useHandle(h -> h.execute(INSERT)));
        Throwable syntax = catchThrowable(() -> jdbi.useHandle(h -> h.execute("INSERT INTO nowhere VALUES (1)")));
        Throwable notNull = catchThrowable(() -> jdbi.useHandle(h -> h.execute(
                "INSERT INTO handoffs (external_id) VALUES ('x')")));

        assertThat(duplicate).isNotNull();
        assertThat(syntax).isNotNull();
        assertThat(notNull).isNotNull();
        assertThat(Busy.isBusy(duplicate)).isFalse();
        assertThat(Busy.isBusy(syntax)).isFalse();
        assertThat(Busy.isBusy(notNull)).isFalse();
    }

    @Test
    void nonDatabaseErrorsAndNothingAreNotBusy() {
        assertThat(Busy.isBusy(null)).isFalse();
        assertThat(Busy.isBusy(new RuntimeException("database is locked"))).isFalse();
        assertThat(Busy.isBusy(new SQLException("database is locked", "HY000", 5))).isFalse();
    }

    @Test
    void aCauseChainThatLoopsEndsTheSearch() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);

        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> assertThat(Busy.isBusy(a)).isFalse());
    }
}
