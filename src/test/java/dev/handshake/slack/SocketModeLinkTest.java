package dev.handshake.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What {@link SocketModeLink} shows before any connection opens, by a clock the test moves; connections: e2e. */
class SocketModeLinkTest {

    private static final Instant T0 = Instant.parse("2026-12-05T08:00:00Z");

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
    private final Slack slack = Slack.getInstance(new SlackConfig());
    private final App app = new App(AppConfig.builder().singleTeamBotToken("xoxb-link-test").slack(slack).build());
    private SocketModeLink link;

    @AfterEach
    void close() throws Exception {
        if (link != null) {
            link.close();
        }
        slack.close();
    }

    private SocketModeLink link(int wanted) {
        return new SocketModeLink(app, slack, "xapp-link-test", wanted, new SlackStatus(clock), clock,
                Duration.ofMinutes(1), 1);
    }

    @Test
    void withoutAConnectionForThirtySecondsTheLinkShowsAProblemWithItsFix() {
        link = link(3);

        SocketModeLink.Snapshot starting = link.snapshot();
        assertThat(starting.state()).isEqualTo("connecting");
        assertThat(starting.since()).isEqualTo(T0);
        assertThat(starting.connections()).isZero();
        assertThat(starting.wanted()).isEqualTo(3);
        assertThat(starting.slackCount()).isNull();
        assertThat(starting.lastDisconnectReason()).isNull();
        assertThat(starting.problem()).isNull();

        clock.advance(Duration.ofSeconds(29));
        assertThat(link.snapshot().problem()).isNull();
        clock.advance(Duration.ofSeconds(1));
        SlackStatus.Problem stalled = link.snapshot().problem();
        assertThat(stalled.where()).isEqualTo("socket_mode");
        assertThat(stalled.error()).isEqualTo("not_connected");
        assertThat(stalled.since()).isEqualTo(T0);
        assertThat(stalled.fix()).contains("443", "slack.com");
    }

    @Test
    void slackAllowsOneToTenConnections() {
        assertThatThrownBy(() -> link(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> link(11)).isInstanceOf(IllegalArgumentException.class);
    }
}
