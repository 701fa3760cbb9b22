package dev.handshake.routing;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * What Slack last said about a rep ({@code users.info}, or a {@code user_change} event): the name to show without
 * pinging, their time zone, their email (lower case) and whether they were deactivated; and when Slack said it.
 */
public record RepProfile(String userId, String name, String tz, String email, boolean deleted, Instant fetchedAt) {

    /** The rep's time zone, when Slack gave one Java knows. */
    public Optional<ZoneId> zone() {
        if (tz == null || tz.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ZoneId.of(tz));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
