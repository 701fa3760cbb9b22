package dev.handshake.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CachedStatementsTest {

    @TempDir
    Path dir;
    private Path file;
    private Jdbi jdbi;
    private CachedStatements cache;

    @BeforeEach
    void open() {
        file = dir.resolve("cache.db");
        jdbi = Database.open("jdbc:sqlite:" + file).jdbi();
        cache = (CachedStatements) jdbi.getStatementBuilderFactory();
        jdbi.useHandle(h -> h.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL)"));
    }

    @AfterEach
    void noWalLeftBehind() throws Exception {
        // Nothing cached may keep a read snapshot: a truncating checkpoint from another connection must complete.
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = other.createStatement();
                ResultSet rs = statement.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
            rs.next();
            assertThat(rs.getInt(1)).as("checkpoint blocked").isZero();
        }
        assertThat(Files.size(dir.resolve("cache.db-wal"))).isZero();
    }

    @Test
    void theSameSqlIsPreparedOncePerConnectionAndBindsAfresh() {
        jdbi.useHandle(h -> {
            int before = cache.cachedFor(h.getConnection());
            for (int i = 1; i <= 5; i++) {
                h.createUpdate("INSERT INTO t (id, name) VALUES (:id, :name)").bind("id", i).bind("name", "n" + i)
                        .execute();
            }
            List<String> names = new ArrayList<>();
            for (int i = 5; i >= 1; i--) {
                names.add(h.createQuery("SELECT name FROM t WHERE id = :id").bind("id", i).mapTo(String.class).one());
            }
            assertThat(names).containsExactly("n5", "n4", "n3", "n2", "n1");
            assertThat(cache.cachedFor(h.getConnection())).isEqualTo(before + 2);
        });
    }

    @Test
    void aQueryRunInsideTheIterationOfTheSameQueryGetsItsOwnStatement() {
        jdbi.useHandle(h -> {
            h.execute("INSERT INTO t (id, name) VALUES (1, 'a'), (2, 'b'), (3, 'c')");
            List<String> pairs = new ArrayList<>();
            h.createQuery("SELECT id, name FROM t WHERE id >= :from ORDER BY id").bind("from", 1)
                    .map((rs, ctx) -> rs.getInt("id")).forEach(id -> pairs.add(id + ":" + String.join(",",
                            h.createQuery("SELECT id, name FROM t WHERE id >= :from ORDER BY id").bind("from", id)
                                    .map((rs, ctx) -> rs.getString("name")).list())));
            assertThat(pairs).containsExactly("1:a,b,c", "2:b,c", "3:c");
        });
    }

    @Test
    void aCachedStatementSeesWhatOthersCommittedSinceItsLastUse() {
        jdbi.useHandle(h -> h.execute("INSERT INTO t (id, name) VALUES (1, 'before')"));
        Handle reader = jdbi.open();
        try {
            assertThat(reader.createQuery("SELECT name FROM t WHERE id = :id").bind("id", 1).mapTo(String.class).one())
                    .isEqualTo("before");
            jdbi.useHandle(h -> h.execute("UPDATE t SET name = 'after' WHERE id = 1"));
            assertThat(reader.createQuery("SELECT name FROM t WHERE id = :id").bind("id", 1).mapTo(String.class).one())
                    .isEqualTo("after");
        } finally {
            reader.close();
        }
    }

    @Test
    void aBatchReusedStoresEachRowOnce() {
        jdbi.useHandle(h -> {
            for (int round = 0; round < 3; round++) {
                PreparedBatch batch = h.prepareBatch("INSERT INTO t (id, name) VALUES (:id, :name)");
                for (int i = 0; i < 4; i++) {
                    batch.bind("id", round * 10 + i).bind("name", "r" + round).add();
                }
                batch.execute();
            }
            assertThat(h.createQuery("SELECT count(*) FROM t").mapTo(Integer.class).one()).isEqualTo(12);
            assertThat(h.createQuery("SELECT count(*) FROM t WHERE name = 'r2'").mapTo(Integer.class).one())
                    .isEqualTo(4);
        });
    }

    @Test
    void atMostAFixedNumberOfStatementsAreKeptPerConnection() {
        jdbi.useHandle(h -> {
            for (int i = 0; i < CachedStatements.PER_CONNECTION * 2; i++) {
                h.createQuery("SELECT " + i + " FROM t").mapTo(Integer.class).findOne();
            }
            assertThat(cache.cachedFor(h.getConnection())).isEqualTo(CachedStatements.PER_CONNECTION);
        });
    }
}
