package dev.handshake.ask;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handshake.agreement.Metric;
import dev.handshake.agreement.SlackTarget;
import dev.handshake.agreement.StageHandoff;
import dev.handshake.agreement.Target;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FormattingTest {

    @ParameterizedTest
    @CsvSource({"1200000, USD, '$1,200,000 USD'", "1200000, usd, '$1,200,000 USD'", "1200000, EUR, '€1,200,000 EUR'",
            "1200000, CHF, '1,200,000 CHF'", "99.5, USD, '$99.50 USD'", "1000, Credits, '1,000 Credits'",
            "1000, '', '1,000'"})
    void money(String value, String currency, String expected) {
        assertThat(Amounts.money(new BigDecimal(value), currency)).isEqualTo(expected);
    }

    @Test
    void targets() {
        assertThat(Amounts.target(new Target("MQLs", new BigDecimal("600"), null, Metric.MQLS))).isEqualTo("MQLs: 600");
        assertThat(Amounts.target(new Target("Rate", new BigDecimal("0.8"), "%", null))).isEqualTo("Rate: 0.8%");
        assertThat(Amounts.target(new Target("Pipe", new BigDecimal("3000000"), "GBP", null)))
                .isEqualTo("Pipe: £3,000,000 GBP");
        assertThat(Amounts.target(new Target("Calls", null, "per week", null))).isEqualTo("Calls: — per week");
    }

    @ParameterizedTest
    @CsvSource({"PT4H, 4 business hours", "PT1H, 1 business hour", "PT30M, 30 business minutes",
            "PT1M, 1 business minute", "PT90M, 1 business hour 30 minutes", "PT2H1M, 2 business hours 1 minute",
            "PT16H, 16 business hours", "PT10S, 1 business minute"})
    void businessTime(Duration duration, String expected) {
        assertThat(Wording.businessTime(duration)).isEqualTo(expected);
    }

    @Test
    void handoffSentence() {
        assertThat(Wording.handoff(new StageHandoff("mql", Duration.ofHours(4), Duration.ofHours(8))))
                .isEqualTo("Sales accepts or rejects within 4 business hours; first contact within 8 business hours");
        assertThat(Wording.handoff(new StageHandoff("mql", Duration.ofHours(2), null)))
                .isEqualTo("Sales accepts or rejects within 2 business hours");
    }

    @Test
    void mentionsOnlyForWellFormedIds() {
        assertThat(Mentions.user("U024BE7LH")).isEqualTo("<@U024BE7LH>");
        assertThat(Mentions.user("W0123ABCD")).isEqualTo("<@W0123ABCD>");
        assertThat(Mentions.user("dana")).isEqualTo("dana");
        assertThat(Mentions.user("U1|<!here>")).isEqualTo("U1|&lt;!here&gt;");
        assertThat(Mentions.channel("C0SALES001")).isEqualTo("<#C0SALES001>");
        assertThat(Mentions.channel("sales-leads")).isEqualTo("#sales-leads");
        assertThat(Mentions.channel("#sales&leads")).isEqualTo("#sales&amp;leads");
        assertThat(Mentions.channel(null)).isEmpty();
        assertThat(Mentions.target(new SlackTarget(SlackTarget.Kind.USER_GROUP, "S0123ABCD")))
                .isEqualTo("<!subteam^S0123ABCD>");
        assertThat(Mentions.target(new SlackTarget(SlackTarget.Kind.USER_GROUP, "sales-managers")))
                .isEqualTo("sales-managers");
    }

    @ParameterizedTest
    @CsvSource({"Marketing-Qualified Lead, marketingqualifiedlead", "MQL, mql", "ＭＱＬ, mql", "ops_leader, opsleader",
            "'  線索 ', 線索", "🔥\uFE0F, 🔥", "%, %", "S.Q.L., sql", "Lead → MQL, lead→mql"})
    void termKeys(String text, String key) {
        assertThat(TermKey.of(text)).isEqualTo(key);
    }
}
