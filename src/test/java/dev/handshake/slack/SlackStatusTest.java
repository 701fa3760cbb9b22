package dev.handshake.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The token's health and the ration of probes while Slack refuses it. */
class SlackStatusTest {

    private static final Instant T0 = Instant.parse("2026-03-02T15:00:00Z");

    /** A clock a test moves by hand. */
    private static final class HandClock extends Clock {
        private Instant now = T0;

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private final HandClock clock = new HandClock();
    private final SlackStatus status = new SlackStatus(clock, Duration.ofSeconds(60));

    @Test
    void whileTheTokenWorksEveryCallGoes() {
        for (int i = 0; i < 5; i++) {
            assertThat(status.reasonToHoldCall()).isNull();
        }
        assertThat(status.snapshot().status()).isEqualTo("ok");
    }

    @Test
    void aRefusedTokenLetsOneProbeThroughPerIntervalAndHoldsTheRest() {
        status.authFailed("token_revoked");

        assertThat(status.snapshot().status()).isEqualTo("unhealthy");
        assertThat(status.reasonToHoldCall()).as("the failed call was the probe").isEqualTo("token_revoked");
        clock.advance(Duration.ofSeconds(59));
        assertThat(status.reasonToHoldCall()).isEqualTo("token_revoked");
        assertThat(status.nextAuthProbe()).isEqualTo(T0.plusSeconds(60));

        clock.advance(Duration.ofSeconds(1));
        assertThat(status.reasonToHoldCall()).as("a minute on: one probe").isNull();
        assertThat(status.reasonToHoldCall()).as("a second caller at the same moment").isEqualTo("token_revoked");
        assertThat(status.nextAuthProbe()).isEqualTo(T0.plusSeconds(120));
    }

    @Test
    void aProbeThatFailsAgainStartsTheNextIntervalFromItsAnswer() {
        status.authFailed("invalid_auth");
        clock.advance(Duration.ofSeconds(60));
        assertThat(status.reasonToHoldCall()).isNull();
        clock.advance(Duration.ofSeconds(10)); // the probe's answer took 10 s
        status.authFailed("invalid_auth");

        assertThat(status.nextAuthProbe()).isEqualTo(T0.plusSeconds(130));
        clock.advance(Duration.ofSeconds(55));
        assertThat(status.reasonToHoldCall()).isEqualTo("invalid_auth");
    }

    @Test
    void aSuccessfulCallEndsTheRationAndTheUnhealthyStatus() {
        status.authFailed("token_revoked");
        clock.advance(Duration.ofSeconds(60));
        assertThat(status.reasonToHoldCall()).isNull();
        status.succeeded("#sales-leads");

        assertThat(status.snapshot().status()).isEqualTo("ok");
        assertThat(status.authBroken()).isFalse();
        assertThat(status.reasonToHoldCall()).isNull();
        assertThat(status.reasonToHoldCall()).isNull();
    }

    @Test
    void theDefaultIntervalIsOneMinuteAndItMustBePositive() {
        assertThat(new SlackStatus(clock).authProbeInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThatThrownBy(() -> new SlackStatus(clock, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void overSocketModeARefusedLinkIsUnhealthyWithItsFixUntilAConnectionIsLetIn() {
        status.linkRefused("app_token", "invalid_auth", "Check SLACK_APP_TOKEN");
        clock.advance(Duration.ofMinutes(1));
        status.linkRefused("app_token", "invalid_auth", "Check SLACK_APP_TOKEN");

        SlackStatus.Snapshot refused = status.snapshot();
        assertThat(refused.status()).isEqualTo("unhealthy");
        assertThat(refused.problems()).containsOnlyKeys("app_token");
        assertThat(refused.problems().get("app_token").since()).as("kept from the first refusal").isEqualTo(T0);
        assertThat(status.reasonToHoldCall()).as("the bot token's calls are not held").isNull();

        status.linkRefused("socket_mode", "link_disabled", "Turn Socket Mode on");
        assertThat(status.snapshot().problems()).containsOnlyKeys("socket_mode");

        status.linkAccepted();
        assertThat(status.snapshot().status()).isEqualTo("ok");
        assertThat(status.snapshot().problems()).isEmpty();
    }
}
