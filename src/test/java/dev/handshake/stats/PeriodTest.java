package dev.handshake.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Reading the period of {@code /sla stats}, with today = Sunday 2026-11-15. */
class PeriodTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 15);

    private static Period parsed(String text) {
        Period.Parse parse = Period.parse(text, TODAY);
        assertThat(parse).as(text).isInstanceOf(Period.Parsed.class);
        return ((Period.Parsed) parse).period();
    }

    private static String refused(String text) {
        Period.Parse parse = Period.parse(text, TODAY);
        assertThat(parse).as(text).isInstanceOf(Period.Refused.class);
        return ((Period.Refused) parse).reason();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''                      | 2026-10-01 | 2026-12-31 | 2026-Q4",
            "this quarter            | 2026-10-01 | 2026-12-31 | 2026-Q4",
            "Last   Quarter          | 2026-07-01 | 2026-09-30 | 2026-Q3",
            "30d                     | 2026-10-17 | 2026-11-15 | Last 30 days",
            "last 30 days            | 2026-10-17 | 2026-11-15 | Last 30 days",
            "7 days                  | 2026-11-09 | 2026-11-15 | Last 7 days",
            "2026-Q3                 | 2026-07-01 | 2026-09-30 | 2026-Q3",
            "2025q1                  | 2025-01-01 | 2025-03-31 | 2025-Q1",
            "2026-10-01..2026-12-31  | 2026-10-01 | 2026-12-31 | 2026-10-01 to 2026-12-31",
            "2026-11-02 .. 2026-11-02| 2026-11-02 | 2026-11-02 | 2026-11-02 to 2026-11-02",
            "this month              | 2026-11-01 | 2026-11-30 | 2026-11",
            "last month              | 2026-10-01 | 2026-10-31 | 2026-10",
            "2026-02                 | 2026-02-01 | 2026-02-28 | 2026-02",
            "this year               | 2026-01-01 | 2026-12-31 | 2026",
            "last year               | 2025-01-01 | 2025-12-31 | 2025",
            "2024                    | 2024-01-01 | 2024-12-31 | 2024",
    })
    void readsEveryForm(String text, LocalDate from, LocalDate to, String label) {
        assertThat(parsed(text)).isEqualTo(new Period(from, to, label));
    }

    @Test
    void aMonthThatDoesNotExistIsExplained() {
        assertThat(refused("2026-13")).isEqualTo("There is no month 13; months go from 01 to 12.");
    }

    @Test
    void wholeMonthsQuartersAndYearsAreKnownAsSuchAndLabelsReadInSentences() {
        assertThat(parsed("this month").whole()).hasValueSatisfying(p -> assertThat(p.label()).isEqualTo("2026-11"));
        assertThat(parsed("2026-Q3").whole()).hasValueSatisfying(p -> assertThat(p.label()).isEqualTo("2026-Q3"));
        assertThat(parsed("2026").whole()).hasValueSatisfying(p -> assertThat(p.label()).isEqualTo("2026"));
        assertThat(parsed("30d").whole()).isEmpty();
        assertThat(parsed("2026-10-01..2026-10-31").whole()).isPresent();
        assertThat(parsed("30d").phrase()).isEqualTo("the last 30 days");
        assertThat(parsed("2026-Q3").phrase()).isEqualTo("2026-Q3");
    }

    @Test
    void lastQuarterInTheFirstQuarterIsTheYearBefore() {
        Period.Parse parse = Period.parse("last quarter", LocalDate.of(2027, 2, 10));

        assertThat(((Period.Parsed) parse).period())
                .isEqualTo(new Period(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 12, 31), "2026-Q4"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"banana", "last decade", "2026-10-01", "2026-10-01..", "q5", "30", "stats", "🙂"})
    void junkIsRefusedWithExamples(String text) {
        assertThat(refused(text)).startsWith("I can't read that as a period.").contains("`/sla stats 30d`");
    }

    @Test
    void aReversedRangeSaysSoAndShowsTheFix() {
        assertThat(refused("2026-12-31..2026-10-01"))
                .isEqualTo("The range ends before it starts: put the earlier date first, like 2026-10-01..2026-12-31.");
    }

    @Test
    void impossibleDatesZeroDaysAndHugeRangesAreRefused() {
        assertThat(refused("2026-02-30..2026-03-31")).contains("date that does not exist");
        assertThat(refused("0d")).startsWith("Pick from 1 to");
        assertThat(refused("2000-01-01..2026-01-01")).contains("longer than");
    }

    @Test
    void boundsAreMidnightsInTheZone() {
        Period november = new Period(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 30), "November");
        ZoneId chicago = ZoneId.of("America/Chicago");

        // Nov 1 starts on daylight time (UTC−5); Dec 1 on standard time (UTC−6).
        assertThat(november.start(chicago)).hasToString("2026-11-01T05:00:00Z");
        assertThat(november.end(chicago)).hasToString("2026-12-01T06:00:00Z");
        assertThat(november.dates()).isEqualTo("Nov 1, 2026 – Nov 30, 2026");
    }

    @Test
    void aPeriodCannotEndBeforeItStarts() {
        assertThatThrownBy(() -> new Period(LocalDate.of(2026, 2, 2), LocalDate.of(2026, 2, 1), "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
