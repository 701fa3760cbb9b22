package dev.handshake.slack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link Mrkdwn#mention}: a mention only for an id of Slack's shape, escaped text for anything else. */
class MrkdwnMentionTest {

    @Test
    void aUserIdBecomesAMention() {
        assertThat(Mrkdwn.mention("U05SDRAVA01")).isEqualTo("<@U05SDRAVA01>");
        assertThat(Mrkdwn.mention("W0ENTERPRISE1")).isEqualTo("<@W0ENTERPRISE1>");
    }

    @Test
    void anIdCarryingMarkupCannotCloseTheMentionOrAddItsOwn() {
        String shown = Mrkdwn.mention("U0X><!channel>|<@U0EVIL666>&x");

        assertThat(shown).doesNotContain("<", ">").doesNotContain("<!channel").startsWith("U0X&gt;&lt;!channel&gt;");
    }

    @Test
    void aLongNonIdIsCutWithoutBreakingAnEntity() {
        String shown = Mrkdwn.mention("<".repeat(100));

        assertThat(shown).hasSizeLessThanOrEqualTo(40).endsWith("…").doesNotContain("<").matches("(&lt;)+…");
    }

    @Test
    void nobodyIsSomeone() {
        assertThat(Mrkdwn.mention(null)).isEqualTo("someone");
        assertThat(Mrkdwn.mention("  ")).isEqualTo("someone");
    }
}
