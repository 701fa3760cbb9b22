package dev.handshake.clock;

import static dev.handshake.clock.Calendars.BERLIN;
import static dev.handshake.clock.Calendars.BERLIN_ZONE;
import static dev.handshake.clock.Calendars.CHICAGO;
import static dev.handshake.clock.Calendars.CHICAGO_ZONE;
import static dev.handshake.clock.Calendars.MONDAY_TO_FRIDAY;
import static dev.handshake.clock.Calendars.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BusinessHoursTest {

    private final BusinessHours chicago = new BusinessHours(CHICAGO);
    private final BusinessHours berlin = new BusinessHours(BERLIN);

    @Test
    void leadArrivingFridayAfternoonIsDueMondayOrTuesdayAfterAHolidayMonday() {
        // With hours 09:00–17:30, Friday 16:30–17:30 uses one of the four hours, leaving three for Monday.
        BusinessCalendar regular = calendar(LocalTime.of(17, 30), Set.of());
        BusinessCalendar mondayHoliday = calendar(LocalTime.of(17, 30), Set.of(LocalDate.parse("2025-10-13")));
        Instant fridayAfternoon = at(CHICAGO_ZONE, "2025-10-10T16:30");

        assertThat(new BusinessHours(regular).plus(fridayAfternoon, Duration.ofHours(4)))
                .isEqualTo(at(CHICAGO_ZONE, "2025-10-13T12:00"));
        assertThat(new BusinessHours(mondayHoliday).plus(fridayAfternoon, Duration.ofHours(4)))
                .isEqualTo(at(CHICAGO_ZONE, "2025-10-14T12:00"));
    }

    @Test
    void leadArrivingFridayHalfAnHourBeforeClosingIsDueMondayTwelveThirty() {
        // Closing at 17:00 leaves half an hour on Friday and three and a half on Monday.
        BusinessCalendar regular = calendar(LocalTime.of(17, 0), Set.of());
        BusinessCalendar mondayHoliday = calendar(LocalTime.of(17, 0), Set.of(LocalDate.parse("2025-10-13")));
        Instant fridayAfternoon = at(CHICAGO_ZONE, "2025-10-10T16:30");

        assertThat(new BusinessHours(regular).plus(fridayAfternoon, Duration.ofHours(4)))
                .isEqualTo(at(CHICAGO_ZONE, "2025-10-13T12:30"));
        assertThat(new BusinessHours(mondayHoliday).plus(fridayAfternoon, Duration.ofHours(4)))
                .isEqualTo(at(CHICAGO_ZONE, "2025-10-14T12:30"));
    }

    @ParameterizedTest(name = "{0} + {1} = {2}")
    @CsvSource({
            // within a day
            "2025-10-07T10:00, PT2H, 2025-10-07T12:00",
            "2025-10-07T10:00, PT45M, 2025-10-07T10:45",
            "2025-10-07T10:00, PT1M30.5S, 2025-10-07T10:01:30.500",
            "2025-10-07T09:00, PT0.001S, 2025-10-07T09:00:00.001",
            // exact boundaries: a deadline that uses up the day ends at closing, not at the next opening
            "2025-10-07T09:00, PT8H30M, 2025-10-07T17:30",
            "2025-10-07T10:00, PT7H30M, 2025-10-07T17:30",
            "2025-10-07T10:00, PT7H30M1S, 2025-10-08T09:00:01",
            "2025-10-07T17:29:59.999999999, PT0.000000001S, 2025-10-07T17:30",
            "2025-10-07T17:29:59.999999999, PT0.000000002S, 2025-10-08T09:00:00.000000001",
            // spanning days
            "2025-10-07T16:00, PT3H, 2025-10-08T10:30",
            "2025-10-06T09:00, PT17H, 2025-10-07T17:30",
            "2025-10-06T12:00, PT20H, 2025-10-08T15:00",
            // before opening, after closing, exactly at closing
            "2025-10-07T06:15, PT1H, 2025-10-07T10:00",
            "2025-10-07T00:00, PT1H, 2025-10-07T10:00",
            "2025-10-07T18:00, PT1H, 2025-10-08T10:00",
            "2025-10-07T17:30, PT1H, 2025-10-08T10:00",
            "2025-10-07T23:59:59, PT30M, 2025-10-08T09:30",
            // weekends
            "2025-10-11T11:00, PT2H, 2025-10-13T11:00",
            "2025-10-12T23:59, PT30M, 2025-10-13T09:30",
            "2025-10-10T17:15, PT30M, 2025-10-13T09:15",
            "2025-10-10T18:00, PT8H30M, 2025-10-13T17:30",
            // holidays and the last working day before a holiday weekend
            "2025-11-26T16:30, PT4H, 2025-12-01T12:00",
            "2025-11-27T10:00, PT1H, 2025-12-01T10:00",
            "2025-11-28T16:00, PT1H, 2025-12-01T10:00",
            "2025-07-03T17:00, PT1H, 2025-07-07T09:30",
            "2025-08-29T16:00, PT2H, 2025-09-02T09:30",
            "2025-12-24T17:00, PT1H, 2025-12-26T09:30",
            "2025-12-31T12:00, PT8H, 2026-01-02T11:30",
            // several days and weeks
            "2025-10-06T09:00, PT42H30M, 2025-10-10T17:30",
            "2025-10-06T09:00, PT42H31M, 2025-10-13T09:01",
            "2025-10-06T09:00, PT170H, 2025-10-31T17:30",
            "2025-10-08T13:00, PT85H, 2025-10-22T13:00",
            "2025-11-24T09:00, PT34H, 2025-12-01T17:30",
            // daylight saving: Chicago springs forward on 2025-03-09 and falls back on 2025-11-02
            "2025-03-07T16:30, PT4H, 2025-03-10T12:00",
            "2025-03-07T09:00, PT17H, 2025-03-10T17:30",
            "2025-03-08T12:00, PT8H30M, 2025-03-10T17:30",
            "2025-10-31T16:30, PT4H, 2025-11-03T12:00",
            "2025-10-31T09:00, PT17H, 2025-11-03T17:30",
            "2025-11-01T12:00, PT1H, 2025-11-03T10:00",
    })
    void plusCountsOnlyBusinessTimeInChicago(String start, Duration businessTime, String expected) {
        assertThat(chicago.plus(at(CHICAGO_ZONE, start), businessTime)).isEqualTo(at(CHICAGO_ZONE, expected));
    }

    @ParameterizedTest(name = "{0} + {1} = {2}")
    @CsvSource({
            "2025-10-07T10:00, PT3H, 2025-10-07T13:00",
            // Berlin springs forward on 2025-03-30 and falls back on 2025-10-26, both Sundays
            "2025-03-28T15:00, PT4H, 2025-03-31T11:00",
            "2025-03-28T09:00, PT16H, 2025-03-31T17:00",
            "2025-03-29T22:00, PT30M, 2025-03-31T09:30",
            "2025-10-24T15:00, PT10H, 2025-10-27T17:00",
            "2025-10-24T15:00, PT10H1S, 2025-10-28T09:00:01",
            "2025-10-25T02:30, PT1H, 2025-10-27T10:00",
    })
    void plusCountsOnlyBusinessTimeInBerlin(String start, Duration businessTime, String expected) {
        assertThat(berlin.plus(at(BERLIN_ZONE, start), businessTime)).isEqualTo(at(BERLIN_ZONE, expected));
    }

    @ParameterizedTest(name = "{0} + 0 = {1}")
    @CsvSource({
            "2025-10-07T10:00, 2025-10-07T10:00",
            "2025-10-07T09:00, 2025-10-07T09:00",
            "2025-10-07T08:00, 2025-10-07T09:00",
            "2025-10-07T17:30, 2025-10-08T09:00",
            "2025-10-11T11:00, 2025-10-13T09:00",
            "2025-11-27T10:00, 2025-12-01T09:00",
    })
    void zeroDurationMovesTheStartToTheNextOpening(String start, String expected) {
        assertThat(chicago.plus(at(CHICAGO_ZONE, start), Duration.ZERO)).isEqualTo(at(CHICAGO_ZONE, expected));
    }

    @ParameterizedTest(name = "between {0} and {1} = {2}")
    @CsvSource({
            "2025-10-07T10:00, 2025-10-07T12:15, PT2H15M",
            "2025-10-07T10:00, 2025-10-07T10:00:00.25, PT0.25S",
            "2025-10-07T10:00, 2025-10-07T10:00, PT0S",
            "2025-10-07T12:00, 2025-10-07T10:00, PT0S",
            "2025-10-07T17:00, 2025-10-08T09:30, PT1H",
            "2025-10-07T06:00, 2025-10-07T20:00, PT8H30M",
            "2025-10-07T17:30, 2025-10-08T09:00, PT0S",
            "2025-10-10T17:00, 2025-10-13T09:30, PT1H",
            "2025-10-11T08:00, 2025-10-12T20:00, PT0S",
            "2025-10-04T10:00, 2025-10-11T10:00, PT42H30M",
            "2025-10-06T09:00, 2025-10-31T17:30, PT170H",
            "2025-11-24T00:00, 2025-12-01T00:00, PT25H30M",
            "2025-11-26T16:30, 2025-12-01T12:00, PT4H",
            "2025-12-24T00:00, 2026-01-03T00:00, PT51H",
            "2025-03-07T09:00, 2025-03-10T17:30, PT17H",
            "2025-10-31T09:00, 2025-11-03T17:30, PT17H",
            "2025-11-01T00:00, 2025-11-03T00:00, PT0S",
    })
    void betweenCountsOnlyBusinessTime(String from, String to, Duration expected) {
        assertThat(chicago.between(at(CHICAGO_ZONE, from), at(CHICAGO_ZONE, to))).isEqualTo(expected);
    }

    @Test
    void betweenAcrossBerlinSwitchWeekendsCountsWallClockHours() {
        assertThat(berlin.between(at(BERLIN_ZONE, "2025-03-28T09:00"), at(BERLIN_ZONE, "2025-03-31T17:00")))
                .isEqualTo(Duration.ofHours(16));
        assertThat(berlin.between(at(BERLIN_ZONE, "2025-10-24T09:00"), at(BERLIN_ZONE, "2025-10-27T17:00")))
                .isEqualTo(Duration.ofHours(16));
    }

    @ParameterizedTest(name = "{0} - {1} = {2}")
    @CsvSource({
            "2025-10-07T12:00, PT30M, 2025-10-07T11:30",
            "2025-10-07T09:15, PT30M, 2025-10-06T17:15",
            // the latest instant that leaves enough time: the opening, not the previous closing
            "2025-10-07T09:30, PT30M, 2025-10-07T09:00",
            "2025-10-07T09:00, PT8H30M, 2025-10-06T09:00",
            "2025-10-13T09:10, PT30M, 2025-10-10T17:10",
            "2025-10-11T10:00, PT30M, 2025-10-10T17:00",
            "2025-10-07T17:30, PT30M, 2025-10-07T17:00",
            "2025-10-07T20:00, PT30M, 2025-10-07T17:00",
            "2025-10-07T17:30, PT8H30M, 2025-10-07T09:00",
            "2025-10-07T10:00, PT0.5S, 2025-10-07T09:59:59.500",
            "2025-12-01T12:00, PT4H, 2025-11-26T16:30",
            "2025-12-01T09:05, PT10M, 2025-11-26T17:25",
            "2026-01-02T11:30, PT8H, 2025-12-31T12:00",
            "2025-10-31T17:30, PT170H, 2025-10-06T09:00",
            "2025-10-11T10:00, PT0S, 2025-10-11T10:00",
            "2025-03-10T12:00, PT4H, 2025-03-07T16:30",
            "2025-11-03T12:00, PT4H, 2025-10-31T16:30",
    })
    void minusFindsTheLatestInstantWithEnoughBusinessTimeLeft(String deadline, Duration businessTime,
            String expected) {
        assertThat(chicago.minus(at(CHICAGO_ZONE, deadline), businessTime)).isEqualTo(at(CHICAGO_ZONE, expected));
    }

    @ParameterizedTest(name = "{0}: open={1}, next opening {2}")
    @CsvSource({
            "2025-10-07T08:59:59, false, 2025-10-07T09:00",
            "2025-10-07T09:00, true, 2025-10-07T09:00",
            "2025-10-07T13:00, true, 2025-10-07T13:00",
            "2025-10-07T17:29:59.999, true, 2025-10-07T17:29:59.999",
            "2025-10-07T17:30, false, 2025-10-08T09:00",
            "2025-10-10T17:30, false, 2025-10-13T09:00",
            "2025-10-11T12:00, false, 2025-10-13T09:00",
            "2025-10-12T23:59:59, false, 2025-10-13T09:00",
            "2025-11-26T18:00, false, 2025-12-01T09:00",
            "2025-11-27T12:00, false, 2025-12-01T09:00",
            "2025-12-31T20:00, false, 2026-01-02T09:00",
            "2025-03-09T03:00, false, 2025-03-10T09:00",
            "2025-11-02T01:30, false, 2025-11-03T09:00",
    })
    void isOpenAndNextOpening(String t, boolean open, String nextOpening) {
        Instant instant = at(CHICAGO_ZONE, t);

        assertThat(chicago.isOpen(instant)).isEqualTo(open);
        assertThat(chicago.nextOpening(instant)).isEqualTo(at(CHICAGO_ZONE, nextOpening));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "2025-10-06, 2025-10-06",
            "2025-10-10, 2025-10-10",
            "2025-10-11, 2025-10-13",
            "2025-10-12, 2025-10-13",
            "2025-11-27, 2025-12-01",
            "2025-11-28, 2025-12-01",
            "2025-12-25, 2025-12-26",
            "2025-12-31, 2025-12-31",
            "2026-01-01, 2026-01-02",
            "2025-07-04, 2025-07-07",
    })
    void firstBusinessDayOnOrAfter(LocalDate date, LocalDate expected) {
        assertThat(chicago.firstBusinessDayOnOrAfter(date)).isEqualTo(expected);
    }

    @Test
    void twoWeekHolidayBlockIsSkipped() {
        Set<LocalDate> block = new HashSet<>();
        for (LocalDate d = LocalDate.parse("2025-12-22"); d.isBefore(LocalDate.parse("2026-01-03")); d = d.plusDays(1)) {
            block.add(d);
        }
        BusinessHours hours = new BusinessHours(calendar(LocalTime.of(17, 30), block));

        assertThat(hours.plus(at(CHICAGO_ZONE, "2025-12-19T17:00"), Duration.ofHours(1)))
                .isEqualTo(at(CHICAGO_ZONE, "2026-01-05T09:30"));
        assertThat(hours.between(at(CHICAGO_ZONE, "2025-12-19T09:00"), at(CHICAGO_ZONE, "2026-01-05T17:30")))
                .isEqualTo(Duration.ofHours(17));
        assertThat(hours.minus(at(CHICAGO_ZONE, "2026-01-05T09:10"), Duration.ofMinutes(20)))
                .isEqualTo(at(CHICAGO_ZONE, "2025-12-19T17:20"));
        assertThat(hours.nextOpening(at(CHICAGO_ZONE, "2025-12-24T12:00")))
                .isEqualTo(at(CHICAGO_ZONE, "2026-01-05T09:00"));
        assertThat(hours.firstBusinessDayOnOrAfter(LocalDate.parse("2025-12-22")))
                .isEqualTo(LocalDate.parse("2026-01-05"));
    }

    @Test
    void hundredsOfBusinessHoursSpanWeeks() {
        BusinessHours hours = new BusinessHours(calendar(LocalTime.of(17, 30), Set.of()));
        Instant start = at(CHICAGO_ZONE, "2025-01-06T09:00");

        // 100 business days of 8.5 hours are exactly 20 working weeks.
        Instant end = hours.plus(start, Duration.ofHours(850));

        assertThat(end).isEqualTo(at(CHICAGO_ZONE, "2025-05-23T17:30"));
        assertThat(hours.between(start, end)).isEqualTo(Duration.ofHours(850));
        assertThat(hours.minus(end, Duration.ofHours(850))).isEqualTo(start);
    }

    @Test
    void yearsOfBusinessTimeStepThroughDaysNotMinutes() {
        Instant start = at(CHICAGO_ZONE, "2025-01-06T09:00");
        // Ten years of 8.5-hour days: about 2600 business days.
        Duration tenYears = Duration.ofMinutes(510L * 2600);

        Instant end = chicago.plus(start, tenYears);

        assertThat(end).isBetween(at(CHICAGO_ZONE, "2034-12-01T00:00"), at(CHICAGO_ZONE, "2035-02-01T00:00"));
        assertThat(chicago.between(start, end)).isEqualTo(tenYears);
        assertThat(chicago.minus(end, tenYears)).isEqualTo(start);
    }

    @Test
    void calendarWithoutBusinessDaysWithinTheHorizonFailsClearly() {
        Set<LocalDate> everyMonday = new HashSet<>();
        for (LocalDate d = LocalDate.parse("2025-01-06"); d.getYear() < 2050; d = d.plusWeeks(1)) {
            everyMonday.add(d);
        }
        BusinessHours hours = new BusinessHours(new BusinessCalendar(CHICAGO_ZONE, EnumSet.of(DayOfWeek.MONDAY),
                LocalTime.of(9, 0), LocalTime.of(17, 0), everyMonday));
        Instant start = at(CHICAGO_ZONE, "2025-01-01T00:00");

        assertThatThrownBy(() -> hours.nextOpening(start))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("20 years");
        assertThatThrownBy(() -> hours.plus(start, Duration.ofHours(1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("20 years");
        assertThatThrownBy(() -> hours.minus(at(CHICAGO_ZONE, "2049-12-01T00:00"), Duration.ofHours(1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("20 years");
        assertThatThrownBy(() -> hours.firstBusinessDayOnOrAfter(LocalDate.parse("2025-01-01")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("20 years");
        assertThat(hours.isOpen(at(CHICAGO_ZONE, "2025-01-06T10:00"))).isFalse();
        assertThat(hours.between(start, at(CHICAGO_ZONE, "2049-12-01T00:00"))).isZero();
    }

    @Test
    void durationsBeyondTheHorizonFailClearly() {
        Instant start = at(CHICAGO_ZONE, "2025-01-06T09:00");
        Duration tooLong = Duration.ofHours(24L * 366 * 21);

        assertThatThrownBy(() -> chicago.plus(start, tooLong))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("20 years");
        assertThatThrownBy(() -> chicago.minus(start, tooLong))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("20 years");
    }

    @Test
    void negativeDurationsAreRejected() {
        Instant start = at(CHICAGO_ZONE, "2025-10-07T10:00");

        assertThatThrownBy(() -> chicago.plus(start, Duration.ofMinutes(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("negative");
        assertThatThrownBy(() -> chicago.minus(start, Duration.ofMinutes(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("negative");
    }

    @Test
    void nullArgumentsAreRejected() {
        assertThatThrownBy(() -> new BusinessHours(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("calendar == null");
        assertThatThrownBy(() -> chicago.plus(null, Duration.ZERO)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> chicago.plus(Instant.EPOCH, null)).isInstanceOf(NullPointerException.class);
    }

    private static BusinessCalendar calendar(LocalTime closes, Set<LocalDate> holidays) {
        return new BusinessCalendar(CHICAGO_ZONE, MONDAY_TO_FRIDAY, LocalTime.of(9, 0), closes, holidays);
    }
}
