package dev.handshake.handoff;

import static dev.handshake.handoff.RenderFixtures.DUE_EPOCH;
import static dev.handshake.handoff.RenderFixtures.agreement;
import static dev.handshake.handoff.RenderFixtures.handoff;
import static org.assertj.core.api.Assertions.assertThat;

import dev.handshake.agreement.Agreement;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AssigneeNoticeTest {

    private final Agreement agreement = agreement().build();

    @Test
    void pointsTheRepAtTheChannelWithTheLeadAndDeadline() {
        Rendered rendered = AssigneeNotice.render(handoff().build(), agreement, "C0SALES001");

        assertThat(RenderJson.sectionTexts(rendered)).containsExactly(
                "You have a new lead to accept or reject: Dana Whitfield (Northwind Logistics), due "
                        + "<!date^" + DUE_EPOCH + "^{date_short_pretty} at {time}|2025-03-04 13:00 America/Chicago>."
                        + " The lead is in <#C0SALES001>.");
        assertThat(RenderJson.actionIds(rendered)).containsExactly("handoff_accept", "handoff_reject");
        assertThat(rendered.text()).isEqualTo("You have a new lead to accept or reject in <#C0SALES001>: "
                + "Dana Whitfield (Northwind Logistics), due 2025-03-04 13:00 America/Chicago.");
    }

    @Test
    void channelNameIsShownAsText() {
        Rendered rendered = AssigneeNotice.render(handoff().build(), agreement, "#sales-leads");

        assertThat(RenderJson.sectionTexts(rendered).get(0))
                .startsWith("You have a new lead to accept or reject: Dana Whitfield").endsWith("in #sales-leads.");
        assertThat(RenderJson.sectionTexts(AssigneeNotice.render(handoff().build(), agreement, "#sales-leads",
                "https://acme.slack.com/archives/C1/p1")).get(0))
                .endsWith(". <https://acme.slack.com/archives/C1/p1|Open the lead in #sales-leads>.");
    }

    @Test
    void leadNameCannotMentionAnyone() {
        Lead hostile = new Lead("<!channel>", null, null, "<@U0123ABCD>", null, null, null, null);

        Rendered rendered = AssigneeNotice.render(handoff().lead(hostile).build(), agreement, "<!here>");

        RenderJson.assertOnlyAppMarkup(rendered, Set.of());
        assertThat(rendered.text()).contains("in &lt;!here&gt;: &lt;!channel&gt; (&lt;@U0123ABCD&gt;)");
    }

    @Test
    void hugeLeadStaysWithinLimits() {
        String huge = RenderJson.huge(100_000, true);
        Lead lead = new Lead(huge, huge, huge, huge, huge, 1, huge, huge);

        Rendered rendered = AssigneeNotice.render(handoff().lead(lead).build(), agreement, huge);

        RenderJson.assertWithinLimits(rendered);
        assertThat(RenderJson.json(rendered.blocks())).hasSizeLessThan(2_000);
    }

    @Test
    void reassignedLeadTellsTheNewRepWhatAndWhere() {
        Rendered rendered = AssigneeNotice.reassigned(handoff().assignee("U0REP0002").build(), agreement, "C0SALES001");

        assertThat(RenderJson.sectionTexts(rendered)).containsExactly(
                "A lead was reassigned to you: Dana Whitfield (Northwind Logistics), due "
                        + "<!date^" + DUE_EPOCH + "^{date_short_pretty} at {time}|2025-03-04 13:00 America/Chicago>."
                        + " The lead is in <#C0SALES001>.");
        assertThat(rendered.text()).isEqualTo("A lead was reassigned to you: Dana Whitfield (Northwind Logistics), "
                + "due 2025-03-04 13:00 America/Chicago — accept or reject it in <#C0SALES001>.");
        assertThat(RenderJson.actionIds(rendered)).containsExactly("handoff_accept", "handoff_reject");
    }

    @Test
    void reassignedWithoutDeadlineOrChannelIdSaysWhatIsKnown() {
        Handoff h = new Handoff(42, "hs-1001", "mql", RenderFixtures.dana(), "U0REP0002", null, List.of(),
                HandoffStatus.PENDING, RenderFixtures.RECEIVED, null, null, null, null, null, "2025.1");

        Rendered rendered = AssigneeNotice.reassigned(h, agreement, "#sales");

        assertThat(rendered.text()).isEqualTo(
                "A lead was reassigned to you: Dana Whitfield (Northwind Logistics) — "
                        + "accept or reject it in #sales.");
    }

    @Test
    void reassignedLeadNameCannotMentionAnyone() {
        Lead hostile = new Lead("<!channel>", null, null, "<@U0123ABCD>", null, null, null, null);

        Rendered rendered = AssigneeNotice.reassigned(handoff().lead(hostile).build(), agreement, "<!here>");

        RenderJson.assertOnlyAppMarkup(rendered, Set.of());
        assertThat(rendered.text()).startsWith("A lead was reassigned to you: &lt;!channel&gt; (&lt;@U0123ABCD&gt;)")
                .endsWith("in &lt;!here&gt;.");
    }

    @Test
    void reassignedHugeLeadStaysWithinLimits() {
        String huge = RenderJson.huge(100_000, false);
        Lead lead = new Lead(huge, huge, huge, huge, huge, 1, huge, huge);

        Rendered rendered = AssigneeNotice.reassigned(handoff().lead(lead).build(), agreement, huge);

        RenderJson.assertWithinLimits(rendered);
        assertThat(RenderJson.json(rendered.blocks())).hasSizeLessThan(2_000);
    }
}
