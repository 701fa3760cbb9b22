package dev.handshake.handoff;

import static dev.handshake.handoff.RenderFixtures.MARKETER;
import static dev.handshake.handoff.RenderFixtures.REP;
import static dev.handshake.handoff.RenderFixtures.agreement;
import static dev.handshake.handoff.RenderFixtures.handoff;
import static org.assertj.core.api.Assertions.assertThat;

import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.SlackTarget;
import dev.handshake.agreement.SlackTarget.Kind;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContestNoticeTest {

    private static final Instant DECIDED = Instant.parse("2025-03-04T16:12:00Z");
    private final Handoff rejected = handoff()
            .rejected(REP, DECIDED, "Not a decision maker", "She is an intern").build();

    @Test
    void asksTheEscalationGroupForASecondLook() {
        Rendered rendered = ContestNotice.render(rejected, agreement().build(), MARKETER);

        String expected = "<!subteam^S0SALESMGR1> <@U0MKT0001> contests the rejection of Dana Whitfield "
                + "(reason: Not a decision maker). Please take a second look: uphold the rejection, or reopen the lead "
                + "for sales.";
        assertThat(RenderJson.sectionTexts(rendered)).containsExactly(expected);
        assertThat(rendered.text()).isEqualTo(expected);
        assertThat(RenderJson.contextTexts(rendered)).containsExactly("Rejected by <@U0REP0001> — She is an intern");
        assertThat(RenderJson.actionIds(rendered)).containsExactly("handoff_uphold", "handoff_reopen");
    }

    @Test
    void namesTheMarketerWithoutPingingThem() {
        Rendered rendered = ContestNotice.render(rejected, agreement().build(), MARKETER,
                Names.from(id -> java.util.Optional.of("Mia <Marketing>")));

        assertThat(rendered.text()).startsWith("<!subteam^S0SALESMGR1> Mia &lt;Marketing&gt; contests the rejection");
        RenderJson.assertOnlyAppMarkup(rendered, Set.of(REP));
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

        Rendered rendered = ContestNotice.render(rejected, a, MARKETER);

        assertThat(RenderJson.sectionTexts(rendered).get(0))
                .startsWith(addressed + " <@U0MKT0001> contests the rejection of Dana Whitfield");
    }

    @Test
    void withoutEscalationTargetItStillAsks() {
        Rendered rendered = ContestNotice.render(rejected, agreement().escalation(null).build(), MARKETER);

        assertThat(rendered.text()).startsWith("<@U0MKT0001> contests the rejection of Dana Whitfield");
    }

    @Test
    void userTextCannotMentionAnyone() {
        Lead hostile = new Lead("<!channel>", null, null, null, null, null, null, null);
        Handoff h = handoff().lead(hostile).rejected(REP, DECIDED, "<!here>", "<@U0123ABCD>").build();

        Rendered rendered = ContestNotice.render(h, agreement().build(), "<!everyone>");

        RenderJson.assertOnlyAppMarkup(rendered, Set.of(REP));
        assertThat(rendered.text()).isEqualTo("<!subteam^S0SALESMGR1> &lt;!everyone&gt; contests the rejection of "
                + "&lt;!channel&gt; (reason: &lt;!here&gt;). Please take a second look: uphold the rejection, or reopen "
                + "the lead for sales.");
    }

    @Test
    void hugeTextStaysWithinLimits() {
        String huge = RenderJson.huge(100_000, false);
        Handoff h = handoff().lead(new Lead(huge, null, null, null, null, null, null, null))
                .rejected(huge, DECIDED, huge, huge).build();

        Rendered rendered = ContestNotice.render(h, agreement().build(), huge);

        RenderJson.assertWithinLimits(rendered);
        assertThat(RenderJson.json(rendered.blocks())).hasSizeLessThan(3_000);
    }
}
