package dev.handshake.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BusinessDurationMessageTest {

    @ParameterizedTest
    @CsvSource({
        "0, less than 1 min",
        "59, less than 1 min",
        "60, 1 min",
        "2700, 45 min",
        "3600, 1 h",
        "4320, 1 h 12 min",
        "21780, 6 h 03 min",
        "45000, 12 h 30 min",
        "45059, 12 h 30 min",
        "360000, 100 h"
    })
    void formatsInHoursAndMinutesOnly(long seconds, String expected) {
        assertThat(BusinessDurations.format(Duration.ofSeconds(seconds))).isEqualTo(expected);
    }

    @Test
    void refusesNegativeDurations() {
        assertThatThrownBy(() -> BusinessDurations.format(Duration.ofMinutes(-5)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void namesWindowsAndSlas() {
        assertThat(BusinessDurations.window(Duration.ofHours(4))).isEqualTo("4 business hours");
        assertThat(BusinessDurations.window(Duration.ofHours(1))).isEqualTo("1 business hour");
        assertThat(BusinessDurations.window(Duration.ofMinutes(90))).isEqualTo("1 h 30 min of business time");
        assertThat(BusinessDurations.sla(Duration.ofHours(8))).isEqualTo("the 8-hour SLA");
        assertThat(BusinessDurations.sla(Duration.ofMinutes(30))).isEqualTo("the 30 min SLA");
    }
}
