package dev.handshake.clock;

import static dev.handshake.clock.Calendars.everyDay;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Opening and closing times that fall into daylight-saving gaps and overlaps. */
class BusinessHoursDaylightSavingTest {

    @ParameterizedTest(name = "{0} {1} is a {2}")
    @CsvSource({
            "Europe/Berlin, 2025-03-30T02:30, gap",
            "Europe/Berlin, 2025-10-26T02:30, overlap",
            "America/Chicago, 2025-03-09T02:30, gap",
            "America/Chicago, 2025-11-02T01:30, overlap",
            "America/Santiago, 2024-09-08T00:00, gap",
            "America/Santiago, 2024-04-06T23:30, overlap",
            "America/Havana, 2024-03-10T00:30, gap",
            "America/Havana, 2024-11-03T00:30, overlap",
            "Asia/Beirut, 2024-03-31T00:00, gap",
            "Asia/Beirut, 2024-10-26T23:30, overlap",
            "America/Goose_Bay, 2010-11-06T23:30, overlap",
    })
    void timeZoneDataHasTheTransitionsTheseTestsRelyOn(ZoneId zone, LocalDateTime local, String kind) {
        ZoneOffsetTransition transition = zone.getRules().getTransition(local);

        assertThat(transition).isNotNull();
        assertThat(transition.isGap()).isEqualTo(kind.equals("gap"));
    }

    @ParameterizedTest(name = "{0} {1}–{2} on {3}: opens {4}, {5} of business time")
    @CsvSource({
            // Berlin, opening 02:30: in the gap on 2025-03-30, twice on 2025-10-26; neighbours unaffected
            "Europe/Berlin, 02:30, 17:30, 2025-03-29, 2025-03-29T01:30:00Z, PT15H",
            "Europe/Berlin, 02:30, 17:30, 2025-03-30, 2025-03-30T01:00:00Z, PT14H30M",
            "Europe/Berlin, 02:30, 17:30, 2025-03-31, 2025-03-31T00:30:00Z, PT15H",
            "Europe/Berlin, 02:30, 17:30, 2025-10-25, 2025-10-25T00:30:00Z, PT15H",
            "Europe/Berlin, 02:30, 17:30, 2025-10-26, 2025-10-26T00:30:00Z, PT16H",
            "Europe/Berlin, 02:30, 17:30, 2025-10-27, 2025-10-27T01:30:00Z, PT15H",
            "America/Chicago, 02:30, 17:30, 2025-03-09, 2025-03-09T08:00:00Z, PT14H30M",
            "America/Chicago, 01:30, 17:30, 2025-11-02, 2025-11-02T06:30:00Z, PT17H",
            // zones that switch at midnight
            "America/Santiago, 00:00, 08:00, 2024-09-07, 2024-09-07T04:00:00Z, PT8H",
            "America/Santiago, 00:00, 08:00, 2024-09-08, 2024-09-08T04:00:00Z, PT7H",
            "America/Santiago, 00:00, 08:00, 2024-04-07, 2024-04-07T04:00:00Z, PT8H",
            "America/Santiago, 16:00, 23:30, 2024-04-06, 2024-04-06T19:00:00Z, PT7H30M",
            "America/Havana, 00:30, 08:00, 2024-03-10, 2024-03-10T05:00:00Z, PT7H",
            "America/Havana, 00:30, 08:00, 2024-11-03, 2024-11-03T04:30:00Z, PT8H30M",
            "Asia/Beirut, 00:00, 08:00, 2024-03-30, 2024-03-29T22:00:00Z, PT8H",
            "Asia/Beirut, 00:00, 08:00, 2024-03-31, 2024-03-30T22:00:00Z, PT7H",
            "Asia/Beirut, 00:00, 08:00, 2024-10-27, 2024-10-26T22:00:00Z, PT8H",
            "Asia/Beirut, 22:00, 23:30, 2024-10-26, 2024-10-26T19:00:00Z, PT1H30M",
            // Goose Bay fell back from Sunday 00:01 to Saturday 23:01, so Sunday began once before Saturday ended
            "America/Goose_Bay, 00:00, 08:00, 2010-11-07, 2010-11-07T03:00:00Z, PT9H",
    })
    void dayAroundATransitionOpensOnceAndCountsRealTime(String zone, String opens, String closes, LocalDate date,
            Instant opening, Duration businessTime) {
        BusinessHours hours = new BusinessHours(everyDay(zone, opens, closes));
        ZoneId zoneId = ZoneId.of(zone);
        Instant startOfDay = date.atStartOfDay(zoneId).toInstant();
        Instant startOfNextDay = date.plusDays(1).atStartOfDay(zoneId).toInstant();
        Instant closing = opening.plus(businessTime);

        assertThat(hours.nextOpening(startOfDay)).isEqualTo(opening);
        assertThat(hours.between(startOfDay, startOfNextDay)).isEqualTo(businessTime);
        assertThat(hours.isOpen(opening.minusNanos(1))).isFalse();
        assertThat(hours.isOpen(opening)).isTrue();
        assertThat(hours.isOpen(closing.minusNanos(1))).isTrue();
        assertThat(hours.isOpen(closing)).isFalse();
        assertThat(hours.plus(startOfDay, businessTime)).isEqualTo(closing);
        assertThat(hours.minus(closing, businessTime)).isEqualTo(opening);
    }

    @Test
    void berlinOpeningInTheSpringGapOpensWhenTheClockJumps() {
        BusinessHours hours = new BusinessHours(everyDay("Europe/Berlin", "02:30", "17:30"));
        Instant saturdaySeventeen = Instant.parse("2025-03-29T16:00:00Z");

        // Half an hour before Saturday's closing, then half an hour from the jump to 03:00 CEST.
        assertThat(hours.plus(saturdaySeventeen, Duration.ofHours(1))).isEqualTo(Instant.parse("2025-03-30T01:30:00Z"));
        assertThat(hours.minus(Instant.parse("2025-03-30T01:30:00Z"), Duration.ofHours(1)))
                .isEqualTo(saturdaySeventeen);
        assertThat(hours.nextOpening(Instant.parse("2025-03-29T16:30:00Z")))
                .isEqualTo(Instant.parse("2025-03-30T01:00:00Z"));
    }

    @Test
    void berlinOpeningInTheAutumnOverlapStaysOpenThroughTheRepeatedHour() {
        BusinessHours hours = new BusinessHours(everyDay("Europe/Berlin", "02:30", "17:30"));

        // 01:15Z is 02:15 CET, the second pass through the repeated hour, after the first 02:30 (CEST).
        assertThat(hours.isOpen(Instant.parse("2025-10-26T01:15:00Z"))).isTrue();
        assertThat(hours.isOpen(Instant.parse("2025-10-26T00:29:59Z"))).isFalse();
        assertThat(hours.plus(Instant.parse("2025-10-26T00:30:00Z"), Duration.ofHours(15)))
                .isEqualTo(Instant.parse("2025-10-26T15:30:00Z"));
    }

    @Test
    void hoursEntirelyInsideAGapLeaveThatDayWithoutBusinessTime() {
        BusinessHours hours = new BusinessHours(everyDay("Europe/Berlin", "02:10", "02:50"));

        assertThat(hours.nextOpening(Instant.parse("2025-03-29T01:50:00Z")))
                .isEqualTo(Instant.parse("2025-03-31T00:10:00Z"));
        assertThat(hours.between(Instant.parse("2025-03-29T00:00:00Z"), Instant.parse("2025-03-31T01:00:00Z")))
                .isEqualTo(Duration.ofMinutes(80));
        assertThat(hours.plus(Instant.parse("2025-03-29T01:40:00Z"), Duration.ofMinutes(20)))
                .isEqualTo(Instant.parse("2025-03-31T00:20:00Z"));
        assertThat(hours.minus(Instant.parse("2025-03-31T00:20:00Z"), Duration.ofMinutes(20)))
                .isEqualTo(Instant.parse("2025-03-29T01:40:00Z"));
        assertThat(hours.isOpen(Instant.parse("2025-03-30T01:00:00Z"))).isFalse();
        assertThat(hours.firstBusinessDayOnOrAfter(LocalDate.parse("2025-03-30")))
                .isEqualTo(LocalDate.parse("2025-03-30"));
    }

    @Test
    void santiagoClosingInTheRepeatedHourClosesAtItsFirstOccurrence() {
        BusinessHours hours = new BusinessHours(everyDay("America/Santiago", "16:00", "23:30"));

        // 02:29Z is 23:29 at -03; 03:15Z is 23:15 at -04, the repeated hour after Saturday's closing.
        assertThat(hours.isOpen(Instant.parse("2024-04-07T02:29:00Z"))).isTrue();
        assertThat(hours.isOpen(Instant.parse("2024-04-07T03:15:00Z"))).isFalse();
        assertThat(hours.nextOpening(Instant.parse("2024-04-07T03:15:00Z")))
                .isEqualTo(Instant.parse("2024-04-07T20:00:00Z"));
        assertThat(hours.plus(Instant.parse("2024-04-07T02:00:00Z"), Duration.ofHours(1)))
                .isEqualTo(Instant.parse("2024-04-07T20:30:00Z"));
    }

    @Test
    void santiagoMidnightOpeningOnTheSpringSwitch() {
        BusinessHours hours = new BusinessHours(everyDay("America/Santiago", "00:00", "08:00"));

        assertThat(hours.nextOpening(Instant.parse("2024-09-07T12:00:00Z")))
                .isEqualTo(Instant.parse("2024-09-08T04:00:00Z"));
        assertThat(hours.plus(Instant.parse("2024-09-07T11:00:00Z"), Duration.ofHours(2)))
                .isEqualTo(Instant.parse("2024-09-08T05:00:00Z"));
        assertThat(hours.between(Instant.parse("2024-09-07T04:00:00Z"), Instant.parse("2024-09-09T03:00:00Z")))
                .isEqualTo(Duration.ofHours(15));
    }

    @Test
    void havanaOpeningInTheRepeatedHourStaysOpenWhenTheClockFallsBack() {
        BusinessHours hours = new BusinessHours(everyDay("America/Havana", "00:30", "08:00"));

        // 05:15Z is 00:15 at -05: the wall clock reads before opening, but the office opened at 00:30 (-04).
        assertThat(hours.isOpen(Instant.parse("2024-11-03T05:15:00Z"))).isTrue();
        assertThat(hours.nextOpening(Instant.parse("2024-03-10T04:00:00Z")))
                .isEqualTo(Instant.parse("2024-03-10T05:00:00Z"));
    }

    @Test
    void beirutMidnightOpeningOnTheSpringSwitch() {
        BusinessHours hours = new BusinessHours(everyDay("Asia/Beirut", "00:00", "08:00"));

        assertThat(hours.plus(Instant.parse("2024-03-30T05:00:00Z"), Duration.ofHours(2)))
                .isEqualTo(Instant.parse("2024-03-30T23:00:00Z"));
        assertThat(hours.between(Instant.parse("2024-03-29T21:00:00Z"), Instant.parse("2024-03-31T21:00:00Z")))
                .isEqualTo(Duration.ofHours(15));
    }

    @Test
    void fallingBackAcrossMidnightPutsTheRepeatedHourOfSaturdayIntoSundaysHours() {
        BusinessHours hours = new BusinessHours(everyDay("America/Goose_Bay", "00:00", "08:00"));
        // 03:30Z is Saturday 23:30 at -04, after Sunday 00:00 at -03 had already opened Sunday's hours.
        Instant repeatedSaturdayEvening = Instant.parse("2010-11-07T03:30:00Z");

        assertThat(hours.isOpen(repeatedSaturdayEvening)).isTrue();
        assertThat(hours.nextOpening(repeatedSaturdayEvening)).isEqualTo(repeatedSaturdayEvening);
        assertThat(hours.minus(repeatedSaturdayEvening, Duration.ofMinutes(10)))
                .isEqualTo(Instant.parse("2010-11-07T03:20:00Z"));
        assertThat(hours.minus(repeatedSaturdayEvening, Duration.ofMinutes(45)))
                .isEqualTo(Instant.parse("2010-11-06T10:45:00Z"));
        assertThat(hours.between(Instant.parse("2010-11-06T10:30:00Z"), repeatedSaturdayEvening))
                .isEqualTo(Duration.ofHours(1));
        assertThat(hours.plus(Instant.parse("2010-11-06T10:30:00Z"), Duration.ofHours(1)))
                .isEqualTo(repeatedSaturdayEvening);
    }
}
