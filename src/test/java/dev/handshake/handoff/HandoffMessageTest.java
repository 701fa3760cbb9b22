package dev.handshake.handoff;

import static dev.handshake.handoff.RenderFixtures.DUE_EPOCH;
import static dev.handshake.handoff.RenderFixtures.MARKETER;
import static dev.handshake.handoff.RenderFixtures.REP;
import static dev.handshake.handoff.RenderFixtures.agreement;
import static dev.handshake.handoff.RenderFixtures.handoff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handshake.agreement.Agreement;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HandoffMessageTest {

    private static final Instant DECIDED = Instant.parse("2025-03-04T16:12:00Z");
    private final Agreement agreement = agreement().build();

    @Test
    void pendingMessageHasAcceptAndRejectButtonsCarryingOnlyTheId() {
        Rendered rendered = HandoffMessage.render(handoff().build(), agreement, null);

        assertThat(RenderJson.blocks(rendered, "actions")).hasSize(1);
        List<JsonNode> buttons = RenderJson.buttons(rendered);
        assertThat(buttons).extracting(b -> b.path("action_id").asText())
                .containsExactly(HandoffActions.ACCEPT, HandoffActions.REJECT);
        assertThat(buttons).extracting(b -> b.path("value").asText()).containsExactly("42", "42");
        assertThat(buttons).extracting(b -> b.path("text").path("text").asText()).containsExactly("Accept", "Reject");
        assertThat(buttons).extracting(b -> b.path("style").asText()).containsExactly("primary", "danger");
        assertThat(buttons).allSatisfy(b -> assertThat(b.has("confirm")).isFalse());
        assertThat(rendered.text())
                .isEqualTo("New MQL for sales: Dana Whitfield (Northwind Logistics), due 2025-03-04 13:00 America/Chicago");
    }

    @Test
    void pendingMessageShowsTheLeadPersonaReasonsAndDeadline() {
        Rendered rendered = HandoffMessage.render(handoff().build(), agreement, null);

        assertThat(RenderJson.sectionTexts(rendered)).first()
                .isEqualTo("*New MQL for sales* — assigned to <@U0REP0001>");
        assertThat(RenderJson.fieldTexts(rendered)).containsExactly(
                "*Name*\nDana Whitfield",
                "*Title*\nVP Operations",
                "*Company*\nNorthwind Logistics",
                "*Email*\n<mailto:dana@northwind.example|dana@northwind.example>",
                "*Score*\n87",
                "*Source*\nWebinar: route planning",
                "*CRM*\n<https://crm.example/leads/1001|Open in CRM>");
        assertThat(RenderJson.sectionTexts(rendered)).contains(
                "*Persona:* Operations leader — Runs logistics operations at a mid-size shipper",
                "*Why it qualified*\n• Title is director or above\n• Visited pricing 3 times\n"
                        + "Asked for a demo twice this week",
                "*Due* <!date^" + DUE_EPOCH + "^{date_short_pretty} at {time}|2025-03-04 13:00 America/Chicago>"
                        + " (4 business hours)");
    }

    @Test
    void leavesOutWhatTheHandoffDoesNotHave() {
        Lead bare = new Lead("Dana Whitfield", null, null, null, null, null, null, null);
        Handoff h = handoff().lead(bare).assignee(null).note(null).criteriaMet(List.of()).build();

        Rendered rendered = HandoffMessage.render(h, agreement, null);

        assertThat(RenderJson.sectionTexts(rendered).get(0)).isEqualTo("*New MQL for sales*");
        assertThat(RenderJson.fieldTexts(rendered)).containsExactly("*Name*\nDana Whitfield");
        assertThat(RenderJson.visibleText(rendered)).doesNotContain("Persona", "Why it qualified");
        assertThat(rendered.text()).startsWith("New MQL for sales: Dana Whitfield, due");
    }

    @Test
    void unknownPersonaIsShownByItsId() {
        Lead lead = new Lead("Dana Whitfield", null, null, null, "cfo-type", null, null, null);

        Rendered rendered = HandoffMessage.render(handoff().lead(lead).build(), agreement, null);

        assertThat(RenderJson.sectionTexts(rendered)).contains("*Persona:* cfo-type");
    }

    @Test
    void windowThatIsNotWholeHoursIsShownInHoursAndMinutes() {
        Agreement ninetyMinutes = agreement().responseTime(Duration.ofMinutes(90)).build();

        Rendered rendered = HandoffMessage.render(handoff().build(), ninetyMinutes, null);

        assertThat(RenderJson.sectionTexts(rendered))
                .anySatisfy(t -> assertThat(t).startsWith("*Due* ").endsWith(" (1 h 30 min of business time)"));
    }

    @Test
    void acceptedWithinTheSlaSaysWhoAndHowFastWithoutButtons() {
        Handoff h = handoff().accepted(REP, DECIDED).build();

        Rendered rendered = HandoffMessage.render(h, agreement, Duration.ofMinutes(72));

        assertThat(RenderJson.blocks(rendered, "actions")).isEmpty();
        assertThat(RenderJson.sectionTexts(rendered)).last().isEqualTo(
                "✅ Accepted by <@U0REP0001> — 1 h 12 min after handoff (business time), within the 4-hour SLA");
        assertThat(rendered.text()).isEqualTo("MQL Dana Whitfield (Northwind Logistics): accepted by <@U0REP0001>");
    }

    @Test
    void acceptedExactlyAtTheDeadlineIsWithinTheSla() {
        Handoff h = handoff().accepted(REP, DECIDED).build();

        Rendered rendered = HandoffMessage.render(h, agreement, Duration.ofHours(4));

        assertThat(RenderJson.sectionTexts(rendered)).last().asString()
                .endsWith("— 4 h after handoff (business time), within the 4-hour SLA");
    }

    @Test
    void acceptedLateSaysByHowMuch() {
        Handoff h = handoff().accepted(REP, DECIDED).build();

        Rendered rendered = HandoffMessage.render(h, agreement, Duration.ofMinutes(6 * 60 + 3));

        assertThat(RenderJson.sectionTexts(rendered)).last().isEqualTo(
                "✅ Accepted by <@U0REP0001> — 6 h 03 min after handoff (business time), 2 h 03 min past the SLA");
    }

    @Test
    void acceptedWithoutSlaTermsLeavesTheSlaOut() {
        Agreement noTerms = agreement().responseTime(null).build();
        Handoff h = handoff().accepted(REP, DECIDED).build();

        Rendered rendered = HandoffMessage.render(h, noTerms, Duration.ofMinutes(45));

        assertThat(RenderJson.sectionTexts(rendered)).last()
                .isEqualTo("✅ Accepted by <@U0REP0001> — 45 min after handoff (business time)");
    }

    @Test
    void rejectedShowsReasonCommentAndTimingWithoutButtons() {
        Handoff h = handoff().rejected(REP, DECIDED, "Not a decision maker", "Spoke to her: she is an intern").build();

        Rendered rendered = HandoffMessage.render(h, agreement, Duration.ofMinutes(72));

        assertThat(RenderJson.blocks(rendered, "actions")).isEmpty();
        assertThat(RenderJson.sectionTexts(rendered)).last().isEqualTo(
                "❌ Rejected by <@U0REP0001> — Not a decision maker — Spoke to her: she is an intern\n"
                        + "1 h 12 min after handoff (business time), within the 4-hour SLA");
        assertThat(RenderJson.contextTexts(rendered)).isEmpty();
        assertThat(rendered.text()).isEqualTo("MQL Dana Whitfield (Northwind Logistics): rejected by <@U0REP0001>");
    }

    @Test
    void rejectedWithoutCommentLeavesItOut() {
        Handoff h = handoff().rejected(REP, DECIDED, "Bad contact data", "  ").build();

        Rendered rendered = HandoffMessage.render(h, agreement, Duration.ofMinutes(6 * 60 + 3));

        assertThat(RenderJson.sectionTexts(rendered)).last().isEqualTo(
                "❌ Rejected by <@U0REP0001> — Bad contact data\n"
                        + "6 h 03 min after handoff (business time), 2 h 03 min past the SLA");
    }

    @Test
    void rejectedThenRecycledOrContestedSaysWhatMarketingDid() {
        Handoff recycled = handoff().rejected(REP, DECIDED, "Bad contact data", null)
                .outcome(MarketingOutcome.Kind.RECYCLED, MARKETER).build();
        Handoff contested = handoff().rejected(REP, DECIDED, "Bad contact data", null)
                .outcome(MarketingOutcome.Kind.CONTESTED, MARKETER).build();

        assertThat(RenderJson.contextTexts(HandoffMessage.render(recycled, agreement, Duration.ofMinutes(5))))
                .containsExactly("Marketing recycled it to nurture (by <@U0MKT0001>)");
        assertThat(RenderJson.contextTexts(HandoffMessage.render(contested, agreement, Duration.ofMinutes(5))))
                .containsExactly("Marketing contested the rejection (by <@U0MKT0001>)");
    }

    @Test
    void negativeDecisionTimeIsRefused() {
        Handoff h = handoff().accepted(REP, DECIDED).build();

        assertThatThrownBy(() -> HandoffMessage.render(h, agreement, Duration.ofMinutes(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void crmUrlThatIsNotHttpIsPlainText() {
        Lead lead = new Lead("Dana", null, null, null, null, null, null, "javascript:alert(1)");

        Rendered rendered = HandoffMessage.render(handoff().lead(lead).build(), agreement, null);

        assertThat(RenderJson.fieldTexts(rendered)).contains("*CRM*\njavascript:alert(1)");
        assertThat(RenderJson.json(rendered.blocks())).doesNotContain("Open in CRM");
    }

    @Test
    void crmUrlIsEscapedSoItCannotEndTheLinkEarly() {
        Lead lead = new Lead("Dana", null, null, null, null, null, null, "HTTPS://ok.example/a|b>c&d<e f");

        Rendered rendered = HandoffMessage.render(handoff().lead(lead).build(), agreement, null);

        assertThat(RenderJson.fieldTexts(rendered))
                .contains("*CRM*\n<HTTPS://ok.example/a%7Cb&gt;c&amp;d&lt;e%20f|Open in CRM>");
    }

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(1)", "https://ok.example/a|b>c"})
    void userTextCannotMentionLinkOrFormatAnything(String crmUrl) {
        Lead hostile = new Lead("<!channel>", "<mailto:x@evil.example|you@bank.example>", "<@W0TITLE01>",
                "<@U0123ABCD>", "<!everyone>", 5, "<#C0EVIL001>", crmUrl);
        RenderFixtures.HandoffBuilder base = handoff().lead(hostile).note("<https://evil|bank>")
                .criteriaMet(List.of("<!here> fits", "& <#C0EVIL001|x>"));
        Handoff pending = base.build();
        Handoff rejected = base.rejected(REP, DECIDED, "<!subteam^S0EVIL0001>", "<https://evil.example|click>")
                .outcome(MarketingOutcome.Kind.CONTESTED, "<!channel>").build();

        for (Rendered rendered : List.of(
                HandoffMessage.render(pending, agreement, null),
                HandoffMessage.render(rejected, agreement, Duration.ofHours(1)))) {
            RenderJson.assertOnlyAppMarkup(rendered, Set.of(REP));
            String visible = RenderJson.visibleText(rendered) + "\n" + rendered.text();
            assertThat(visible).contains("&lt;!channel&gt;", "&lt;@U0123ABCD&gt;");
            assertThat(visible).doesNotContain("<!channel>", "<!everyone>", "<!here>", "<@U0123ABCD>",
                    "<https://evil", "<#C0EVIL001");
        }
        Rendered rejectedMessage = HandoffMessage.render(rejected, agreement, Duration.ofHours(1));
        assertThat(RenderJson.visibleText(rejectedMessage)).contains(
                "&lt;https://evil|bank&gt;", "&lt;!subteam^S0EVIL0001&gt;", "&lt;https://evil.example|click&gt;",
                "Marketing contested the rejection (by &lt;!channel&gt;)");
    }

    @Test
    void theAppsOwnLinkSurvivesAHostileCrmUrl() {
        Lead lead = new Lead("Dana", null, null, null, null, null, null, "https://ok.example/a|b>c");

        Rendered rendered = HandoffMessage.render(handoff().lead(lead).build(), agreement, null);

        assertThat(RenderJson.fieldTexts(rendered)).contains("*CRM*\n<https://ok.example/a%7Cb&gt;c|Open in CRM>");
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void hugeFieldsStayWithinSlackLimitsAndKeepEmojiWhole(boolean shifted) {
        String huge = RenderJson.huge(100_000, shifted);
        Lead lead = new Lead(huge, huge, huge, huge, huge, Integer.MAX_VALUE, huge, "https://" + huge);
        RenderFixtures.HandoffBuilder base = handoff().lead(lead).assignee(huge).note(huge)
                .criteriaMet(Collections.nCopies(12, huge));

        List<Rendered> all = List.of(
                HandoffMessage.render(base.build(), agreement, null),
                HandoffMessage.render(base.accepted(huge, DECIDED).build(), agreement, Duration.ofHours(100)),
                HandoffMessage.render(base.rejected(huge, DECIDED, huge, huge)
                        .outcome(MarketingOutcome.Kind.RECYCLED, huge).build(), agreement, Duration.ofHours(100)));

        for (Rendered rendered : all) {
            RenderJson.assertWithinLimits(rendered);
            assertThat(RenderJson.json(rendered.blocks())).hasSizeLessThan(12_000);
            int visible = RenderJson.strings(rendered.blocks()).stream().mapToInt(String::length).sum();
            assertThat(visible).isLessThan(8_000);
            assertThat(RenderJson.fieldTexts(rendered).get(0)).startsWith("*Name*\n" + huge.substring(0, 100));
        }
        assertThat(RenderJson.sectionTexts(all.get(0))).anySatisfy(t -> assertThat(t).contains("…and 4 more"));
    }
}
