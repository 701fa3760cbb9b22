package dev.handshake.http;

import dev.handshake.db.Database;
import dev.handshake.db.DatabaseStatus;
import dev.handshake.slack.SlackStatus;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /health}: the database's and Slack's status; 503 when the app cannot do its work, because the database
 * cannot be used or Slack refuses the token.
 */
public final class HealthServlet extends HttpServlet {

    private static final Logger log = LoggerFactory.getLogger(HealthServlet.class);

    private final transient Database database;
    private final transient SlackStatus slack;

    public HealthServlet(Database database, SlackStatus slack) {
        this.database = Objects.requireNonNull(database, "database == null");
        this.slack = Objects.requireNonNull(slack, "slack == null");
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        Map<String, Object> db = new LinkedHashMap<>();
        boolean databaseOk;
        try {
            DatabaseStatus status = database.check();
            db.put("status", "ok");
            db.put("journal_mode", status.journalMode());
            db.put("synchronous", status.synchronous());
            databaseOk = true;
        } catch (RuntimeException e) {
            log.warn("Health check: the database is unusable: {}", e.getMessage());
            db.put("status", "unavailable");
            databaseOk = false;
        }
        SlackStatus.Snapshot snapshot = slack.snapshot();
        Map<String, Object> slackBody = new LinkedHashMap<>();
        slackBody.put("status", snapshot.status());
        if (!snapshot.problems().isEmpty()) {
            slackBody.put("problems", snapshot.problems().values().stream()
                    .map(p -> Map.of("where", p.where(), "error", p.error(), "fix", p.fix(), "since", p.since().toString()))
                    .toList());
        }
        String overall = !databaseOk ? "unhealthy" : snapshot.status();
        body.put("status", overall);
        body.put("database", db);
        body.put("slack", slackBody);
        Json.write(response, "unhealthy".equals(overall) ? 503 : 200, body);
    }
}
