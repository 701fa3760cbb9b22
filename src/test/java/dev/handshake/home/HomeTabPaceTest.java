package dev.handshake.home;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How long a user's next App Home publish waits after one whose render took a given time. */
class HomeTabPaceTest {

    @Test
    void aQuickRenderWaitsTheSecondOfTheBaseline() {
        assertThat(HomeTab.pauseAfter(Duration.ZERO)).isEqualTo(Duration.ofSeconds(1));
        assertThat(HomeTab.pauseAfter(Duration.ofMillis(100))).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aSlowRenderWaitsTenTimesAsLongSoRendersTakeAtMostATenthOfTheTime() {
        assertThat(HomeTab.pauseAfter(Duration.ofMillis(101))).isEqualTo(Duration.ofMillis(1010));
        assertThat(HomeTab.pauseAfter(Duration.ofMillis(280))).isEqualTo(Duration.ofMillis(2800));
    }

    @Test
    void howeverSlowTheRenderAChangeShowsWithinFiveSeconds() {
        assertThat(HomeTab.pauseAfter(Duration.ofMillis(500))).isEqualTo(Duration.ofSeconds(5));
        assertThat(HomeTab.pauseAfter(Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(5));
    }
}
