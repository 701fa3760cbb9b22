package dev.handshake.slack;

import dev.handshake.outbox.Failure;
import dev.handshake.outbox.Transport;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Slack as the outbox sees it: what each {@link SlackCallException} means for the item that threw it, and the
 * channels it can never post to shown on the health page through {@link SlackStatus}. Thread-safe.
 */
public final class SlackTransport implements Transport {

    /** The name Slack handlers give as their transport. */
    public static final String NAME = "slack";

    private final SlackStatus status;
    private final Clock clock;

    public SlackTransport(SlackStatus status, Clock clock) {
        this.status = Objects.requireNonNull(status, "status == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<Failure> classify(RuntimeException error) {
        if (!(error instanceof SlackCallException e)) {
            return Optional.empty();
        }
        String message = e.method() + ": " + e.error();
        return Optional.of(switch (e.kind()) {
            case RATE_LIMITED -> Failure.retryAfter(e.retryAfter(), e.method() + ": rate limited");
            case TRANSIENT -> Failure.transientFailure(message, e.error());
            // Whoever probed last (this call, another lane, another part of the app), the next probe is due one
            // interval later; calls before then are held by SlackApi without reaching Slack.
            case AUTH -> Failure.unauthorized(message, e.error(), nextProbe(),
                    "reinstall the app and set SLACK_BOT_TOKEN; the app tries again every "
                            + status.authProbeInterval().toSeconds() + " s");
            case PERMANENT -> Failure.permanent(message, e.error(), e.channel(), fixFor(e.error(), e.channel()));
        });
    }

    @Override
    public void gaveUp(Failure failure) {
        if (failure.where() != null) {
            status.channelFailed(failure.where(), failure.code(), failure.fix());
        }
    }

    private Instant nextProbe() {
        Instant now = clock.instant();
        Instant next = status.nextAuthProbe();
        return next.isAfter(now) ? next : now.plus(status.authProbeInterval());
    }

    static String fixFor(String error, String channel) {
        return switch (error) {
            case "channel_not_found" -> "check the channel " + channel + " in sla.yml exists, and invite the app "
                    + "to it if it is private (/invite @Handshake)";
            case "not_in_channel" -> "invite the app to " + channel + " (/invite @Handshake)";
            case "is_archived" -> "unarchive " + channel + " or name another channel in sla.yml";
            case "missing_scope" -> "reinstall the app from manifest.yml so it has every scope it needs";
            default -> "see Slack's documentation for the error \"" + error + "\"";
        };
    }
}
