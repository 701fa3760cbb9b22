package dev.handshake.handoff;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/** Formats business time in hours and minutes only ("45 min", "1 h 12 min", "12 h 30 min"), never in days. */
public final class BusinessDurations {

    private BusinessDurations() {}

    /** Hours and minutes, minutes rounded down; anything under a minute is "less than 1 min". */
    public static String format(Duration duration) {
        Objects.requireNonNull(duration, "duration == null");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("negative duration: " + duration);
        }
        long minutes = duration.toMinutes();
        if (minutes == 0) {
            return "less than 1 min";
        }
        long hours = minutes / 60;
        long rest = minutes % 60;
        if (hours == 0) {
            return rest + " min";
        }
        if (rest == 0) {
            return hours + " h";
        }
        return String.format(Locale.ROOT, "%d h %02d min", hours, rest);
    }

    /** "4 business hours", "1 business hour", or "1 h 30 min of business time" when not whole hours. */
    static String window(Duration duration) {
        if (isWholeHours(duration)) {
            long hours = duration.toHours();
            return hours + (hours == 1 ? " business hour" : " business hours");
        }
        return format(duration) + " of business time";
    }

    /** "the 4-hour SLA", or "the 1 h 30 min SLA" when not whole hours. */
    static String sla(Duration responseTime) {
        if (isWholeHours(responseTime)) {
            return "the " + responseTime.toHours() + "-hour SLA";
        }
        return "the " + format(responseTime) + " SLA";
    }

    /** "the 4-hour deadline", or "the 1 h 30 min deadline" when not whole hours. */
    static String deadline(Duration responseTime) {
        if (isWholeHours(responseTime)) {
            return "the " + responseTime.toHours() + "-hour deadline";
        }
        return "the " + format(responseTime) + " deadline";
    }

    private static boolean isWholeHours(Duration duration) {
        return !duration.isNegative() && !duration.isZero() && duration.toSeconds() % 3600 == 0;
    }
}
