package dev.handshake.testing;

import java.nio.file.Path;
import java.util.Map;

/**
 * The two databases the app runs on, for tests that run on both ({@code @ParameterizedClass} with
 * {@code @EnumSource(TestDatabase.class)}): each {@link #create} makes a new empty database for one app, a SQLite file
 * in the test's folder or a database of its own on the JVM's shared {@link PostgresServer}.
 */
public enum TestDatabase {

    SQLITE {
        @Override
        public Created create(Path dir) {
            return new Created("jdbc:sqlite:" + dir.resolve("handshake.db"), () -> { });
        }
    },

    POSTGRESQL {
        @Override
        public Created create(Path dir) {
            PostgresServer server = PostgresServer.shared();
            String url = server.newDatabase();
            return new Created(url, () -> server.drop(url));
        }
    };

    /** A database made for one app: its JDBC URL (credentials in it), and how to drop it afterwards. */
    public record Created(String url, Runnable drop) {

        /** The settings that point the app at it. */
        public Map<String, String> env() {
            return Map.of("DATABASE_URL", url);
        }
    }

    /** A new database for one app; {@code dir} is the test's own folder (where a SQLite file goes). */
    public abstract Created create(Path dir);
}
