package dev.handshake.handoff;

import static dev.handshake.handoff.RenderFixtures.REP;
import static dev.handshake.handoff.RenderFixtures.agreement;
import static dev.handshake.handoff.RenderFixtures.handoff;
import static org.assertj.core.api.Assertions.assertThat;

import dev.handshake.agreement.Agreement;
import dev.handshake.testing.BlockKitLimits;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The handoff message's phone link, last touches and "More" section (the agreement's zone is America/Chicago). */
class LeadDetailsMessageTest {

    private final Agreement agreement = agreement().build();

    private static Lead lead(String phone, List<Touch> touches, List<ExtraField> extras) {
        Lead dana = RenderFixtures.dana();
        return new Lead(dana.name(), dana.email(), dana.title(), dana.company(), dana.persona(), dana.score(),
                dana.source(), dana.crmUrl(), phone, "51201", touches, extras);
    }

    private Rendered render(Lead lead) {
        return HandoffMessage.render(handoff().lead(lead).build(), agreement, null);
    }

    @Test
    void thePhoneIsATelLinkDiallingOnlyItsDigitsAndShowingItAsSent() {
        Rendered rendered = render(lead("+1 (312) 555-0142 ext. 12", List.of(), List.of()));

        assertThat(RenderJson.fieldTexts(rendered))
                .contains("*Phone*\n<tel:+13125550142;ext=12|+1 (312) 555-0142 ext. 12>");
        assertThat(RenderJson.fieldTexts(rendered).indexOf("*Phone*\n<tel:+13125550142;ext=12|+1 (312) 555-0142 ext. 12>"))
                .as("right after the email").isEqualTo(4);
    }

    @Test
    void somethingThatIsNotAPhoneNumberIsShownAsEscapedTextNotALink() {
        Rendered rendered = render(lead("<tel:+1900|call> & <!here>", List.of(), List.of()));

        assertThat(RenderJson.fieldTexts(rendered)).contains("*Phone*\n&lt;tel:+1900|call&gt; &amp; &lt;!here&gt;");
        RenderJson.assertOnlyAppMarkup(rendered, Set.of(REP));
    }

    @Test
    void theLastThreeTouchesAreShownNewestFirstOnTheirDayInTheAgreementsZone() {
        List<Touch> touches = List.of(
                Touch.on(LocalDate.parse("2026-02-11"), "Attended the webinar"),
                // 22:30 on March 2 in Chicago, though already March 3 in UTC.
                Touch.at(Instant.parse("2026-03-03T04:30:00Z"), "Visited the pricing page"),
                Touch.on(LocalDate.parse("2026-01-05"), "Downloaded the rate outlook"),
                Touch.at(Instant.parse("2026-03-02T15:14:00Z"), "Requested a demo"),
                Touch.on(LocalDate.parse("2026-02-24"), "Opened the nurture email"));

        Rendered rendered = render(lead(null, touches, List.of()));

        assertThat(RenderJson.sectionTexts(rendered)).contains("*Last touches*"
                + "\n• Mar 2, 2026 — Visited the pricing page"
                + "\n• Mar 2, 2026 — Requested a demo"
                + "\n• Feb 24, 2026 — Opened the nurture email"
                + "\n…and 2 earlier touches");
    }

    @Test
    void touchesOnTheSameDayKeepTheOrderSentLaterFirstAndOneEarlierTouchIsCountedAsOne() {
        List<Touch> touches = List.of(
                Touch.on(LocalDate.parse("2026-03-02"), "First that day"),
                Touch.on(LocalDate.parse("2026-03-02"), "Second that day"),
                Touch.on(LocalDate.parse("2026-03-01"), "The day before"),
                Touch.on(LocalDate.parse("2026-02-01"), "A month before"));

        assertThat(RenderJson.sectionTexts(render(lead(null, touches, List.of())))).contains("*Last touches*"
                + "\n• Mar 2, 2026 — Second that day\n• Mar 2, 2026 — First that day\n• Mar 1, 2026 — The day before"
                + "\n…and 1 earlier touch");
    }

    @Test
    void extraFieldsAreShownUnderMoreUpToEightThenHowManyMoreTheExportHolds() {
        List<ExtraField> extras = new ArrayList<>(List.of(
                new ExtraField("Industry", "Retail"),
                new ExtraField("Employees", new BigDecimal("1200")),
                new ExtraField("Annual revenue", new BigDecimal("3.1E+8")),
                new ExtraField("GDPR consent", true),
                new ExtraField("Existing customer", false)));
        for (int i = 6; i <= 11; i++) {
            extras.add(new ExtraField("Field " + i, "value " + i));
        }

        Rendered rendered = render(lead(null, List.of(), extras));

        assertThat(RenderJson.blocks(rendered, "section")).anySatisfy(block -> {
            assertThat(block.path("text").path("text").asText()).isEqualTo("*More*");
            List<String> fields = new ArrayList<>();
            block.path("fields").forEach(f -> fields.add(f.path("text").asText()));
            assertThat(fields).containsExactly("*Industry*\nRetail", "*Employees*\n1200",
                    "*Annual revenue*\n310000000", "*GDPR consent*\nYes", "*Existing customer*\nNo",
                    "*Field 6*\nvalue 6", "*Field 7*\nvalue 7", "*Field 8*\nvalue 8");
        });
        assertThat(RenderJson.contextTexts(rendered)).contains("+3 more in the CSV export (`/sla export`)");
    }

    @Test
    void eightExtraFieldsOrNoneNeedNoCount() {
        List<ExtraField> eight = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            eight.add(new ExtraField("Field " + i, "value " + i));
        }

        assertThat(RenderJson.contextTexts(render(lead(null, List.of(), eight)))).noneMatch(t -> t.contains("more"));
        Rendered bare = render(lead(null, List.of(), List.of()));
        assertThat(RenderJson.visibleText(bare)).doesNotContain("*More*", "Last touches", "*Phone*");
    }

    @Test
    void touchesAndExtraFieldsAreShownLiterally() {
        String hostile = "<!channel> <@U0BOSS001> <https://evil.example|bank> &amp; *bold*";
        Rendered rendered = render(lead(null, List.of(Touch.on(LocalDate.parse("2026-03-02"), hostile)),
                List.of(new ExtraField(hostile, hostile))));

        RenderJson.assertOnlyAppMarkup(rendered, Set.of(REP));
        assertThat(RenderJson.visibleText(rendered)).contains("&lt;!channel&gt; &lt;@U0BOSS001&gt;", "&amp;amp;");
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void theMostALeadCanCarryStaysWithinSlacksLimits(boolean shifted) {
        String huge = RenderJson.huge(LeadReader.MAX_EXTRA_VALUE, shifted);
        List<Touch> touches = new ArrayList<>();
        for (int i = 0; i < LeadReader.MAX_TOUCHES; i++) {
            touches.add(Touch.on(LocalDate.parse("2026-01-01").plusDays(i), RenderJson.huge(200, shifted)));
        }
        List<ExtraField> extras = new ArrayList<>();
        for (int i = 0; i < LeadReader.MAX_EXTRAS; i++) {
            extras.add(new ExtraField(i + RenderJson.huge(62, shifted), huge));
        }
        Lead lead = lead("+1 (312) 555-0142 extension 123456", touches, extras);

        for (Rendered rendered : List.of(render(lead),
                HandoffMessage.render(handoff().lead(lead).accepted(REP, Instant.parse("2025-03-04T16:00:00Z"))
                        .build(), agreement, Duration.ofHours(1)))) {
            RenderJson.assertWithinLimits(rendered);
            assertThat(BlockKitLimits.checkMessageBlocks(RenderJson.json(rendered.blocks()))).isEmpty();
            assertThat(RenderJson.json(rendered.blocks())).hasSizeLessThan(12_000);
        }
    }
}
