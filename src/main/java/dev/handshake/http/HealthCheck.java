package dev.handshake.http;

import java.util.Map;

/** One part of {@code GET /health}: its name, and what it reports now. Implementations are thread-safe. */
public interface HealthCheck {

    /** What a check found: {@code ok}, {@code degraded} (works, with problems) or {@code unhealthy}, and details. */
    record Result(String status, Map<String, Object> details) {}

    /** The key of this check in the health page, e.g. {@code database}. */
    String name();

    Result check();
}
