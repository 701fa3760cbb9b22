package dev.handshake.clock;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Set;

/** The agreement's working week: time zone, working days, opening hours and holidays. */
public record BusinessCalendar(
        ZoneId zone, Set<DayOfWeek> workingDays, LocalTime opens, LocalTime closes, Set<LocalDate> holidays) {

    public BusinessCalendar {
        Objects.requireNonNull(zone, "zone == null");
        Objects.requireNonNull(opens, "opens == null");
        Objects.requireNonNull(closes, "closes == null");
        workingDays = Set.copyOf(workingDays);
        holidays = Set.copyOf(holidays);
        if (!opens.isBefore(closes)) {
            throw new IllegalArgumentException("opens must be before closes");
        }
        if (workingDays.isEmpty()) {
            throw new IllegalArgumentException("at least one working day is required");
        }
    }

    /** Whether the given local date is a working day that is not a holiday. */
    public boolean isBusinessDay(LocalDate date) {
        return workingDays.contains(date.getDayOfWeek()) && !holidays.contains(date);
    }
}
