package dev.handshake.slack;

import java.time.Duration;
import java.util.Set;

/** A Slack Web API call that failed, classified by what the caller should do about it. */
public final class SlackCallException extends RuntimeException {

    /** What kind of failure it was, which decides whether and when to retry. */
    public enum Kind {
        /** HTTP 429: wait {@link #retryAfter()} at least. */
        RATE_LIMITED,
        /** 5xx, timeouts, refused connections, Slack's transient errors: retry with backoff. */
        TRANSIENT,
        /** The token no longer works: stop calling Slack until it does. */
        AUTH,
        /** Retrying the same call cannot help (channel_not_found, not_in_channel, invalid_blocks, …). */
        PERMANENT
    }

    private static final Set<String> TRANSIENT_ERRORS = Set.of(
            "internal_error", "fatal_error", "request_timeout", "service_unavailable",
            "team_added_to_org", "org_login_required");
    private static final Set<String> AUTH_ERRORS = Set.of(
            "invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired");
    private static final Set<String> RATE_ERRORS = Set.of("ratelimited", "rate_limited");

    private final String method;
    private final String channel;
    private final Kind kind;
    private final String error;
    private final Duration retryAfter;
    private final boolean sent;

    /** {@code channel} is where the call was going (a channel, a user), or null when it had no such target. */
    public SlackCallException(String method, String channel, Kind kind, String error, Duration retryAfter,
            Throwable cause) {
        this(method, channel, kind, error, retryAfter, cause, true);
    }

    private SlackCallException(String method, String channel, Kind kind, String error, Duration retryAfter,
            Throwable cause, boolean sent) {
        super(method + (sent ? " failed: " : " held, not sent: ") + error, cause);
        this.method = method;
        this.channel = channel;
        this.kind = kind;
        this.error = error;
        this.retryAfter = retryAfter;
        this.sent = sent;
    }

    /** A call not sent because Slack refuses the token and this was not the moment for a probe. */
    static SlackCallException held(String method, String authError) {
        return new SlackCallException(method, null, Kind.AUTH, authError, null, null, false);
    }

    static SlackCallException fromSlackError(String method, String channel, String error) {
        String code = error == null ? "unknown_error" : error;
        Kind kind = RATE_ERRORS.contains(code) ? Kind.RATE_LIMITED
                : TRANSIENT_ERRORS.contains(code) ? Kind.TRANSIENT
                : AUTH_ERRORS.contains(code) ? Kind.AUTH
                : Kind.PERMANENT;
        return new SlackCallException(method, channel, kind, code,
                kind == Kind.RATE_LIMITED ? Duration.ofSeconds(1) : null, null);
    }

    public String method() {
        return method;
    }

    /** Where the call was going (a channel or user id, as the caller named it), or null. */
    public String channel() {
        return channel;
    }

    public Kind kind() {
        return kind;
    }

    /** Slack's error code (e.g. {@code channel_not_found}) or a short description of the transport failure. */
    public String error() {
        return error;
    }

    /** Whether the call reached Slack (false when it was held because Slack refuses the token). */
    public boolean sent() {
        return sent;
    }

    /** How long Slack asked us to wait, for {@link Kind#RATE_LIMITED}; otherwise null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
