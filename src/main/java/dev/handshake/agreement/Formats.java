package dev.handshake.agreement;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.regex.Pattern;

/** Reads the formatted values of the agreement: ids, dates, times, time zones, rates and business hours. */
final class Formats {

    private static final Pattern SLUG = Pattern.compile("[a-z][a-z0-9-]*");
    private static final Pattern TIME = Pattern.compile("([01]?\\d|2[0-3]):[0-5]\\d");
    private static final Pattern PERCENT = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*%");
    private static final Pattern FIXED_OFFSET = Pattern.compile("(?i)(GMT|UTC|UT)?[+-].*");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final BigDecimal SECONDS_PER_HOUR = BigDecimal.valueOf(3600);
    private static final BigDecimal MAX_HOURS = BigDecimal.valueOf(1000);

    private Formats() {}

    /** An id such as {@code mql} or {@code ops-leader}. */
    static String slug(Fields fields, String key) {
        String id = fields.text(key);
        if (id != null && !SLUG.matcher(id).matches()) {
            fields.problems().report(fields.at(key), "must be a lowercase id of letters, digits and \"-\" that starts "
                    + "with a letter (like \"ops-leader\"), was " + Values.quote(id));
            return null;
        }
        return id;
    }

    static LocalDate date(String text, NodePath at, Problems problems) {
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeException e) {
            problems.report(at, "must be a date like 2026-07-01, was " + Values.quote(text));
            return null;
        }
    }

    static LocalTime time(Fields fields, String key, LocalTime fallback) {
        if (fallback != null && !fields.has(key)) {
            return fallback;
        }
        String text = fields.text(key);
        if (text == null) {
            return null;
        }
        if (!TIME.matcher(text).matches()) {
            fields.problems().report(fields.at(key),
                    "must be a 24-hour time like \"09:00\", was " + Values.quote(text));
            return null;
        }
        return LocalTime.parse(text.length() == 4 ? "0" + text : text);
    }

    static ZoneId zone(Fields fields, String key) {
        String text = fields.text(key);
        if (text == null) {
            return null;
        }
        try {
            ZoneId zone = ZoneId.of(text);
            if (!(zone instanceof ZoneOffset) && !FIXED_OFFSET.matcher(text).matches()) {
                return zone;
            }
            fields.problems().report(fields.at(key), "must be a time zone name like \"America/Chicago\" so daylight "
                    + "saving time is followed, not a fixed offset; was " + Values.quote(text));
        } catch (DateTimeException e) {
            fields.problems().report(fields.at(key), "unknown time zone " + Values.quote(text)
                    + "; use an IANA time zone name like \"America/Chicago\" or \"Europe/Berlin\"");
        }
        return null;
    }

    /** A rate between 0 and 1, written as a fraction ({@code 0.08}) or a percentage ({@code "8%"}). */
    static BigDecimal fraction(Fields fields, String key, boolean required) {
        if (!required && !fields.has(key)) {
            return null;
        }
        if (!fields.require(key)) {
            return null;
        }
        JsonNode node = fields.value(key);
        NodePath at = fields.at(key);
        BigDecimal value = null;
        if (node.isTextual() && PERCENT.matcher(node.textValue().strip()).matches()) {
            var matcher = PERCENT.matcher(node.textValue().strip());
            matcher.matches();
            value = new BigDecimal(matcher.group(1)).divide(HUNDRED);
        } else if (node.isNumber()) {
            value = Values.number(node, at, fields.problems());
        }
        if (value == null || value.signum() < 0 || value.compareTo(BigDecimal.ONE) > 0) {
            fields.problems().report(at, "must be a fraction between 0 and 1 or a percentage like \"8%\", was "
                    + Values.describe(node, fields.problems(), at));
            return null;
        }
        return value;
    }

    /** A required number; a percentage like {@code "45%"} is read as the fraction 0.45. */
    static BigDecimal numberOrPercent(Fields fields, String key) {
        if (!fields.require(key)) {
            return null;
        }
        JsonNode node = fields.value(key);
        if (node.isTextual()) {
            var matcher = PERCENT.matcher(node.textValue().strip());
            if (matcher.matches()) {
                return new BigDecimal(matcher.group(1)).divide(HUNDRED);
            }
        }
        return Values.number(node, fields.at(key), fields.problems());
    }

    /** Whether the value of the key is written as a percentage ("25%"). */
    static boolean isPercent(Fields fields, String key) {
        JsonNode node = fields.value(key);
        return node != null && node.isTextual() && PERCENT.matcher(node.textValue().strip()).matches();
    }

    /** A whole percentage within [min, max], written as {@code 75} or {@code "75%"}. */
    static Integer percent(Fields fields, String key, int min, int max) {
        JsonNode node = fields.value(key);
        NodePath at = fields.at(key);
        BigDecimal value = null;
        if (node.isTextual() && PERCENT.matcher(node.textValue().strip()).matches()) {
            var matcher = PERCENT.matcher(node.textValue().strip());
            matcher.matches();
            value = new BigDecimal(matcher.group(1));
        } else if (node.isNumber()) {
            value = Values.number(node, at, fields.problems());
        }
        if (value == null || value.stripTrailingZeros().scale() > 0
                || value.compareTo(BigDecimal.valueOf(min)) < 0 || value.compareTo(BigDecimal.valueOf(max)) > 0) {
            fields.problems().report(at, "must be a whole percentage from " + min + " to " + max + ", was "
                    + Values.describe(node, fields.problems(), at));
            return null;
        }
        return value.intValueExact();
    }

    /** A positive number of business hours, decimals allowed ({@code 0.5} is 30 minutes). */
    static Duration hours(Fields fields, String key, boolean required) {
        BigDecimal hours = fields.number(key, required);
        if (hours == null) {
            return null;
        }
        if (hours.signum() <= 0) {
            fields.problems().report(fields.at(key), "must be more than 0 business hours, was "
                    + hours.toPlainString());
            return null;
        }
        if (hours.compareTo(MAX_HOURS) > 0) {
            fields.problems().report(fields.at(key), "must be at most " + MAX_HOURS + " business hours, was "
                    + hours.toPlainString());
            return null;
        }
        long seconds = hours.multiply(SECONDS_PER_HOUR).setScale(0, RoundingMode.HALF_UP).longValueExact();
        if (seconds < 60) {
            fields.problems().report(fields.at(key), "must be at least one business minute (0.017 hours), was "
                    + hours.toPlainString());
            return null;
        }
        return Duration.ofSeconds(seconds);
    }

    /** Hours as people write them: {@code 4}, {@code 0.5}, {@code 1.25}. */
    static String hours(Duration duration) {
        return BigDecimal.valueOf(duration.toSeconds())
                .divide(SECONDS_PER_HOUR, 3, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
