package dev.handshake.http;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /health}: each check's status and details, and the worst of them overall; 503 when the app cannot do
 * its work (a check is unhealthy or unavailable: the database cannot be used, Slack refuses the token).
 */
public final class HealthServlet extends HttpServlet {

    private final transient List<HealthCheck> checks;

    public HealthServlet(List<HealthCheck> checks) {
        this.checks = List.copyOf(checks);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Map<String, Object> parts = new LinkedHashMap<>();
        String overall = "ok";
        for (HealthCheck check : checks) {
            HealthCheck.Result result = check.check();
            Map<String, Object> part = new LinkedHashMap<>();
            part.put("status", result.status());
            part.putAll(result.details());
            parts.put(check.name(), part);
            overall = worse(overall, result.status());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", overall);
        body.putAll(parts);
        Json.write(response, "unhealthy".equals(overall) ? 503 : 200, body);
    }

    private static String worse(String a, String b) {
        return rank(b) > rank(a) ? normal(b) : a;
    }

    private static String normal(String status) {
        return "unavailable".equals(status) ? "unhealthy" : status;
    }

    private static int rank(String status) {
        return switch (status) {
            case "ok" -> 0;
            case "degraded" -> 1;
            default -> 2;
        };
    }
}
