package dev.handshake.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The demo's clock, and the app's while the demo runs: real time shifted by an offset that only ever grows, so the
 * demo can jump to the next business hour, day or quarter and the app's timers fire within seconds. Thread-safe.
 */
public final class DemoClock extends Clock {

    private final Clock real;
    private final AtomicReference<Duration> offset;

    /** A clock that reads {@code real} shifted by {@code offset}. */
    public DemoClock(Clock real, Duration offset) {
        this.real = Objects.requireNonNull(real, "real == null");
        this.offset = new AtomicReference<>(Objects.requireNonNull(offset, "offset == null"));
    }

    /** A clock that reads {@code start} now and runs on from there at {@code real}'s pace. */
    public static DemoClock startingAt(Clock real, Instant start) {
        return new DemoClock(real, Duration.between(real.instant(), start));
    }

    @Override
    public Instant instant() {
        return real.instant().plus(offset.get());
    }

    /** How far the clock is ahead of (or, before any jump on a fresh start, behind) real time. */
    public Duration offset() {
        return offset.get();
    }

    /** Moves the clock forward so that it reads {@code target} now; a target in the past changes nothing. */
    public Instant advanceTo(Instant target) {
        Objects.requireNonNull(target, "target == null");
        Duration shift = offset.updateAndGet(current -> {
            Duration gap = Duration.between(real.instant().plus(current), target);
            return gap.isNegative() ? current : current.plus(gap);
        });
        return real.instant().plus(shift);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the app reads instants only");
    }
}
