package dev.handshake.stats;

import dev.handshake.agreement.GoalPeriod;
import dev.handshake.clock.Quarter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The days the stats cover: {@code from} and {@code to} inclusive, as dates of the agreement's calendar, with a
 * label such as "2026-Q4" or "Last 30 days".
 */
public record Period(LocalDate from, LocalDate to, String label) {

    /** The outcome of reading a period from {@code /sla stats} text. */
    public sealed interface Parse permits Parsed, Refused {}

    public record Parsed(Period period) implements Parse {}

    /**
     * Not a period; {@code reason}, meant for the person who typed it, is the app's own text (its code spans are
     * meant), not escaped, and holds nothing they typed.
     */
    public record Refused(String reason) implements Parse {}

    /** The longest explicit range accepted, in days, so one command cannot ask for decades. */
    static final int MAX_DAYS = 3 * 366;

    /** What {@code /sla stats} understands, for help and refusals. */
    public static final String EXAMPLES =
            "`/sla stats`, `/sla stats last quarter`, `/sla stats this month`, `/sla stats 30d`, `/sla stats 2026-Q3`, "
                    + "`/sla stats 2026-11`, `/sla stats 2026`, `/sla stats 2026-10-01..2026-12-31`";

    private static final Pattern RANGE = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})\\s*(?:\\.\\.|to|–|—)\\s*(\\d{4}-\\d{2}-\\d{2})");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-?q([1-4])");
    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");
    private static final Pattern YEAR = Pattern.compile("\\d{4}");
    private static final Pattern DAYS = Pattern.compile("(?:last\\s+)?(\\d{1,4})\\s*(?:d|days?)");
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("MMM d, uuuu", Locale.ENGLISH);

    public Period {
        Objects.requireNonNull(from, "from == null");
        Objects.requireNonNull(to, "to == null");
        Objects.requireNonNull(label, "label == null");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("period ends before it starts: " + from + ".." + to);
        }
    }

    public static Period quarter(Quarter quarter) {
        return new Period(quarter.start(), quarter.end().minusDays(1), quarter.toString());
    }

    /** A whole month, quarter or year, labelled as the agreement writes it ("2026-11", "2026-Q4", "2026"). */
    public static Period of(GoalPeriod period) {
        return new Period(period.start(), period.last(), period.label());
    }

    /** The {@code days} days ending today, today included. */
    public static Period lastDays(int days, LocalDate today) {
        return new Period(today.minusDays(days - 1L), today, "Last " + days + " days");
    }

    /** Reads the argument of {@code /sla stats}; an empty argument means this quarter. Never throws. */
    public static Parse parse(String text, LocalDate today) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        switch (t) {
            case "", "this quarter", "quarter", "qtd", "current quarter" -> {
                return new Parsed(quarter(Quarter.of(today)));
            }
            case "last quarter", "previous quarter" -> {
                return new Parsed(quarter(Quarter.of(today).previous()));
            }
            case "this month", "month", "mtd", "current month" -> {
                return new Parsed(of(GoalPeriod.containing(GoalPeriod.Length.MONTH, today)));
            }
            case "last month", "previous month" -> {
                return new Parsed(of(GoalPeriod.containing(GoalPeriod.Length.MONTH, today.minusMonths(1))));
            }
            case "this year", "year", "ytd", "current year" -> {
                return new Parsed(of(GoalPeriod.containing(GoalPeriod.Length.YEAR, today)));
            }
            case "last year", "previous year" -> {
                return new Parsed(of(GoalPeriod.containing(GoalPeriod.Length.YEAR, today.minusYears(1))));
            }
            default -> { }
        }
        Matcher days = DAYS.matcher(t);
        if (days.matches()) {
            int n = Integer.parseInt(days.group(1));
            if (n < 1 || n > MAX_DAYS) {
                return new Refused("Pick from 1 to " + MAX_DAYS + " days.");
            }
            return new Parsed(lastDays(n, today));
        }
        Matcher quarter = QUARTER.matcher(t);
        if (quarter.matches()) {
            return new Parsed(quarter(new Quarter(Integer.parseInt(quarter.group(1)),
                    Integer.parseInt(quarter.group(2)))));
        }
        if (MONTH.matcher(t).matches() || YEAR.matcher(t).matches()) {
            Optional<GoalPeriod> whole = GoalPeriod.parse(t);
            return whole.<Parse>map(p -> new Parsed(of(p)))
                    .orElseGet(() -> new Refused("There is no month " + t.substring(5) + "; months go from 01 to 12."));
        }
        Matcher range = RANGE.matcher(t);
        if (range.matches()) {
            return range(range.group(1), range.group(2));
        }
        return new Refused("I can't read that as a period. Try " + EXAMPLES + ".");
    }

    private static Parse range(String fromText, String toText) {
        LocalDate from;
        LocalDate to;
        try {
            from = LocalDate.parse(fromText);
            to = LocalDate.parse(toText);
        } catch (DateTimeParseException e) {
            return new Refused("That range has a date that does not exist. Use dates like 2026-10-01..2026-12-31.");
        }
        if (to.isBefore(from)) {
            return new Refused("The range ends before it starts: put the earlier date first, like "
                    + toText + ".." + fromText + ".");
        }
        if (from.plusDays(MAX_DAYS).isBefore(to)) {
            return new Refused("That range is longer than " + MAX_DAYS + " days; pick a shorter one.");
        }
        return new Parsed(new Period(from, to, fromText + " to " + toText));
    }

    /** The label as it reads inside a sentence: "the last 30 days", "2026-Q4". */
    public String phrase() {
        return label.startsWith("Last ") ? "the last" + label.substring(4) : label;
    }

    /** The whole month, quarter or year this period is, if it is one. */
    public Optional<GoalPeriod> whole() {
        for (GoalPeriod.Length length : GoalPeriod.Length.values()) {
            GoalPeriod candidate = GoalPeriod.containing(length, from);
            if (candidate.start().equals(from) && candidate.last().equals(to)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The first instant of the period in {@code zone}. */
    public Instant start(ZoneId zone) {
        return from.atStartOfDay(zone).toInstant();
    }

    /** The first instant after the period in {@code zone} (exclusive end). */
    public Instant end(ZoneId zone) {
        return to.plusDays(1).atStartOfDay(zone).toInstant();
    }

    /** "Oct 1, 2026 – Dec 31, 2026". */
    public String dates() {
        return SHOWN.format(from) + " – " + SHOWN.format(to);
    }
}
