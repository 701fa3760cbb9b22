package dev.handshake.http;

import dev.handshake.db.Database;
import dev.handshake.db.DatabaseStatus;
import dev.handshake.slack.SlackStatus;
import dev.handshake.slack.SocketModeLink;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /health}: the database's and Slack's status (over Socket Mode, with the connections' state); 503 when
 * the app cannot do its work, because the database cannot be used, Slack refuses a token, or Socket Mode is off.
 */
public final class HealthServlet extends HttpServlet {

    private static final Logger log = LoggerFactory.getLogger(HealthServlet.class);

    private final transient Database database;
    private final transient SlackStatus slack;
    private final transient SocketModeLink socketMode;

    public HealthServlet(Database database, SlackStatus slack) {
        this(database, slack, null);
    }

    /** {@code socketMode} is null when Slack's requests come over HTTP. */
    public HealthServlet(Database database, SlackStatus slack, SocketModeLink socketMode) {
        this.database = Objects.requireNonNull(database, "database == null");
        this.slack = Objects.requireNonNull(slack, "slack == null");
        this.socketMode = socketMode;
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
        List<SlackStatus.Problem> problems = new ArrayList<>(snapshot.problems().values());
        String slackStatus = snapshot.status();
        SocketModeLink.Snapshot link = socketMode == null ? null : socketMode.snapshot();
        if (link != null && link.problem() != null) {
            problems.add(link.problem());
            slackStatus = "ok".equals(slackStatus) ? "degraded" : slackStatus;
        }
        Map<String, Object> slackBody = new LinkedHashMap<>();
        slackBody.put("status", slackStatus);
        if (!problems.isEmpty()) {
            slackBody.put("problems", problems.stream()
                    .map(p -> Map.of("where", p.where(), "error", p.error(), "fix", p.fix(), "since", p.since().toString()))
                    .toList());
        }
        if (link != null) {
            slackBody.put("socket_mode", socketMode(link));
        }
        String overall = !databaseOk ? "unhealthy" : slackStatus;
        body.put("status", overall);
        body.put("database", db);
        body.put("slack", slackBody);
        Json.write(response, "unhealthy".equals(overall) ? 503 : 200, body);
    }

    private static Map<String, Object> socketMode(SocketModeLink.Snapshot link) {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("state", link.state());
        shown.put("since", link.since().toString());
        shown.put("connections", link.connections());
        shown.put("wanted", link.wanted());
        if (link.slackCount() != null) {
            // Slack's count covers every process of the app, so it shows another one holding connections too.
            shown.put("slack_counts", link.slackCount());
        }
        if (link.lastDisconnectReason() != null) {
            shown.put("last_disconnect", Map.of("reason", link.lastDisconnectReason(),
                    "at", link.lastDisconnectAt().toString()));
        }
        return shown;
    }
}
