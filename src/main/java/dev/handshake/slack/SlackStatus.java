package dev.handshake.slack;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the app knows about its connection to Slack, from the outcome of its real Web API calls: healthy, degraded
 * (some channel cannot be posted to) or unhealthy (the token does not work, or over Socket Mode Slack will not let
 * the app connect). While the token is refused it also
 * rations the calls: one probe per {@link #authProbeInterval()}, whoever makes it. Thread-safe.
 */
public final class SlackStatus {

    /** How often a refused token is tried again unless configured otherwise. */
    public static final Duration DEFAULT_AUTH_PROBE_INTERVAL = Duration.ofMinutes(1);

    /** One problem to show on the health endpoint. */
    public record Problem(String where, String error, String fix, Instant since) {}

    /** A snapshot for the health endpoint. */
    public record Snapshot(String status, Map<String, Problem> problems) {}

    private final Clock clock;
    private final Duration authProbeInterval;
    private Problem authProblem;
    private Instant lastAuthProbe = Instant.MIN;
    private final Map<String, Problem> channelProblems = new LinkedHashMap<>();
    /** Over Socket Mode: Slack refused the app-level token, or will not let the app connect. */
    private Problem linkProblem;

    public SlackStatus(Clock clock) {
        this(clock, DEFAULT_AUTH_PROBE_INTERVAL);
    }

    public SlackStatus(Clock clock, Duration authProbeInterval) {
        this.clock = Objects.requireNonNull(clock, "clock == null");
        this.authProbeInterval = Objects.requireNonNull(authProbeInterval, "authProbeInterval == null");
        if (authProbeInterval.isNegative() || authProbeInterval.isZero()) {
            throw new IllegalArgumentException("authProbeInterval must be positive: " + authProbeInterval);
        }
    }

    public synchronized void succeeded(String channel) {
        authProblem = null;
        if (channel != null) {
            channelProblems.remove(channel);
        }
    }

    /** Slack refused the token on a call just made; that call counts as the latest probe. */
    public synchronized void authFailed(String error) {
        lastAuthProbe = clock.instant();
        if (authProblem == null) {
            authProblem = new Problem("token", error,
                    "Check SLACK_BOT_TOKEN: reinstall the app to the workspace and set the new bot token", clock.instant());
        }
    }

    public synchronized boolean authBroken() {
        return authProblem != null;
    }

    /**
     * Whether a call may go to Slack now: null (go ahead) while the token works; while it is refused, null only when
     * the last probe is at least {@link #authProbeInterval()} old, and then this call is the probe, so concurrent
     * callers are held. Otherwise Slack's error for the token, the reason to hold the call.
     */
    public synchronized String reasonToHoldCall() {
        if (authProblem == null) {
            return null;
        }
        Instant now = clock.instant();
        if (now.isBefore(lastAuthProbe.plus(authProbeInterval))) {
            return authProblem.error();
        }
        lastAuthProbe = now;
        return null;
    }

    /** When the next probe of a refused token may go out (in the past when one may go now). */
    public synchronized Instant nextAuthProbe() {
        return lastAuthProbe.equals(Instant.MIN) ? clock.instant() : lastAuthProbe.plus(authProbeInterval);
    }

    public Duration authProbeInterval() {
        return authProbeInterval;
    }

    public synchronized void channelFailed(String channel, String error, String fix) {
        channelProblems.putIfAbsent(channel, new Problem(channel, error, fix, clock.instant()));
    }

    /**
     * Over Socket Mode, Slack will not let the app connect ({@code where}: {@code app_token} when it refused the
     * app-level token, {@code socket_mode} when Socket Mode is off for the app): nothing from Slack reaches the app.
     * A problem already shown keeps its start.
     */
    public synchronized void linkRefused(String where, String error, String fix) {
        if (linkProblem == null || !linkProblem.where().equals(where) || !linkProblem.error().equals(error)) {
            linkProblem = new Problem(where, error, fix, clock.instant());
        }
    }

    /** A Socket Mode connection was let in again. */
    public synchronized void linkAccepted() {
        linkProblem = null;
    }

    public synchronized Snapshot snapshot() {
        Map<String, Problem> problems = new LinkedHashMap<>();
        if (authProblem != null) {
            problems.put("token", authProblem);
        }
        if (linkProblem != null) {
            problems.put(linkProblem.where(), linkProblem);
        }
        problems.putAll(channelProblems);
        String status = authProblem != null || linkProblem != null ? "unhealthy"
                : channelProblems.isEmpty() ? "ok" : "degraded";
        return new Snapshot(status, problems);
    }
}
