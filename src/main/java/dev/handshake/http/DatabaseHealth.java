package dev.handshake.http;

import dev.handshake.db.Database;
import dev.handshake.db.DatabaseStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database part of the health page: usable, which one (SQLite or PostgreSQL) and its durability settings;
 * unhealthy when it cannot be used.
 */
public final class DatabaseHealth implements HealthCheck {

    private static final Logger log = LoggerFactory.getLogger(DatabaseHealth.class);

    private final Database database;

    public DatabaseHealth(Database database) {
        this.database = Objects.requireNonNull(database, "database == null");
    }

    @Override
    public String name() {
        return "database";
    }

    @Override
    public Result check() {
        try {
            DatabaseStatus status = database.check();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("engine", status.dialect().vendor());
            details.putAll(status.settings());
            return new Result("ok", details);
        } catch (RuntimeException e) {
            log.warn("Health check: the database is unusable: {}", e.getMessage());
            return new Result("unavailable", Map.of());
        }
    }
}
