package dev.handshake.handoff;

import static dev.handshake.handoff.RenderFixtures.REP;
import static dev.handshake.handoff.RenderFixtures.agreement;
import static dev.handshake.handoff.RenderFixtures.handoff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handshake.agreement.Agreement;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReminderNoticeTest {

    private static final String DUE_DATE =
            "<!date^1741114800^{date_short_pretty} at {time}|2025-03-04 13:00 America/Chicago>";
    private final Agreement agreement = agreement().build();

    @Test
    void threadReminderNamesTheAssigneeWhoIsRemindedDirectly() {
        Rendered rendered = ReminderNotice.thread(handoff().build(), agreement, Duration.ofMinutes(65),
                Names.from(id -> java.util.Optional.of("Rita Rep")));

        assertThat(RenderJson.sectionTexts(rendered)).containsExactly("Reminder: *Dana Whitfield* "
                + "(Northwind Logistics) is due in 1 h 05 min of business time — Rita Rep was reminded directly.");
        assertThat(rendered.text()).isEqualTo("Reminder: Dana Whitfield (Northwind Logistics) is due in "
                + "1 h 05 min of business time — Rita Rep was reminded directly.");
        // The direct message is the assignee's one ping for this step.
        RenderJson.assertOnlyAppMarkup(rendered, Set.of());
        assertThat(RenderJson.buttons(rendered)).isEmpty();
    }

    @Test
    void threadReminderWithoutAssigneeMentionsNobody() {
        Rendered rendered = ReminderNotice.thread(handoff().assignee(null).build(), agreement, Duration.ofHours(1));

        assertThat(RenderJson.sectionTexts(rendered)).containsExactly("Reminder: nobody has accepted or rejected "
                + "*Dana Whitfield* (Northwind Logistics) yet; it is due in 1 h of business time.");
        RenderJson.assertOnlyAppMarkup(rendered, Set.of());
    }

    @Test
    void lessThanAMinuteLeftIsSaidSo() {
        Rendered rendered = ReminderNotice.thread(handoff().build(), agreement, Duration.ofSeconds(20));

        assertThat(rendered.text()).contains("is due in less than 1 min of business time");
    }

    @Test
    void directMessageSaysWhenAndWhereTheLeadIs() {
        Rendered rendered = ReminderNotice.direct(handoff().build(), agreement, Duration.ofMinutes(45), "C0SALES001");

        assertThat(RenderJson.sectionTexts(rendered)).containsExactly("Reminder: *Dana Whitfield* (Northwind "
                + "Logistics) is due in 45 min of business time (" + DUE_DATE + "). The lead is in <#C0SALES001>.");
        assertThat(RenderJson.actionIds(rendered)).containsExactly("handoff_accept", "handoff_reject");
        assertThat(RenderJson.sectionTexts(ReminderNotice.direct(handoff().build(), agreement, Duration.ofMinutes(45),
                "C0SALES001", "https://acme.slack.com/archives/C0SALES001/p1741100400000100")).get(0))
                .endsWith("). <https://acme.slack.com/archives/C0SALES001/p1741100400000100|Open the lead in the sales "
                        + "channel>.");
        assertThat(rendered.text()).isEqualTo("Reminder: Dana Whitfield (Northwind Logistics) is due in 45 min of "
                + "business time (2025-03-04 13:00 America/Chicago) — accept or reject it in <#C0SALES001>.");
        RenderJson.assertOnlyAppMarkup(rendered, Set.of());
    }

    @Test
    void directMessageShowsAChannelNameAsText() {
        Rendered rendered = ReminderNotice.direct(handoff().build(), agreement, Duration.ofMinutes(45), "#sales");

        assertThat(rendered.text()).endsWith("— accept or reject it in #sales.");
    }

    @Test
    void negativeTimeLeftIsRefused() {
        assertThatThrownBy(() -> ReminderNotice.thread(handoff().build(), agreement, Duration.ofMinutes(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hostileTextCannotMentionAnyone() {
        Lead hostile = new Lead("<!channel>", null, null, "<@U0123ABCD>", null, null, null, null);
        Handoff h = handoff().lead(hostile).build();

        Rendered thread = ReminderNotice.thread(h, agreement, Duration.ofHours(1));
        Rendered unassigned = ReminderNotice.thread(handoff().lead(hostile).assignee(null).build(), agreement,
                Duration.ofHours(1));
        Rendered direct = ReminderNotice.direct(h, agreement, Duration.ofHours(1), "<!here>");

        RenderJson.assertOnlyAppMarkup(thread, Set.of(REP));
        RenderJson.assertOnlyAppMarkup(unassigned, Set.of());
        RenderJson.assertOnlyAppMarkup(direct, Set.of());
        assertThat(thread.text()).contains("Reminder: &lt;!channel&gt; (&lt;@U0123ABCD&gt;) is due");
        assertThat(direct.text()).endsWith("accept or reject it in &lt;!here&gt;.");
        assertThat(ReminderNotice.thread(handoff().assignee("<!everyone>").build(), agreement, Duration.ZERO).text())
                .endsWith("&lt;!everyone&gt; was reminded directly.");
    }

    @Test
    void hugeTextStaysWithinLimits() {
        String huge = RenderJson.huge(100_000, true);
        Handoff h = handoff().lead(new Lead(huge, huge, huge, huge, huge, 1, huge, huge)).assignee(huge).build();

        for (Rendered rendered : new Rendered[] {
            ReminderNotice.thread(h, agreement, Duration.ofHours(10_000)),
            ReminderNotice.direct(h, agreement, Duration.ofHours(10_000), huge)}) {
            RenderJson.assertWithinLimits(rendered);
            assertThat(RenderJson.json(rendered.blocks())).hasSizeLessThan(2_000);
        }
    }
}
