package dev.handshake.handoff;

import static dev.handshake.handoff.RenderFixtures.DUE;
import static dev.handshake.handoff.RenderFixtures.REP;
import static dev.handshake.handoff.RenderFixtures.agreement;
import static dev.handshake.handoff.RenderFixtures.handoff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.ReassignTerms;
import dev.handshake.agreement.SlackTarget;
import dev.handshake.agreement.SlackTarget.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The handoff message as the SLA clock changes it: overdue, reassigned, and the first-contact commitment. */
class SlaHandoffMessageTest {

    /** 10:12 in Chicago. */
    private static final Instant DECIDED = Instant.parse("2025-03-04T16:12:00Z");
    /** 09:42 the next day in Chicago: eight business hours after {@link #DECIDED}. */
    private static final Instant CONTACT_DUE = Instant.parse("2025-03-05T15:42:00Z");
    private static final Instant CONTACTED = Instant.parse("2025-03-04T18:22:00Z");
    private static final String NEXT_REP = "U0REP0002";
    private static final String OVERDUE_LINE = "⏰ *Overdue* — the 4-hour deadline passed "
            + "<!date^1741114800^{date_short_pretty} at {time}|2025-03-04 13:00 America/Chicago>"
            + " and it was escalated to <!subteam^S0SALESMGR1>";

    private final Agreement agreement = agreement().build();
    private final Agreement withContact = agreement().firstContact(Duration.ofHours(8)).build();

    private static SlaState overdue() {
        return new SlaState(0, DUE, null, null, null, null);
    }

    private static SlaState contactDue() {
        return new SlaState(0, null, CONTACT_DUE, null, null, null);
    }

    @Test
    void overduePendingHandoffSaysSoAndKeepsItsButtons() {
        Rendered rendered = HandoffMessage.render(handoff().sla(overdue()).build(), agreement, null, null);

        assertThat(RenderJson.sectionTexts(rendered)).contains(OVERDUE_LINE);
        assertThat(RenderJson.buttons(rendered)).extracting(b -> b.path("action_id").asText())
                .containsExactly(HandoffActions.ACCEPT, HandoffActions.REJECT);
        assertThat(rendered.text()).endsWith("due 2025-03-04 13:00 America/Chicago (overdue)");
    }

    @Test
    void pendingHandoffThatIsNotOverdueHasNoOverdueLine() {
        Rendered rendered = HandoffMessage.render(handoff().build(), agreement, null, null);

        assertThat(RenderJson.visibleText(rendered)).doesNotContain("Overdue", "Reassigned", "First contact");
        assertThat(rendered.text()).doesNotContain("overdue");
    }

    @Test
    void overdueLineIsOnlyForPendingHandoffs() {
        Handoff accepted = handoff().accepted(REP, DECIDED).sla(overdue()).build();
        Handoff rejected = handoff().rejected(REP, DECIDED, "Bad contact data", null).sla(overdue()).build();

        for (Rendered rendered : List.of(
                HandoffMessage.render(accepted, agreement, Duration.ofHours(5)),
                HandoffMessage.render(rejected, agreement, Duration.ofHours(5)))) {
            assertThat(RenderJson.visibleText(rendered)).doesNotContain("Overdue");
            assertThat(rendered.text()).doesNotContain("overdue");
        }
    }

    @ParameterizedTest
    @CsvSource({
        "USER, U0SALESMGR, <@U0SALESMGR>",
        "USER_GROUP, S0SALESMGR1, <!subteam^S0SALESMGR1>",
        "CHANNEL, C0ESCALATE, <#C0ESCALATE>",
        "CHANNEL, #sales-managers, #sales-managers",
        "USER_GROUP, <!channel>, &lt;!channel&gt;"
    })
    void overdueLineNamesEachKindOfTarget(Kind kind, String id, String addressed) {
        Agreement a = agreement().escalation(new SlackTarget(kind, id)).build();

        Rendered rendered = HandoffMessage.render(handoff().sla(overdue()).build(), a, null, null);

        assertThat(RenderJson.sectionTexts(rendered))
                .anySatisfy(t -> assertThat(t).startsWith("⏰ *Overdue*").endsWith(" escalated to " + addressed));
        RenderJson.assertOnlyAppMarkup(rendered, Set.of(REP, "U0SALESMGR"));
    }

    @Test
    void overdueWithoutTermsOrTargetSaysOnlyWhatIsKnown() {
        Agreement bare = agreement().responseTime(null).escalation(null).build();

        Rendered rendered = HandoffMessage.render(handoff().sla(overdue()).build(), bare, null, null);

        assertThat(RenderJson.sectionTexts(rendered)).contains("⏰ *Overdue* — the deadline passed "
                + "<!date^1741114800^{date_short_pretty} at {time}|2025-03-04 13:00 America/Chicago>");
    }

    @Test
    void reassignedHandoffNamesTheCurrentRepAndTheLimit() {
        Agreement reassigning = agreement().reassign(new ReassignTerms(true, 2, List.of(REP, NEXT_REP))).build();
        Handoff once = handoff().assignee(NEXT_REP).sla(new SlaState(1, null, null, null, null, null)).build();
        Handoff twice = handoff().assignee(REP).sla(new SlaState(2, DUE, null, null, null, null)).build();

        assertThat(RenderJson.contextTexts(HandoffMessage.render(once, reassigning, null, null)))
                .containsExactly("Reassigned 1 time (at most 2) — now with <@U0REP0002>");
        Rendered overdueAgain = HandoffMessage.render(twice, reassigning, null, null);
        assertThat(RenderJson.contextTexts(overdueAgain))
                .containsExactly("Reassigned 2 times (at most 2) — now with <@U0REP0001>");
        assertThat(RenderJson.sectionTexts(overdueAgain)).contains(OVERDUE_LINE);
    }

    @Test
    void reassignedWithoutReassignTermsOrAssigneeLeavesThoseOut() {
        Handoff h = handoff().assignee(null).sla(new SlaState(1, null, null, null, null, null)).build();

        assertThat(RenderJson.contextTexts(HandoffMessage.render(h, agreement, null, null)))
                .containsExactly("Reassigned 1 time — now unassigned");
        assertThat(RenderJson.contextTexts(HandoffMessage.render(handoff().build(), agreement, null, null)))
                .isEmpty();
    }

    @Test
    void acceptedWithFirstContactDueShowsTheDeadlineAndMarkContactedButton() {
        Handoff h = handoff().accepted(REP, DECIDED).sla(contactDue()).build();

        Rendered rendered = HandoffMessage.render(h, withContact, Duration.ofMinutes(72), null);

        assertThat(RenderJson.sectionTexts(rendered)).endsWith(
                "✅ Accepted by <@U0REP0001> — 1 h 12 min after handoff (business time), within the 4-hour SLA",
                "📞 First contact due "
                        + "<!date^1741189320^{date_short_pretty} at {time}|2025-03-05 09:42 America/Chicago>"
                        + " (8 business hours after accepting)");
        assertThat(RenderJson.blocks(rendered, "actions")).hasSize(1);
        List<JsonNode> buttons = RenderJson.buttons(rendered);
        assertThat(buttons).hasSize(1);
        JsonNode button = buttons.get(0);
        assertThat(button.path("action_id").asText()).isEqualTo("handoff_contacted");
        assertThat(button.path("text").path("text").asText()).isEqualTo("Mark contacted");
        assertThat(button.path("value").asText()).isEqualTo("42");
        assertThat(button.path("style").asText()).isEqualTo("primary");
        assertThat(rendered.blocks().get(rendered.blocks().size() - 1).getType()).isEqualTo("actions");
    }

    @Test
    void firstContactWithoutADueDateStillShowsTheCommitment() {
        Handoff h = handoff().accepted(REP, DECIDED).build();

        Rendered rendered = HandoffMessage.render(h, withContact, null, null);

        assertThat(RenderJson.sectionTexts(rendered)).last()
                .isEqualTo("📞 First contact due within 8 business hours of accepting");
        assertThat(RenderJson.buttons(rendered)).hasSize(1);
    }

    @ParameterizedTest
    @CsvSource({
        "USER, U0SALESMGR, <@U0SALESMGR>",
        "USER_GROUP, S0SALESMGR1, <!subteam^S0SALESMGR1>",
        "CHANNEL, C0ESCALATE, <#C0ESCALATE>"
    })
    void overdueFirstContactSaysItWasEscalatedAndKeepsTheButton(Kind kind, String id, String addressed) {
        Agreement a = agreement().firstContact(Duration.ofHours(8)).escalation(new SlackTarget(kind, id)).build();
        Handoff h = handoff().accepted(REP, DECIDED)
                .sla(new SlaState(0, null, CONTACT_DUE, null, null, CONTACT_DUE)).build();

        Rendered rendered = HandoffMessage.render(h, a, Duration.ofMinutes(72), null);

        assertThat(RenderJson.sectionTexts(rendered)).last().asString()
                .startsWith("📞 First contact due <!date^1741189320^")
                .endsWith("(8 business hours after accepting)\n"
                        + "⚠️ First contact is overdue — escalated to " + addressed);
        assertThat(RenderJson.buttons(rendered)).extracting(b -> b.path("action_id").asText())
                .containsExactly(HandoffActions.CONTACTED);
    }

    @Test
    void contactedLeadShowsWhoAndHowLongWithoutAButton() {
        Handoff h = handoff().accepted(REP, DECIDED)
                .sla(new SlaState(0, null, CONTACT_DUE, CONTACTED, REP, null)).build();

        Rendered rendered = HandoffMessage.render(h, withContact, Duration.ofMinutes(72), Duration.ofMinutes(130));

        assertThat(RenderJson.sectionTexts(rendered)).last()
                .isEqualTo("📞 Contacted by <@U0REP0001> — 2 h 10 min after accepting (business time)");
        assertThat(RenderJson.blocks(rendered, "actions")).isEmpty();
        assertThat(RenderJson.visibleText(rendered)).doesNotContain("First contact due");
    }

    @Test
    void contactedLeadAfterTheEscalationNoLongerSaysOverdue() {
        Handoff h = handoff().accepted(REP, DECIDED)
                .sla(new SlaState(0, null, CONTACT_DUE, CONTACTED, REP, CONTACT_DUE)).build();

        Rendered rendered = HandoffMessage.render(h, withContact, Duration.ofMinutes(72), null);

        assertThat(RenderJson.sectionTexts(rendered)).last().isEqualTo("📞 Contacted by <@U0REP0001>");
        assertThat(RenderJson.visibleText(rendered)).doesNotContain("overdue");
        assertThat(RenderJson.buttons(rendered)).isEmpty();
    }

    @Test
    void acceptedWithoutFirstContactCommitmentIsAsBefore() {
        Handoff h = handoff().accepted(REP, DECIDED).sla(contactDue()).build();

        Rendered rendered = HandoffMessage.render(h, agreement, Duration.ofMinutes(72), null);

        assertThat(RenderJson.blocks(rendered, "actions")).isEmpty();
        assertThat(RenderJson.sectionTexts(rendered)).last().isEqualTo(
                "✅ Accepted by <@U0REP0001> — 1 h 12 min after handoff (business time), within the 4-hour SLA");
        assertThat(RenderJson.visibleText(rendered)).doesNotContain("📞");
    }

    @Test
    void markContactedIsNeverOfferedBeforeAcceptingOrAfterRejecting() {
        Handoff pending = handoff().sla(contactDue()).build();
        Handoff rejected = handoff().rejected(REP, DECIDED, "Bad contact data", null).sla(contactDue()).build();

        for (Rendered rendered : List.of(
                HandoffMessage.render(pending, withContact, null, null),
                HandoffMessage.render(rejected, withContact, Duration.ofHours(1), null))) {
            assertThat(RenderJson.buttons(rendered)).extracting(b -> b.path("action_id").asText())
                    .doesNotContain(HandoffActions.CONTACTED);
            assertThat(RenderJson.visibleText(rendered)).doesNotContain("First contact", "📞");
        }
    }

    @Test
    void threeArgumentRenderIsTheFourArgumentOneWithoutContactTime() {
        Handoff h = handoff().accepted(REP, DECIDED)
                .sla(new SlaState(0, null, CONTACT_DUE, CONTACTED, REP, null)).build();

        Rendered three = HandoffMessage.render(h, withContact, Duration.ofMinutes(72));
        Rendered four = HandoffMessage.render(h, withContact, Duration.ofMinutes(72), null);

        assertThat(RenderJson.json(three.blocks())).isEqualTo(RenderJson.json(four.blocks()));
        assertThat(three.text()).isEqualTo(four.text());
    }

    @Test
    void negativeContactTimeIsRefused() {
        Handoff h = handoff().accepted(REP, DECIDED).sla(new SlaState(0, null, null, CONTACTED, REP, null)).build();

        assertThatThrownBy(() -> HandoffMessage.render(h, withContact, null, Duration.ofMinutes(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hostileNamesInSlaStateCannotMentionAnyone() {
        Agreement a = agreement().firstContact(Duration.ofHours(8))
                .escalation(new SlackTarget(Kind.USER_GROUP, "<!everyone>"))
                .reassign(new ReassignTerms(true, 3, List.of(REP))).build();
        Lead hostile = new Lead("<!channel>", null, null, "<@U0123ABCD>", null, null, null, null);
        RenderFixtures.HandoffBuilder base = handoff().lead(hostile).assignee("<!here>");
        Handoff overdue = base.sla(new SlaState(1, DUE, null, null, null, null)).build();
        Handoff contactOverdue = base.accepted(REP, DECIDED)
                .sla(new SlaState(1, null, CONTACT_DUE, null, null, CONTACT_DUE)).build();
        Handoff contacted = base.accepted(REP, DECIDED)
                .sla(new SlaState(1, null, CONTACT_DUE, CONTACTED, "<!channel>", null)).build();

        for (Rendered rendered : List.of(
                HandoffMessage.render(overdue, a, null, null),
                HandoffMessage.render(contactOverdue, a, Duration.ofHours(1), null),
                HandoffMessage.render(contacted, a, Duration.ofHours(1), Duration.ofHours(2)))) {
            RenderJson.assertOnlyAppMarkup(rendered, Set.of(REP));
            assertThat(RenderJson.visibleText(rendered) + rendered.text())
                    .doesNotContain("<!channel>", "<!here>", "<!everyone>", "<@U0123ABCD>")
                    .contains("&lt;!here&gt;");
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void hugeSlaStatesStayWithinSlackLimits(boolean shifted) {
        String huge = RenderJson.huge(100_000, shifted);
        Agreement a = agreement().firstContact(Duration.ofMinutes(100_000))
                .escalation(new SlackTarget(Kind.CHANNEL, huge))
                .reassign(new ReassignTerms(true, Integer.MAX_VALUE, List.of(REP))).build();
        Lead lead = new Lead(huge, huge, huge, huge, huge, 1, huge, huge);
        RenderFixtures.HandoffBuilder base = handoff().lead(lead).assignee(huge).note(huge)
                .criteriaMet(List.of(huge, huge, huge, huge, huge, huge, huge, huge, huge));

        for (Rendered rendered : List.of(
                HandoffMessage.render(base.sla(new SlaState(Integer.MAX_VALUE, DUE, null, null, null, null))
                        .build(), a, null, null),
                HandoffMessage.render(base.accepted(huge, DECIDED)
                        .sla(new SlaState(9, null, CONTACT_DUE, null, null, CONTACT_DUE)).build(), a,
                        Duration.ofHours(1_000), null),
                HandoffMessage.render(base.accepted(huge, DECIDED)
                        .sla(new SlaState(9, null, CONTACT_DUE, CONTACTED, huge, null)).build(), a,
                        Duration.ofHours(1_000), Duration.ofHours(100_000)))) {
            RenderJson.assertWithinLimits(rendered);
            assertThat(RenderJson.json(rendered.blocks())).hasSizeLessThan(12_000);
        }
    }
}
