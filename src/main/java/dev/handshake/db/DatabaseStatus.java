package dev.handshake.db;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a database check read back: which database it is, and the settings in force that decide whether a commit is
 * durable (SQLite: {@code journal_mode}, {@code synchronous}; PostgreSQL: {@code server_version},
 * {@code synchronous_commit}, {@code fsync}).
 */
public record DatabaseStatus(Dialect dialect, Map<String, String> settings) {

    public DatabaseStatus {
        Objects.requireNonNull(dialect, "dialect == null");
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }
}
