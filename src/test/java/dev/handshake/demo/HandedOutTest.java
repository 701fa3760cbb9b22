package dev.handshake.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Trigger ids and response URLs live as long as Slack's, and are used as often as Slack allows. */
class HandedOutTest {

    private final AtomicLong nanos = new AtomicLong();

    @Test
    void aTriggerOpensOneModalWithinThreeSeconds() {
        Triggers triggers = new Triggers(nanos::get);
        String trigger = triggers.issue(RunningDemo.AVA, 1_796_400_000L);
        nanos.addAndGet(Duration.ofMillis(2900).toNanos());
        assertThat(triggers.exchange(trigger)).isEqualTo(new Triggers.Exchange(RunningDemo.AVA, null));
        assertThat(triggers.exchange(trigger).error()).isEqualTo("exchanged_trigger_id");
        String late = triggers.issue(RunningDemo.AVA, 1_796_400_000L);
        nanos.addAndGet(Duration.ofMillis(3100).toNanos());
        assertThat(triggers.exchange(late).error()).isEqualTo("expired_trigger_id");
        assertThat(triggers.exchange("1.2.3").error()).isEqualTo("invalid_trigger_id");
        assertThat(triggers.exchange(null).error()).isEqualTo("invalid_trigger_id");
    }

    @Test
    void aResponseUrlTakesFiveAnswersWithinThirtyMinutes() {
        ResponseUrls urls = new ResponseUrls(nanos::get);
        ResponseUrls.Hook hook = new ResponseUrls.Hook(RunningDemo.AVA, RunningDemo.SALES, "1.000001", null, null);
        String id = urls.issue(hook);
        for (int use = 1; use <= 5; use++) {
            assertThat(urls.use(id)).as("use %d", use).contains(hook);
        }
        assertThat(urls.use(id)).as("a sixth").isEmpty();
        String old = urls.issue(hook);
        nanos.addAndGet(Duration.ofMinutes(31).toNanos());
        assertThat(urls.use(old)).isEmpty();
        assertThat(urls.use("unknown")).isEmpty();
    }
}
