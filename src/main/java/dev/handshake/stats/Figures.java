package dev.handshake.stats;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/** Formats the numbers of the stats as plain text (not escaped); anything that cannot be computed shows "—". */
public final class Figures {

    static final String NONE = "—";

    private Figures() {}

    public static String count(long n) {
        return NumberFormat.getIntegerInstance(Locale.ENGLISH).format(n);
    }

    public static String percent(Ratio ratio) {
        return percent(ratio.value());
    }

    public static String percent(OptionalDouble fraction) {
        return fraction.isPresent() ? Math.round(fraction.getAsDouble() * 100) + "%" : NONE;
    }

    /** Business time rounded to the minute: "45 min", "2 h", "3 h 5 min". */
    public static String duration(Optional<Duration> duration) {
        if (duration.isEmpty()) {
            return NONE;
        }
        long minutes = Math.round(duration.get().toMillis() / 60_000.0);
        if (minutes < 60) {
            return minutes + " min";
        }
        long rest = minutes % 60;
        return (minutes / 60) + " h" + (rest == 0 ? "" : " " + rest + " min");
    }

    /** An agreed limit of business time: "16 business hours", "1 business hour", "1.5 business hours". */
    public static String businessHours(Duration duration) {
        String hours = number(BigDecimal.valueOf(duration.toSeconds()).divide(BigDecimal.valueOf(3600), 3,
                java.math.RoundingMode.HALF_UP));
        return hours + (hours.equals("1") ? " business hour" : " business hours");
    }

    /** A plain number with at most one decimal: "600", "1.5". */
    static String number(BigDecimal value) {
        NumberFormat format = NumberFormat.getNumberInstance(Locale.ENGLISH);
        format.setMaximumFractionDigits(1);
        return format.format(value);
    }

    static String number(double value) {
        return number(BigDecimal.valueOf(value));
    }
}
