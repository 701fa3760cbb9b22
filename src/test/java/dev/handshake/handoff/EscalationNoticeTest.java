package dev.handshake.handoff;

import static dev.handshake.handoff.RenderFixtures.REP;
import static dev.handshake.handoff.RenderFixtures.agreement;
import static dev.handshake.handoff.RenderFixtures.handoff;
import static org.assertj.core.api.Assertions.assertThat;

import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.SlackTarget;
import dev.handshake.agreement.SlackTarget.Kind;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EscalationNoticeTest {

    private final Agreement agreement = agreement().build();

    @Test
    void tellsTheTargetWhoHadTheLead() {
        Rendered rendered = EscalationNotice.render(handoff().build(), agreement, REP);

        assertThat(RenderJson.sectionTexts(rendered)).containsExactly("<!subteam^S0SALESMGR1> Overdue: nobody "
                + "accepted or rejected *Dana Whitfield* within the 4-hour SLA (it was with <@U0REP0001>). Reassign it "
                + "or take it.");
        assertThat(rendered.text()).isEqualTo("<!subteam^S0SALESMGR1> Overdue: nobody accepted or rejected "
                + "Dana Whitfield within the 4-hour SLA (it was with <@U0REP0001>). Reassign it or take it.");
        // Without a pool, Reassign… opens the picker of anyone.
        assertThat(RenderJson.actionIds(rendered)).containsExactly("handoff_reassign_other", "handoff_take");
    }

    @Test
    void reassignOffersThePoolByNameLeavingOutWhoHoldsIt() {
        var pool = java.util.List.of(new Picker.Candidate(REP, "Rita Rep"), new Picker.Candidate("U0AVA0001", "Ava (away)"),
                new Picker.Candidate("U0BEN0001", "Ben"));

        Rendered rendered = EscalationNotice.render(handoff().build(), agreement, REP, pool);

        var menu = RenderJson.tree(rendered.blocks()).findValues("options").get(0);
        java.util.List<String> offered = new java.util.ArrayList<>();
        menu.forEach(option -> offered.add(option.path("text").path("text").asText() + "="
                + option.path("value").asText()));
        assertThat(offered).containsExactly("Ava (away)=42:U0AVA0001", "Ben=42:U0BEN0001", "Someone else…=42:other");
    }

    @Test
    void unassignedLeadSaysNobodyWasAssigned() {
        Rendered rendered = EscalationNotice.render(handoff().assignee(null).build(), agreement, null);

        assertThat(rendered.text()).endsWith("within the 4-hour SLA (nobody was assigned). Reassign it or take it.");
        RenderJson.assertOnlyAppMarkup(rendered, Set.of());
    }

    @ParameterizedTest
    @CsvSource({
        "USER, U0SALESMGR, <@U0SALESMGR>",
        "USER_GROUP, S0SALESMGR1, <!subteam^S0SALESMGR1>",
        "CHANNEL, C0ESCALATE, <#C0ESCALATE>",
        "CHANNEL, #sales-managers, #sales-managers",
        "USER_GROUP, <!channel>, &lt;!channel&gt;"
    })
    void addressesEachKindOfTarget(Kind kind, String id, String addressed) {
        Agreement a = agreement().escalation(new SlackTarget(kind, id)).build();

        Rendered rendered = EscalationNotice.render(handoff().build(), a, REP);

        assertThat(RenderJson.sectionTexts(rendered).get(0)).startsWith(addressed + " Overdue: nobody accepted");
        RenderJson.assertOnlyAppMarkup(rendered, Set.of(REP, "U0SALESMGR"));
    }

    @Test
    void windowThatIsNotWholeHoursOrMissingIsSaidPlainly() {
        Agreement ninety = agreement().responseTime(Duration.ofMinutes(90)).escalation(null).build();
        Agreement none = agreement().responseTime(null).build();

        assertThat(EscalationNotice.render(handoff().build(), ninety, REP).text()).isEqualTo(
                "Overdue: nobody accepted or rejected Dana Whitfield within the 1 h 30 min SLA "
                        + "(it was with <@U0REP0001>). Reassign it or take it.");
        assertThat(EscalationNotice.render(handoff().build(), none, REP).text())
                .contains("Dana Whitfield by the deadline (it was with <@U0REP0001>).");
    }

    @Test
    void hostileTextCannotMentionAnyone() {
        Lead hostile = new Lead("<!channel>", null, null, null, null, null, null, null);

        Rendered rendered = EscalationNotice.render(handoff().lead(hostile).build(), agreement, "<!here>");

        RenderJson.assertOnlyAppMarkup(rendered, Set.of());
        assertThat(rendered.text()).isEqualTo("<!subteam^S0SALESMGR1> Overdue: nobody accepted or rejected "
                + "&lt;!channel&gt; within the 4-hour SLA (it was with &lt;!here&gt;). Reassign it or take it.");
    }

    @Test
    void hugeTextStaysWithinLimits() {
        String huge = RenderJson.huge(100_000, false);
        Handoff h = handoff().lead(new Lead(huge, null, null, huge, null, null, null, null)).build();
        Agreement a = agreement().escalation(new SlackTarget(Kind.CHANNEL, huge)).build();

        Rendered rendered = EscalationNotice.render(h, a, huge);

        RenderJson.assertWithinLimits(rendered);
        assertThat(RenderJson.json(rendered.blocks())).hasSizeLessThan(2_000);
    }
}
