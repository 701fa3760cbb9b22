package dev.handshake.demo;

import dev.handshake.clock.BusinessHours;
import dev.handshake.clock.Quarter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** Where the demo's clock control moves the clock, on the agreement's business calendar. */
final class ClockSteps {

    /** The steps the page offers. */
    enum Step {
        /** One hour of business time later (across the night, the weekend or a holiday). */
        BUSINESS_HOUR,
        /** The opening of the first business day after today. */
        NEXT_BUSINESS_DAY,
        /** The first business day of the next quarter, at the review's time of day. */
        NEXT_QUARTER;

        static Optional<Step> parse(String name) {
            if (name == null) {
                return Optional.empty();
            }
            return switch (name.toLowerCase(Locale.ROOT)) {
                case "hour" -> Optional.of(BUSINESS_HOUR);
                case "day" -> Optional.of(NEXT_BUSINESS_DAY);
                case "quarter" -> Optional.of(NEXT_QUARTER);
                default -> Optional.empty();
            };
        }
    }

    private final BusinessHours hours;
    private final LocalTime reviewTime;

    ClockSteps(BusinessHours hours, LocalTime reviewTime) {
        this.hours = Objects.requireNonNull(hours, "hours == null");
        this.reviewTime = Objects.requireNonNull(reviewTime, "reviewTime == null");
    }

    Instant target(Step step, Instant now) {
        ZoneId zone = hours.calendar().zone();
        LocalDate today = now.atZone(zone).toLocalDate();
        return switch (step) {
            case BUSINESS_HOUR -> hours.plus(now, Duration.ofHours(1));
            case NEXT_BUSINESS_DAY -> hours.firstBusinessDayOnOrAfter(today.plusDays(1))
                    .atTime(hours.calendar().opens()).atZone(zone).toInstant();
            case NEXT_QUARTER -> hours.firstBusinessDayOnOrAfter(Quarter.of(today).next().start())
                    .atTime(reviewTime).atZone(zone).toInstant();
        };
    }

    /** Where a fresh demo's day starts: now when the calendar is open, otherwise an hour after the next opening. */
    Instant freshNow(Instant realNow) {
        return hours.isOpen(realNow) ? realNow : hours.nextOpening(realNow).plus(Duration.ofHours(1));
    }

    /** 10:00 (an hour after opening) on the business day before {@code now}'s: where the seeded story begins. */
    Instant dayBefore(Instant now) {
        ZoneId zone = hours.calendar().zone();
        LocalDate day = now.atZone(zone).toLocalDate().minusDays(1);
        while (!hours.calendar().isBusinessDay(day)) {
            day = day.minusDays(1);
        }
        return day.atTime(hours.calendar().opens()).atZone(zone).toInstant().plus(Duration.ofHours(1));
    }
}
