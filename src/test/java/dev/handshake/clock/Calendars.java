package dev.handshake.clock;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;

/** Calendars and helpers shared by the clock tests. */
final class Calendars {

    static final Set<DayOfWeek> MONDAY_TO_FRIDAY = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
    static final Set<DayOfWeek> EVERY_DAY = EnumSet.allOf(DayOfWeek.class);

    static final ZoneId CHICAGO_ZONE = ZoneId.of("America/Chicago");
    static final ZoneId BERLIN_ZONE = ZoneId.of("Europe/Berlin");

    /** Mon–Fri 09:00–17:30 in Chicago with the 2025 US holidays that fall on weekdays used by the tests. */
    static final BusinessCalendar CHICAGO = new BusinessCalendar(CHICAGO_ZONE, MONDAY_TO_FRIDAY,
            LocalTime.of(9, 0), LocalTime.of(17, 30),
            Set.of(LocalDate.parse("2025-07-04"), LocalDate.parse("2025-09-01"),
                    LocalDate.parse("2025-11-27"), LocalDate.parse("2025-11-28"),
                    LocalDate.parse("2025-12-25"), LocalDate.parse("2026-01-01")));

    /** Mon–Fri 09:00–17:00 in Berlin, no holidays. */
    static final BusinessCalendar BERLIN = new BusinessCalendar(BERLIN_ZONE, MONDAY_TO_FRIDAY,
            LocalTime.of(9, 0), LocalTime.of(17, 0), Set.of());

    private Calendars() {
    }

    static BusinessCalendar everyDay(String zone, String opens, String closes) {
        return new BusinessCalendar(ZoneId.of(zone), EVERY_DAY, LocalTime.parse(opens), LocalTime.parse(closes),
                Set.of());
    }

    /** The instant of an unambiguous local date-time in {@code zone}. */
    static Instant at(ZoneId zone, String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
    }
}
