package dev.handshake.agreement;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A calendar month ({@code 2026-11}), quarter ({@code 2026-Q4}) or year ({@code 2026}) that goals are set for. */
public record GoalPeriod(Length length, LocalDate start) {

    /** How long a goal period is; a target is measured per month, per quarter or per year. */
    public enum Length {
        MONTH(1, "month", "monthly"),
        QUARTER(3, "quarter", "quarterly"),
        YEAR(12, "year", "yearly");

        private final int months;
        private final String word;
        private final String adjective;

        Length(int months, String word, String adjective) {
            this.months = months;
            this.word = word;
            this.adjective = adjective;
        }

        public int months() {
            return months;
        }

        /** "month", "quarter", "year". */
        public String word() {
            return word;
        }

        /** "monthly", "quarterly", "yearly". */
        public String adjective() {
            return adjective;
        }
    }

    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{1,2})");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-?[qQ]([1-4])");
    private static final Pattern YEAR = Pattern.compile("(\\d{4})");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMMM d", Locale.ENGLISH);
    private static final DateTimeFormatter MONTH_NAME = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.ENGLISH);

    public GoalPeriod {
        Objects.requireNonNull(length, "length == null");
        Objects.requireNonNull(start, "start == null");
        if (start.getDayOfMonth() != 1 || (start.getMonthValue() - 1) % length.months() != 0) {
            throw new IllegalArgumentException("a " + length.word() + " cannot start on " + start);
        }
    }

    /** Reads {@code 2026-11}, {@code 2026-Q4} (or {@code 2026q4}) or {@code 2026}; empty when it is none of them. */
    public static Optional<GoalPeriod> parse(String text) {
        String t = text == null ? "" : text.strip();
        Matcher quarter = QUARTER.matcher(t);
        if (quarter.matches()) {
            int number = Integer.parseInt(quarter.group(2));
            return Optional.of(new GoalPeriod(Length.QUARTER,
                    LocalDate.of(Integer.parseInt(quarter.group(1)), (number - 1) * 3 + 1, 1)));
        }
        Matcher month = MONTH.matcher(t);
        if (month.matches()) {
            int number = Integer.parseInt(month.group(2));
            return number < 1 || number > 12 ? Optional.empty()
                    : Optional.of(new GoalPeriod(Length.MONTH, LocalDate.of(Integer.parseInt(month.group(1)), number, 1)));
        }
        Matcher year = YEAR.matcher(t);
        if (year.matches()) {
            return Optional.of(new GoalPeriod(Length.YEAR, LocalDate.of(Integer.parseInt(year.group(1)), 1, 1)));
        }
        return Optional.empty();
    }

    /** The period of this length that contains {@code day}. */
    public static GoalPeriod containing(Length length, LocalDate day) {
        int firstMonth = (day.getMonthValue() - 1) / length.months() * length.months() + 1;
        return new GoalPeriod(length, LocalDate.of(day.getYear(), firstMonth, 1));
    }

    /** The first day after the period. */
    public LocalDate end() {
        return start.plusMonths(length.months());
    }

    /** The last day of the period. */
    public LocalDate last() {
        return end().minusDays(1);
    }

    public boolean contains(LocalDate day) {
        return !day.isBefore(start) && day.isBefore(end());
    }

    /** Whether the period's last day is before {@code today}. */
    public boolean endedBefore(LocalDate today) {
        return last().isBefore(today);
    }

    public GoalPeriod next() {
        return new GoalPeriod(length, end());
    }

    /** As written in the agreement: "2026-11", "2026-Q4", "2026". */
    public String label() {
        return switch (length) {
            case MONTH -> String.format(Locale.ROOT, "%d-%02d", start.getYear(), start.getMonthValue());
            case QUARTER -> start.getYear() + "-Q" + ((start.getMonthValue() - 1) / 3 + 1);
            case YEAR -> String.valueOf(start.getYear());
        };
    }

    /** In words: "November 2026", "Q4 2026 (October 1 – December 31)", "the year 2026". */
    public String inWords() {
        return switch (length) {
            case MONTH -> MONTH_NAME.format(start);
            case QUARTER -> "Q" + ((start.getMonthValue() - 1) / 3 + 1) + " " + start.getYear() + " ("
                    + DAY.format(start) + " – " + DAY.format(last()) + ")";
            case YEAR -> "the year " + start.getYear();
        };
    }

    @Override
    public String toString() {
        return label();
    }
}
