package dev.handshake.slack;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the app knows about its connection to Slack, from the outcome of its real Web API calls: healthy, degraded
 * (some channel cannot be posted to) or unhealthy (the token does not work). Thread-safe.
 */
public final class SlackStatus {

    /** One problem to show on the health endpoint. */
    public record Problem(String where, String error, String fix, Instant since) {}

    /** A snapshot for the health endpoint. */
    public record Snapshot(String status, Map<String, Problem> problems) {}

    private final Clock clock;
    private Problem authProblem;
    private final Map<String, Problem> channelProblems = new LinkedHashMap<>();

    public SlackStatus(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock == null");
    }

    public synchronized void succeeded(String channel) {
        authProblem = null;
        if (channel != null) {
            channelProblems.remove(channel);
        }
    }

    public synchronized void authFailed(String error) {
        if (authProblem == null) {
            authProblem = new Problem("token", error,
                    "Check SLACK_BOT_TOKEN: reinstall the app to the workspace and set the new bot token", clock.instant());
        }
    }

    public synchronized boolean authBroken() {
        return authProblem != null;
    }

    public synchronized void channelFailed(String channel, String error, String fix) {
        channelProblems.putIfAbsent(channel, new Problem(channel, error, fix, clock.instant()));
    }

    public synchronized Snapshot snapshot() {
        Map<String, Problem> problems = new LinkedHashMap<>();
        if (authProblem != null) {
            problems.put("token", authProblem);
        }
        problems.putAll(channelProblems);
        String status = authProblem != null ? "unhealthy" : channelProblems.isEmpty() ? "ok" : "degraded";
        return new Snapshot(status, problems);
    }
}
