package dev.handshake.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuarterTest {

    @ParameterizedTest(name = "{0} is in {1}")
    @CsvSource({
            "2026-01-01, 2026, 1",
            "2026-03-31, 2026, 1",
            "2026-04-01, 2026, 2",
            "2026-06-30, 2026, 2",
            "2026-07-01, 2026, 3",
            "2026-09-30, 2026, 3",
            "2026-10-01, 2026, 4",
            "2026-12-31, 2026, 4",
            "2024-02-29, 2024, 1",
            "1999-12-31, 1999, 4",
            "2000-01-01, 2000, 1",
    })
    void ofFindsTheQuarterOfADate(LocalDate date, int year, int number) {
        assertThat(Quarter.of(date)).isEqualTo(new Quarter(year, number));
    }

    @ParameterizedTest(name = "{0}-Q{1}: {2} to {3}")
    @CsvSource({
            "2026, 1, 2026-01-01, 2026-04-01",
            "2026, 2, 2026-04-01, 2026-07-01",
            "2026, 3, 2026-07-01, 2026-10-01",
            "2026, 4, 2026-10-01, 2027-01-01",
            "2025, 4, 2025-10-01, 2026-01-01",
    })
    void startIsTheFirstDayAndEndIsTheFirstDayOfTheNextQuarter(int year, int number, LocalDate start,
            LocalDate end) {
        Quarter quarter = new Quarter(year, number);

        assertThat(quarter.start()).isEqualTo(start);
        assertThat(quarter.end()).isEqualTo(end);
        assertThat(quarter.end()).isEqualTo(quarter.next().start());
    }

    @Test
    void nextAndPreviousCrossYearBoundaries() {
        assertThat(new Quarter(2026, 4).next()).isEqualTo(new Quarter(2027, 1));
        assertThat(new Quarter(2027, 1).previous()).isEqualTo(new Quarter(2026, 4));
        assertThat(new Quarter(2026, 2).next()).isEqualTo(new Quarter(2026, 3));
        assertThat(new Quarter(2026, 2).previous()).isEqualTo(new Quarter(2026, 1));
    }

    @Test
    void everyDayOfALeapYearLiesInItsQuarter() {
        for (LocalDate d = LocalDate.parse("2024-01-01"); d.getYear() == 2024; d = d.plusDays(1)) {
            Quarter quarter = Quarter.of(d);

            assertThat(d).isAfterOrEqualTo(quarter.start()).isBefore(quarter.end());
            assertThat(Quarter.of(quarter.end())).isEqualTo(quarter.next());
            assertThat(Quarter.of(quarter.start().minusDays(1))).isEqualTo(quarter.previous());
        }
    }

    @Test
    void toStringNamesYearAndQuarter() {
        assertThat(new Quarter(2026, 4)).hasToString("2026-Q4");
        assertThat(Quarter.of(LocalDate.parse("2027-02-14"))).hasToString("2027-Q1");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 5, -1})
    void numberMustBeOneToFour(int number) {
        assertThatThrownBy(() -> new Quarter(2026, number))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 to 4");
    }
}
