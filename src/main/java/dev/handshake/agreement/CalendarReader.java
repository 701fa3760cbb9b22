package dev.handshake.agreement;

import dev.handshake.clock.BusinessCalendar;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Reads {@code calendar:}, the business hours every deadline of the agreement is counted in. */
final class CalendarReader {

    private static final Set<String> CALENDAR_KEYS = Set.of("time_zone", "working_days", "hours", "holidays");
    private static final Set<String> HOURS_KEYS = Set.of("opens", "closes");
    private static final Map<String, DayOfWeek> DAYS = days();

    private final Problems problems;

    CalendarReader(Problems problems) {
        this.problems = problems;
    }

    BusinessCalendar read(Fields top) {
        Fields calendar = top.fields("calendar", true, CALENDAR_KEYS);
        ZoneId zone = Formats.zone(calendar, "time_zone");
        Set<DayOfWeek> days = workingDays(calendar);
        Fields hours = calendar.fields("hours", true, HOURS_KEYS);
        LocalTime opens = Formats.time(hours, "opens", null);
        LocalTime closes = Formats.time(hours, "closes", null);
        if (opens != null && closes != null && !opens.isBefore(closes)) {
            problems.report(hours.path(), "opens (" + opens + ") must be before closes (" + closes + ")");
            opens = null;
        }
        Set<LocalDate> holidays = holidays(calendar);
        if (zone == null || days == null || opens == null || closes == null || holidays == null) {
            return null;
        }
        return new BusinessCalendar(zone, days, opens, closes, holidays);
    }

    /** Working days as {@code [mon, tue, ...]} (full names also work); Monday to Friday when left out. */
    private Set<DayOfWeek> workingDays(Fields calendar) {
        if (!calendar.has("working_days")) {
            return EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        boolean valid = true;
        for (Fields.Located day : calendar.located("working_days", true)) {
            DayOfWeek parsed = DAYS.get(day.text().toLowerCase(Locale.ROOT));
            if (parsed == null) {
                problems.report(day.at(), "must be a day like mon, tue, wed, thu, fri, sat or sun, was "
                        + Values.quote(day.text()));
                valid = false;
            } else if (!days.add(parsed)) {
                problems.report(day.at(), Values.quote(day.text()) + " is listed twice");
                valid = false;
            }
        }
        return valid && !days.isEmpty() ? days : null;
    }

    private Set<LocalDate> holidays(Fields calendar) {
        Set<LocalDate> holidays = new LinkedHashSet<>();
        Map<LocalDate, Integer> seen = new HashMap<>();
        boolean valid = true;
        for (Fields.Located holiday : calendar.located("holidays", false)) {
            LocalDate date = Formats.date(holiday.text(), holiday.at(), problems);
            if (date == null) {
                valid = false;
                continue;
            }
            Integer first = seen.putIfAbsent(date, problems.lineOf(holiday.at()));
            if (first != null) {
                problems.report(holiday.at(), date + " is listed twice (first on line " + first + ")");
                valid = false;
            }
            holidays.add(date);
        }
        return valid ? holidays : null;
    }

    private static Map<String, DayOfWeek> days() {
        Map<String, DayOfWeek> days = new LinkedHashMap<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            String full = day.name().toLowerCase(Locale.ROOT);
            days.put(full.substring(0, 3), day);
            days.put(full, day);
        }
        return Map.copyOf(days);
    }
}
