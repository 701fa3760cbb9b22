package dev.handshake.crm;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * A {@code Retry-After} header (RFC 9110: a number of seconds or an HTTP date) as a wait from now, at most
 * {@link #MAX}: a receiver cannot park a delivery for longer than that at a time (it can answer again).
 */
final class RetryAfter {

    static final Duration MAX = Duration.ofHours(1);

    private RetryAfter() {}

    static Optional<Duration> of(HttpHeaders headers, Instant now) {
        Optional<String> value = headers.firstValue("Retry-After").map(String::strip);
        if (value.isEmpty() || value.get().isEmpty()) {
            return Optional.empty();
        }
        String text = value.get();
        Duration wait;
        try {
            wait = Duration.ofSeconds(Long.parseLong(text));
        } catch (NumberFormatException e) {
            try {
                wait = Duration.between(now, ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant());
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
        if (wait.isNegative()) {
            wait = Duration.ZERO;
        }
        return Optional.of(wait.compareTo(MAX) > 0 ? MAX : wait);
    }
}
