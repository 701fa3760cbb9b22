package dev.handshake.e2e;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that starts at a chosen instant, runs at real speed, and can be moved forward by a test. */
final class MovableClock extends Clock {

    private final Instant base;
    private final long startNanos = System.nanoTime();
    private volatile Duration offset = Duration.ZERO;

    MovableClock(Instant base) {
        this.base = base;
    }

    void advance(Duration by) {
        offset = offset.plus(by);
    }

    /** Moves forward so that it reads {@code target} now (never backward). */
    void advanceTo(Instant target) {
        Duration gap = Duration.between(instant(), target);
        if (!gap.isNegative()) {
            advance(gap);
        }
    }

    @Override
    public Instant instant() {
        return base.plusNanos(System.nanoTime() - startNanos).plus(offset);
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
