package dev.handshake.review;

import dev.handshake.agreement.ReviewTerms;
import dev.handshake.clock.BusinessHours;
import dev.handshake.clock.Quarter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Objects;

/** When the agreement is next due for review: the first business day of each period, at the agreed time. */
public final class ReviewSchedule {

    private final ReviewTerms terms;
    private final BusinessHours hours;

    public ReviewSchedule(ReviewTerms terms, BusinessHours hours) {
        this.terms = Objects.requireNonNull(terms, "terms == null");
        this.hours = Objects.requireNonNull(hours, "hours == null");
    }

    /** A review falling due: the period it belongs to (e.g. {@code 2026-Q4}) and when. */
    public record Due(String period, ZonedDateTime at) {}

    /** The date of {@code now} in the agreement's calendar. */
    public java.time.LocalDate today(Instant now) {
        return now.atZone(hours.calendar().zone()).toLocalDate();
    }

    /** The review of the period that contains {@code now} (it may still be ahead, on the period's first business day). */
    public Due current(Instant now) {
        LocalDate today = now.atZone(hours.calendar().zone()).toLocalDate();
        LocalDate start = periodStart(today);
        String key = terms.cadence() == ReviewTerms.Cadence.QUARTERLY
                ? Quarter.of(today).toString() : start.toString().substring(0, 7);
        return new Due(key, reviewIn(start));
    }

    /** The period just before the one containing {@code now}: what its review looks back on. */
    public LocalDate[] previousPeriod(Instant now) {
        LocalDate today = now.atZone(hours.calendar().zone()).toLocalDate();
        LocalDate start = periodStart(today);
        LocalDate previousStart = terms.cadence() == ReviewTerms.Cadence.QUARTERLY
                ? Quarter.of(start).previous().start() : start.minusMonths(1);
        return new LocalDate[] {previousStart, start.minusDays(1)};
    }

    /** The next review moment at or after {@code now}. */
    public ZonedDateTime next(Instant now) {
        LocalDate today = now.atZone(hours.calendar().zone()).toLocalDate();
        ZonedDateTime thisPeriod = reviewIn(periodStart(today));
        if (!thisPeriod.toInstant().isBefore(now)) {
            return thisPeriod;
        }
        return reviewIn(nextPeriodStart(today));
    }

    private ZonedDateTime reviewIn(LocalDate periodStart) {
        LocalDate day = hours.firstBusinessDayOnOrAfter(periodStart);
        return day.atTime(terms.time()).atZone(hours.calendar().zone());
    }

    private LocalDate periodStart(LocalDate day) {
        return terms.cadence() == ReviewTerms.Cadence.QUARTERLY ? Quarter.of(day).start() : day.withDayOfMonth(1);
    }

    private LocalDate nextPeriodStart(LocalDate day) {
        return terms.cadence() == ReviewTerms.Cadence.QUARTERLY
                ? Quarter.of(day).next().start() : day.withDayOfMonth(1).plusMonths(1);
    }
}
