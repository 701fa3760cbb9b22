package dev.handshake.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The demo's clock runs at real speed from where it was put, and only ever moves forward. */
class DemoClockTest {

    private static final Instant REAL = Instant.parse("2026-12-05T00:00:00Z");
    private final Clock real = Clock.fixed(REAL, ZoneOffset.UTC);

    @Test
    void startsWhereItIsPutAndKeepsItsOffset() {
        DemoClock clock = DemoClock.startingAt(real, Instant.parse("2026-12-04T16:00:00Z"));
        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-12-04T16:00:00Z"));
        assertThat(clock.offset()).isEqualTo(Duration.ofHours(-8));
        assertThat(new DemoClock(real, clock.offset()).instant()).isEqualTo(clock.instant());
    }

    @Test
    void movesForwardButNeverBack() {
        DemoClock clock = new DemoClock(real, Duration.ZERO);
        assertThat(clock.advanceTo(REAL.plus(Duration.ofHours(3)))).isEqualTo(REAL.plus(Duration.ofHours(3)));
        assertThat(clock.advanceTo(REAL.plus(Duration.ofHours(1)))).isEqualTo(REAL.plus(Duration.ofHours(3)));
        assertThat(clock.instant()).isEqualTo(REAL.plus(Duration.ofHours(3)));
    }
}
