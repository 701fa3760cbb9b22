package dev.handshake.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handshake.clock.BusinessCalendar;
import dev.handshake.clock.BusinessHours;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Where the clock control moves the demo's clock, on a Chicago calendar 09:00–17:30, Monday to Friday. */
class ClockStepsTest {

    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    private static final LocalDate THANKSGIVING = LocalDate.of(2026, 11, 26);
    private final ClockSteps steps = new ClockSteps(new BusinessHours(new BusinessCalendar(CHICAGO,
            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(9, 0), LocalTime.of(17, 30),
            Set.of(THANKSGIVING, THANKSGIVING.plusDays(1)))), LocalTime.of(10, 0));

    @Test
    void aBusinessHourWithinTheDayIsAnHour() {
        assertThat(steps.target(ClockSteps.Step.BUSINESS_HOUR, at(2026, 12, 7, 10, 15)))
                .isEqualTo(at(2026, 12, 7, 11, 15));
    }

    @Test
    void aBusinessHourNearClosingGoesOnTheNextBusinessDay() {
        // 15 minutes before Friday's closing, then 45 minutes on Monday.
        assertThat(steps.target(ClockSteps.Step.BUSINESS_HOUR, at(2026, 12, 4, 17, 15)))
                .isEqualTo(at(2026, 12, 7, 9, 45));
    }

    @Test
    void aBusinessHourSkipsTheHolidays() {
        assertThat(steps.target(ClockSteps.Step.BUSINESS_HOUR, at(2026, 11, 25, 17, 0)))
                .isEqualTo(at(2026, 11, 30, 9, 30));
    }

    @Test
    void theNextBusinessDayStartsAtItsOpening() {
        assertThat(steps.target(ClockSteps.Step.NEXT_BUSINESS_DAY, at(2026, 12, 7, 10, 15)))
                .isEqualTo(at(2026, 12, 8, 9, 0));
        assertThat(steps.target(ClockSteps.Step.NEXT_BUSINESS_DAY, at(2026, 12, 4, 11, 0)))
                .isEqualTo(at(2026, 12, 7, 9, 0));
        assertThat(steps.target(ClockSteps.Step.NEXT_BUSINESS_DAY, at(2026, 11, 25, 11, 0)))
                .isEqualTo(at(2026, 11, 30, 9, 0));
    }

    @Test
    void theNextQuarterStartsOnItsFirstBusinessDayAtReviewTime() {
        // January 1st is a holiday in the example agreement, not in this calendar; the 2nd is a Saturday.
        assertThat(steps.target(ClockSteps.Step.NEXT_QUARTER, at(2026, 12, 7, 10, 15)))
                .isEqualTo(at(2027, 1, 1, 10, 0));
        assertThat(steps.target(ClockSteps.Step.NEXT_QUARTER, at(2026, 8, 12, 15, 0)))
                .isEqualTo(at(2026, 10, 1, 10, 0));
    }

    @Test
    void aFreshDemoStartsInBusinessHours() {
        assertThat(steps.freshNow(at(2026, 12, 7, 14, 20))).isEqualTo(at(2026, 12, 7, 14, 20));
        assertThat(steps.freshNow(at(2026, 12, 5, 18, 0))).as("a Saturday").isEqualTo(at(2026, 12, 7, 10, 0));
        assertThat(steps.freshNow(at(2026, 12, 8, 7, 30))).as("before opening").isEqualTo(at(2026, 12, 8, 10, 0));
    }

    @Test
    void theStoryBeginsTheBusinessDayBeforeAnHourAfterOpening() {
        assertThat(steps.dayBefore(at(2026, 12, 7, 10, 0))).as("a Monday").isEqualTo(at(2026, 12, 4, 10, 0));
        assertThat(steps.dayBefore(at(2026, 11, 30, 14, 0))).as("after Thanksgiving")
                .isEqualTo(at(2026, 11, 25, 10, 0));
    }

    @Test
    void readsTheStepsThePageSends() {
        assertThat(ClockSteps.Step.parse("hour")).contains(ClockSteps.Step.BUSINESS_HOUR);
        assertThat(ClockSteps.Step.parse("DAY")).contains(ClockSteps.Step.NEXT_BUSINESS_DAY);
        assertThat(ClockSteps.Step.parse("quarter")).contains(ClockSteps.Step.NEXT_QUARTER);
        assertThat(ClockSteps.Step.parse("week")).isEmpty();
        assertThat(ClockSteps.Step.parse(null)).isEmpty();
    }

    private static Instant at(int year, int month, int day, int hour, int minute) {
        return LocalDateTime.of(year, month, day, hour, minute).atZone(CHICAGO).toInstant();
    }
}
