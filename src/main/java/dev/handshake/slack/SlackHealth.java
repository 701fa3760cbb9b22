package dev.handshake.slack;

import dev.handshake.http.HealthCheck;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Slack's part of the health page, from {@link SlackStatus}: the token, channels the app cannot post to, and over
 * Socket Mode the state of the app's connections.
 */
public final class SlackHealth implements HealthCheck {

    private final SlackStatus status;
    private final SocketModeLink socketMode;

    public SlackHealth(SlackStatus status) {
        this(status, null);
    }

    /** {@code socketMode} is null when Slack's requests come over HTTP. */
    public SlackHealth(SlackStatus status, SocketModeLink socketMode) {
        this.status = Objects.requireNonNull(status, "status == null");
        this.socketMode = socketMode;
    }

    @Override
    public String name() {
        return "slack";
    }

    @Override
    public Result check() {
        SlackStatus.Snapshot snapshot = status.snapshot();
        List<SlackStatus.Problem> problems = new ArrayList<>(snapshot.problems().values());
        String overall = snapshot.status();
        SocketModeLink.Snapshot link = socketMode == null ? null : socketMode.snapshot();
        if (link != null && link.problem() != null) {
            problems.add(link.problem());
            overall = "ok".equals(overall) ? "degraded" : overall;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        if (!problems.isEmpty()) {
            details.put("problems", problems.stream()
                    .map(p -> Map.of("where", p.where(), "error", p.error(), "fix", p.fix(),
                            "since", p.since().toString()))
                    .toList());
        }
        if (link != null) {
            details.put("socket_mode", connections(link));
        }
        return new Result(overall, details);
    }

    private static Map<String, Object> connections(SocketModeLink.Snapshot link) {
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
