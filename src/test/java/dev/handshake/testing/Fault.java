package dev.handshake.testing;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;

/** A way for {@link FakeSlack} to misbehave on one Web API call, scripted by a test. */
public sealed interface Fault {

    /** Answers with a bare HTTP error status (for example 500 or 503). */
    static Fault status(int httpStatus) {
        return new Status(httpStatus);
    }

    /** Answers HTTP 429 with {@code Retry-After} and {@code {"ok":false,"error":"ratelimited"}}. */
    static Fault rateLimited(int retryAfterSeconds) {
        if (retryAfterSeconds < 0) {
            throw new IllegalArgumentException("retryAfterSeconds < 0: " + retryAfterSeconds);
        }
        return new RateLimited(OptionalInt.of(retryAfterSeconds));
    }

    /** Answers HTTP 429 without a {@code Retry-After} header, so the client must choose its own backoff. */
    static Fault rateLimitedWithoutRetryAfter() {
        return new RateLimited(OptionalInt.empty());
    }

    /** Answers HTTP 200 {@code {"ok":false,"error":slackError}}, the way Slack reports API-level failures. */
    static Fault error(String slackError) {
        return new SlackError(slackError);
    }

    /** Accepts the request and never answers; the connection is dropped when the server closes. */
    static Fault hang() {
        return new Hang();
    }

    /**
     * Does what the call asks (the message is posted, the view opened…), then answers with {@code lostWith} (a bare
     * HTTP status, or a hang) instead of the result: the call took effect, but its caller cannot know it did.
     */
    static Fault answerLost(Fault lostWith) {
        return new AnswerLost(lostWith);
    }

    /** Waits, then answers normally. */
    static Fault delay(Duration delay) {
        return new Delay(delay);
    }

    /** A bare HTTP status. */
    record Status(int httpStatus) implements Fault {
        public Status {
            if (httpStatus < 400 || httpStatus > 599) {
                throw new IllegalArgumentException("expected a 4xx or 5xx status: " + httpStatus);
            }
        }
    }

    /** HTTP 429, with or without {@code Retry-After}. */
    record RateLimited(OptionalInt retryAfterSeconds) implements Fault {
        public RateLimited {
            Objects.requireNonNull(retryAfterSeconds, "retryAfterSeconds == null");
        }
    }

    /** HTTP 200 with {@code ok:false}. */
    record SlackError(String error) implements Fault {
        public SlackError {
            Objects.requireNonNull(error, "error == null");
        }
    }

    /** The call takes effect; its answer is lost. */
    record AnswerLost(Fault lostWith) implements Fault {
        public AnswerLost {
            Objects.requireNonNull(lostWith, "lostWith == null");
            if (!(lostWith instanceof Status || lostWith instanceof Hang)) {
                throw new IllegalArgumentException("an answer is lost as a bare status or a hang, not " + lostWith);
            }
        }
    }

    /** No answer at all. */
    record Hang() implements Fault {}

    /** A normal answer, late. */
    record Delay(Duration delay) implements Fault {
        public Delay {
            Objects.requireNonNull(delay, "delay == null");
            if (delay.isNegative()) {
                throw new IllegalArgumentException("negative delay: " + delay);
            }
        }
    }
}
