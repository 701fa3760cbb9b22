package dev.handshake.handoff;

import static dev.handshake.handoff.RenderFixtures.MARKETER;
import static dev.handshake.handoff.RenderFixtures.REP;
import static dev.handshake.handoff.RenderFixtures.agreement;
import static dev.handshake.handoff.RenderFixtures.handoff;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handshake.agreement.Agreement;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MarketingNoticeTest {

    private static final Instant DECIDED = Instant.parse("2025-03-04T16:12:00Z");
    private final Agreement agreement = agreement().build();

    private RenderFixtures.HandoffBuilder rejected() {
        return handoff().rejected(REP, DECIDED, "Not a decision maker", "She is an intern");
    }

    @Test
    void beforeMarketingAnswersItOffersRecycleAndContest() {
        Rendered rendered = MarketingNotice.render(rejected().build(), agreement);

        assertThat(RenderJson.sectionTexts(rendered)).containsExactly(
                "*Sales rejected Dana Whitfield (Northwind Logistics)*",
                "*Rejected by* <@U0REP0001> · *Stage* MQL\n*Reason:* Not a decision maker\n"
                        + "*Comment:* She is an intern");
        assertThat(RenderJson.fieldTexts(rendered)).contains("*Name*\nDana Whitfield", "*Score*\n87");
        List<JsonNode> buttons = RenderJson.buttons(rendered);
        assertThat(buttons).extracting(b -> b.path("action_id").asText())
                .containsExactly(HandoffActions.RECYCLE, HandoffActions.CONTEST);
        assertThat(buttons).extracting(b -> b.path("text").path("text").asText())
                .containsExactly("Recycle to nurture", "Contest");
        assertThat(buttons).extracting(b -> b.path("value").asText()).containsExactly("42", "42");
        assertThat(rendered.text())
                .isEqualTo("Sales rejected Dana Whitfield (Northwind Logistics) (MQL): Not a decision maker");
    }

    @Test
    void withoutCommentItLeavesTheLineOut() {
        Handoff h = handoff().rejected(REP, DECIDED, "Bad contact data", null).build();

        Rendered rendered = MarketingNotice.render(h, agreement);

        assertThat(RenderJson.sectionTexts(rendered).get(1))
                .isEqualTo("*Rejected by* <@U0REP0001> · *Stage* MQL\n*Reason:* Bad contact data");
    }

    @Test
    void onceRecycledTheButtonsAreGone() {
        Handoff h = rejected().outcome(MarketingOutcome.Kind.RECYCLED, MARKETER).build();

        Rendered rendered = MarketingNotice.render(h, agreement);

        assertThat(RenderJson.blocks(rendered, "actions")).isEmpty();
        assertThat(RenderJson.sectionTexts(rendered)).last().isEqualTo("♻️ Recycled to nurture by <@U0MKT0001>");
    }

    @Test
    void onceContestedTheButtonsAreGone() {
        Handoff h = rejected().outcome(MarketingOutcome.Kind.CONTESTED, MARKETER).build();

        Rendered rendered = MarketingNotice.render(h, agreement);

        assertThat(RenderJson.blocks(rendered, "actions")).isEmpty();
        assertThat(RenderJson.sectionTexts(rendered)).last()
                .isEqualTo("⚖️ Contested by <@U0MKT0001> — escalated for a second look");
    }

    @Test
    void userTextCannotMentionAnyone() {
        Lead hostile = new Lead("<!channel>", null, null, "<@U0123ABCD>", null, null, null, "javascript:alert(1)");
        Handoff h = handoff().lead(hostile).rejected(REP, DECIDED, "<!here>", "<https://evil|bank>")
                .outcome(MarketingOutcome.Kind.RECYCLED, "<!everyone>").build();

        Rendered rendered = MarketingNotice.render(h, agreement);

        RenderJson.assertOnlyAppMarkup(rendered, Set.of(REP));
        assertThat(RenderJson.visibleText(rendered)).contains(
                "*Sales rejected &lt;!channel&gt; (&lt;@U0123ABCD&gt;)*", "*Reason:* &lt;!here&gt;",
                "*Comment:* &lt;https://evil|bank&gt;", "Recycled to nurture by &lt;!everyone&gt;");
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void hugeTextStaysWithinLimits(boolean shifted) {
        String huge = RenderJson.huge(100_000, shifted);
        Lead lead = new Lead(huge, huge, huge, huge, huge, 1, huge, "https://" + huge);
        Handoff open = handoff().lead(lead).rejected(huge, DECIDED, huge, huge).build();
        Handoff answered = handoff().lead(lead).rejected(huge, DECIDED, huge, huge)
                .outcome(MarketingOutcome.Kind.CONTESTED, huge).build();

        for (Rendered rendered : List.of(
                MarketingNotice.render(open, agreement), MarketingNotice.render(answered, agreement))) {
            RenderJson.assertWithinLimits(rendered);
            assertThat(RenderJson.json(rendered.blocks())).hasSizeLessThan(8_000);
        }
    }
}
