package dev.handshake.clock;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.Objects;
import java.util.Optional;

/**
 * Business-time arithmetic over a {@link BusinessCalendar}: deadlines, elapsed business time and openings.
 *
 * <p>Each business day contributes one window, from the moment the calendar's wall clock first reaches
 * {@code opens} to the moment it first reaches {@code closes}. When a wall-clock time falls into a
 * daylight-saving gap, that moment is the end of the gap (an opening at 02:30 on a day the clock jumps from
 * 02:00 to 03:00 opens at 03:00). When it falls into an overlap, the first of its two occurrences counts.
 * Business time is the real time elapsed inside these windows, so on the rare day whose hours contain a
 * transition, a window lasts an hour more or less than its wall-clock span; on all other days (every day in
 * US and EU zones with ordinary office hours) business time equals wall-clock time.
 *
 * <p>Windows are half-open: a calendar is open at its opening instant and closed at its closing instant.
 * Searches never look further than {@value #HORIZON_YEARS} years; beyond that an
 * {@link IllegalStateException} is thrown.
 *
 * <p>Immutable and thread-safe.
 */
public final class BusinessHours {

    /** How far any search for business time may reach before giving up. */
    public static final int HORIZON_YEARS = 20;

    private final BusinessCalendar calendar;

    public BusinessHours(BusinessCalendar calendar) {
        this.calendar = Objects.requireNonNull(calendar, "calendar == null");
    }

    public BusinessCalendar calendar() {
        return calendar;
    }

    /**
     * The instant at which {@code businessTime} of business time has elapsed after {@code start}. Counting
     * starts at {@link #nextOpening(Instant)}, so a zero duration returns the start itself when open and the
     * next opening otherwise. A deadline that uses up a window exactly ends at that day's closing instant,
     * not at the next opening.
     */
    public Instant plus(Instant start, Duration businessTime) {
        Objects.requireNonNull(start, "start == null");
        requireNonNegative(businessTime);
        Duration remaining = businessTime;
        LocalDate first = localDate(start);
        LocalDate limit = first.plusYears(HORIZON_YEARS);
        for (LocalDate date = first; !date.isAfter(limit); date = date.plusDays(1)) {
            Optional<Window> window = windowOn(date);
            if (window.isEmpty() || !window.get().closes().isAfter(start)) {
                continue;
            }
            Instant from = latest(window.get().opens(), start);
            Duration available = Duration.between(from, window.get().closes());
            if (remaining.compareTo(available) <= 0) {
                return from.plus(remaining);
            }
            remaining = remaining.minus(available);
        }
        throw beyondHorizon(businessTime.isZero()
                ? "looking for the next opening after " + start
                : "adding " + businessTime + " of business time to " + start);
    }

    /**
     * The latest instant from which {@code businessTime} of business time elapses until {@code deadline}.
     * When that much time ends exactly at an opening, the opening is returned rather than the previous
     * closing; a zero duration returns the deadline itself.
     */
    public Instant minus(Instant deadline, Duration businessTime) {
        Objects.requireNonNull(deadline, "deadline == null");
        requireNonNegative(businessTime);
        if (businessTime.isZero()) {
            return deadline;
        }
        Duration remaining = businessTime;
        // After a backward clock change across midnight, the next day's window can start before the deadline.
        LocalDate last = localDate(deadline).plusDays(1);
        LocalDate limit = last.minusYears(HORIZON_YEARS);
        for (LocalDate date = last; !date.isBefore(limit); date = date.minusDays(1)) {
            Optional<Window> window = windowOn(date);
            if (window.isEmpty() || !deadline.isAfter(window.get().opens())) {
                continue;
            }
            Instant until = earliest(window.get().closes(), deadline);
            Duration available = Duration.between(window.get().opens(), until);
            if (remaining.compareTo(available) <= 0) {
                return until.minus(remaining);
            }
            remaining = remaining.minus(available);
        }
        throw beyondHorizon("subtracting " + businessTime + " of business time from " + deadline);
    }

    /** Business time elapsed between two instants; zero if {@code to} is not after {@code from}. */
    public Duration between(Instant from, Instant to) {
        Objects.requireNonNull(from, "from == null");
        Objects.requireNonNull(to, "to == null");
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        Duration total = Duration.ZERO;
        LocalDate last = localDate(to).plusDays(1);
        for (LocalDate date = localDate(from); !date.isAfter(last); date = date.plusDays(1)) {
            Optional<Window> window = windowOn(date);
            if (window.isEmpty()) {
                continue;
            }
            Instant start = latest(window.get().opens(), from);
            Instant end = earliest(window.get().closes(), to);
            if (end.isAfter(start)) {
                total = total.plus(Duration.between(start, end));
            }
        }
        return total;
    }

    /** {@code t} itself if the calendar is open at {@code t}, otherwise the next opening. */
    public Instant nextOpening(Instant t) {
        return plus(t, Duration.ZERO);
    }

    /** Whether {@code t} lies within business hours (openings inclusive, closings exclusive). */
    public boolean isOpen(Instant t) {
        Objects.requireNonNull(t, "t == null");
        LocalDate date = localDate(t);
        // After a backward clock change across midnight, t can belong to the next day's window.
        return contains(windowOn(date), t) || contains(windowOn(date.plusDays(1)), t);
    }

    /** The first date on or after {@code date} that is a working day and not a holiday. */
    public LocalDate firstBusinessDayOnOrAfter(LocalDate date) {
        Objects.requireNonNull(date, "date == null");
        LocalDate limit = date.plusYears(HORIZON_YEARS);
        for (LocalDate day = date; !day.isAfter(limit); day = day.plusDays(1)) {
            if (calendar.isBusinessDay(day)) {
                return day;
            }
        }
        throw beyondHorizon("looking for a business day on or after " + date);
    }

    private Optional<Window> windowOn(LocalDate date) {
        if (!calendar.isBusinessDay(date)) {
            return Optional.empty();
        }
        Instant opens = firstReached(date.atTime(calendar.opens()));
        Instant closes = firstReached(date.atTime(calendar.closes()));
        // Both ends can fall into the same gap, which leaves nothing of that day's hours.
        return closes.isAfter(opens) ? Optional.of(new Window(opens, closes)) : Optional.empty();
    }

    /** The first instant at which the zone's wall clock shows {@code local} or a later time. */
    private Instant firstReached(LocalDateTime local) {
        ZoneId zone = calendar.zone();
        ZoneOffsetTransition transition = zone.getRules().getTransition(local);
        if (transition != null && transition.isGap()) {
            return transition.getInstant();
        }
        // In an overlap this keeps the earlier offset, which is the first occurrence.
        return local.atZone(zone).toInstant();
    }

    private LocalDate localDate(Instant t) {
        return LocalDate.ofInstant(t, calendar.zone());
    }

    private IllegalStateException beyondHorizon(String what) {
        return new IllegalStateException("No business time found within " + HORIZON_YEARS + " years when "
                + what + "; check the calendar's working days and holidays");
    }

    private static boolean contains(Optional<Window> window, Instant t) {
        return window.isPresent() && !t.isBefore(window.get().opens()) && t.isBefore(window.get().closes());
    }

    private static void requireNonNegative(Duration businessTime) {
        Objects.requireNonNull(businessTime, "businessTime == null");
        if (businessTime.isNegative()) {
            throw new IllegalArgumentException("businessTime must not be negative: " + businessTime);
        }
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /** One business day's hours as instants, opening inclusive and closing exclusive. */
    private record Window(Instant opens, Instant closes) {
    }
}
