package dev.handshake.clock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Round-trip properties of plus, minus and between over many seeded random instants and durations. */
class BusinessHoursPropertyTest {

    private static final Instant FROM = Instant.parse("2024-01-01T00:00:00Z");
    private static final Instant UNTIL = Instant.parse("2027-01-01T00:00:00Z");
    private static final long MAX_BUSINESS_MILLIS = Duration.ofHours(300).toMillis();
    private static final int CASES = 2_000;

    static Stream<Arguments> calendars() {
        return Stream.of(
                Arguments.of("Chicago with holidays", Calendars.CHICAGO),
                Arguments.of("Berlin", Calendars.BERLIN),
                Arguments.of("Berlin every day from 02:30", Calendars.everyDay("Europe/Berlin", "02:30", "17:30")),
                Arguments.of("Santiago every day from midnight", Calendars.everyDay("America/Santiago", "00:00", "08:00")),
                Arguments.of("Havana every day from 00:30", Calendars.everyDay("America/Havana", "00:30", "08:00")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("calendars")
    void betweenUndoesPlusForAnyStart(String name, BusinessCalendar calendar) {
        BusinessHours hours = new BusinessHours(calendar);
        Random random = new Random(20251007L);
        for (int i = 0; i < CASES; i++) {
            Instant start = randomInstant(random);
            Duration businessTime = randomDuration(random);

            Instant end = hours.plus(start, businessTime);

            assertThat(hours.between(start, end)).as("%s + %s", start, businessTime).isEqualTo(businessTime);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("calendars")
    void minusUndoesPlusBackToTheStartWhenOpen(String name, BusinessCalendar calendar) {
        BusinessHours hours = new BusinessHours(calendar);
        Random random = new Random(42L);
        int openStarts = 0;
        for (int i = 0; i < CASES; i++) {
            Instant start = randomInstant(random);
            Duration businessTime = randomDuration(random);

            Instant back = hours.minus(hours.plus(start, businessTime), businessTime);

            // A start outside business hours counts from the next opening, so that is where minus lands.
            assertThat(back).as("%s + %s", start, businessTime).isEqualTo(hours.nextOpening(start));
            if (hours.isOpen(start)) {
                openStarts++;
                assertThat(back).as("%s + %s", start, businessTime).isEqualTo(start);
            }
        }
        assertThat(openStarts).isGreaterThan(CASES / 10);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("calendars")
    void minusLeavesExactlyTheRequestedBusinessTime(String name, BusinessCalendar calendar) {
        BusinessHours hours = new BusinessHours(calendar);
        Random random = new Random(7L);
        for (int i = 0; i < CASES; i++) {
            Instant deadline = randomInstant(random);
            Duration businessTime = randomDuration(random);

            Instant reminder = hours.minus(deadline, businessTime);

            assertThat(reminder).isBeforeOrEqualTo(deadline);
            assertThat(hours.between(reminder, deadline)).as("%s - %s", deadline, businessTime)
                    .isEqualTo(businessTime);
            // Any later instant would leave less than the requested time.
            if (!businessTime.isZero()) {
                assertThat(hours.between(reminder.plusNanos(1), deadline)).isLessThan(businessTime);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("calendars")
    void nextOpeningIsOpenAndSkipsNoBusinessTime(String name, BusinessCalendar calendar) {
        BusinessHours hours = new BusinessHours(calendar);
        Random random = new Random(99L);
        for (int i = 0; i < CASES; i++) {
            Instant t = randomInstant(random);

            Instant opening = hours.nextOpening(t);

            assertThat(opening).isAfterOrEqualTo(t);
            assertThat(hours.isOpen(opening)).as("next opening after %s", t).isTrue();
            assertThat(hours.between(t, opening)).isZero();
            assertThat(hours.isOpen(t)).isEqualTo(opening.equals(t));
        }
    }

    private static Instant randomInstant(Random random) {
        long span = UNTIL.getEpochSecond() - FROM.getEpochSecond();
        return FROM.plusSeconds((long) (random.nextDouble() * span)).plusNanos(random.nextInt(1_000_000_000));
    }

    private static Duration randomDuration(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> Duration.ofMinutes(random.nextInt(120));
            case 1 -> Duration.ofSeconds(random.nextInt(40 * 3600), random.nextInt(1_000_000_000));
            default -> Duration.ofMillis((long) (random.nextDouble() * MAX_BUSINESS_MILLIS));
        };
    }
}
