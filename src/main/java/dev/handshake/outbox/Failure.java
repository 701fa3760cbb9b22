package dev.handshake.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A failed call as the outbox sees it, whatever the transport: wait as asked ({@code RETRY_AFTER}), back off and
 * retry ({@code TRANSIENT}), stop this transport until {@code resumeAt} because it refuses the app's credentials
 * ({@code UNAUTHORIZED}), or give up ({@code PERMANENT}: retrying cannot help; {@code fix} says what would).
 * {@code message} is stored on the item; {@code code} is the transport's short error; {@code where} is the
 * destination at fault (a channel, an endpoint), when known.
 */
public record Failure(Kind kind, String message, String code, Duration retryAfter, Instant resumeAt, String where,
        String fix) {

    /** What the outbox does about a failure. */
    public enum Kind { RETRY_AFTER, TRANSIENT, UNAUTHORIZED, PERMANENT }

    public Failure {
        Objects.requireNonNull(kind, "kind == null");
        Objects.requireNonNull(message, "message == null");
        if (kind == Kind.RETRY_AFTER) {
            Objects.requireNonNull(retryAfter, "retryAfter == null");
        }
        if (kind == Kind.UNAUTHORIZED) {
            Objects.requireNonNull(resumeAt, "resumeAt == null");
        }
    }

    public static Failure retryAfter(Duration wait, String message) {
        return new Failure(Kind.RETRY_AFTER, message, "ratelimited", wait, null, null, null);
    }

    public static Failure transientFailure(String message, String code) {
        return new Failure(Kind.TRANSIENT, message, code, null, null, null, null);
    }

    public static Failure unauthorized(String message, String code, Instant resumeAt, String fix) {
        return new Failure(Kind.UNAUTHORIZED, message, code, null, resumeAt, null, fix);
    }

    public static Failure permanent(String message, String code, String where, String fix) {
        return new Failure(Kind.PERMANENT, message, code, null, null, where, fix);
    }
}
