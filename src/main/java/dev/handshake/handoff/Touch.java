package dev.handshake.handoff;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/**
 * One thing marketing saw the lead do ({@code what}), at an instant or on a day; exactly one of {@code instant} and
 * {@code date} is set.
 */
public record Touch(Instant instant, LocalDate date, String what) {

    public Touch {
        Objects.requireNonNull(what, "what == null");
        if ((instant == null) == (date == null)) {
            throw new IllegalArgumentException("a touch has either an instant or a date");
        }
    }

    public static Touch at(Instant instant, String what) {
        return new Touch(Objects.requireNonNull(instant, "instant == null"), null, what);
    }

    public static Touch on(LocalDate date, String what) {
        return new Touch(null, Objects.requireNonNull(date, "date == null"), what);
    }

    /** As sent, normalised: {@code 2026-03-02T15:14:00Z} for an instant, {@code 2026-03-02} for a day. */
    public String atText() {
        return instant != null ? instant.toString() : date.toString();
    }

    /** The day it happened in {@code zone}. */
    public LocalDate day(ZoneId zone) {
        return date != null ? date : LocalDate.ofInstant(instant, zone);
    }

    /** When it happened for ordering: a day counts from its start in {@code zone}. */
    Instant sortKey(ZoneId zone) {
        return instant != null ? instant : date.atStartOfDay(zone).toInstant();
    }
}
