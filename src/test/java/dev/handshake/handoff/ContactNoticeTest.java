package dev.handshake.handoff;

import static dev.handshake.handoff.RenderFixtures.REP;
import static dev.handshake.handoff.RenderFixtures.agreement;
import static dev.handshake.handoff.RenderFixtures.handoff;
import static org.assertj.core.api.Assertions.assertThat;

import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.SlackTarget;
import dev.handshake.agreement.SlackTarget.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContactNoticeTest {

    /** 10:12 in Chicago. */
    private static final Instant DECIDED = Instant.parse("2025-03-04T16:12:00Z");
    private static final Instant CONTACT_DUE = Instant.parse("2025-03-05T15:42:00Z");
    private final Agreement agreement = agreement().firstContact(Duration.ofHours(8)).build();
    private final Handoff accepted = handoff().accepted(REP, DECIDED)
            .sla(new SlaState(0, null, CONTACT_DUE, null, null, null)).build();

    @Test
    void threadReminderAddressesTheRepWhoAccepted() {
        Handoff h = handoff().assignee("U0OTHER001").accepted(REP, DECIDED).build();

        Rendered rendered = ContactNotices.reminder(h, agreement, Duration.ofMinutes(130));

        assertThat(RenderJson.sectionTexts(rendered)).containsExactly("<@U0REP0001> Reminder: first contact with "
                + "*Dana Whitfield* (Northwind Logistics) is due in 2 h 10 min of business time; press "
                + "*Mark contacted* once you have reached out.");
        assertThat(rendered.text()).isEqualTo("<@U0REP0001> Reminder: first contact with Dana Whitfield (Northwind "
                + "Logistics) is due in 2 h 10 min of business time; press Mark contacted once you have reached out.");
        RenderJson.assertOnlyAppMarkup(rendered, Set.of(REP));
    }

    @Test
    void directReminderSaysWhenAndWhere() {
        Rendered rendered = ContactNotices.direct(accepted, agreement, Duration.ofMinutes(30), "C0SALES001");

        assertThat(RenderJson.sectionTexts(rendered)).containsExactly("Reminder: first contact with *Dana Whitfield* "
                + "(Northwind Logistics) is due in 30 min of business time "
                + "(<!date^1741189320^{date_short_pretty} at {time}|2025-03-05 09:42 America/Chicago>); press "
                + "*Mark contacted* here or on the lead in <#C0SALES001> once you have reached out.");
        assertThat(RenderJson.actionIds(rendered)).containsExactly("handoff_contacted");
        assertThat(rendered.text()).isEqualTo("Reminder: first contact with Dana Whitfield (Northwind Logistics) is "
                + "due in 30 min of business time (2025-03-05 09:42 America/Chicago); press Mark contacted on the "
                + "lead in <#C0SALES001> once you have reached out.");
    }

    @Test
    void directReminderWithoutDueDateLeavesItOut() {
        Handoff h = handoff().accepted(REP, DECIDED).build();

        Rendered rendered = ContactNotices.direct(h, agreement, Duration.ofMinutes(30), "#sales");

        assertThat(rendered.text()).isEqualTo("Reminder: first contact with Dana Whitfield (Northwind Logistics) is "
                + "due in 30 min of business time; press Mark contacted on the lead in #sales once you have "
                + "reached out.");
    }

    @Test
    void escalationTellsTheTargetWhoAcceptedAndWhen() {
        Rendered rendered = ContactNotices.escalation(accepted, agreement);

        assertThat(RenderJson.sectionTexts(rendered)).containsExactly("<!subteam^S0SALESMGR1> First contact with "
                + "*Dana Whitfield* is overdue: accepted by <@U0REP0001> "
                + "<!date^1741104720^{date_short_pretty} at {time}|2025-03-04 10:12 America/Chicago>, "
                + "no contact recorded within 8 business hours.");
        assertThat(rendered.text()).isEqualTo("<!subteam^S0SALESMGR1> First contact with Dana Whitfield is overdue: "
                + "accepted by <@U0REP0001> 2025-03-04 10:12 America/Chicago, no contact recorded within 8 business "
                + "hours.");
        assertThat(RenderJson.buttons(rendered)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "USER, U0SALESMGR, <@U0SALESMGR>",
        "USER_GROUP, S0SALESMGR1, <!subteam^S0SALESMGR1>",
        "CHANNEL, C0ESCALATE, <#C0ESCALATE>",
        "CHANNEL, #sales-managers, #sales-managers",
        "USER_GROUP, <!channel>, &lt;!channel&gt;"
    })
    void escalationAddressesEachKindOfTarget(Kind kind, String id, String addressed) {
        Agreement a = agreement().firstContact(Duration.ofHours(8)).escalation(new SlackTarget(kind, id)).build();

        Rendered rendered = ContactNotices.escalation(accepted, a);

        assertThat(RenderJson.sectionTexts(rendered).get(0)).startsWith(addressed + " First contact with");
        RenderJson.assertOnlyAppMarkup(rendered, Set.of(REP, "U0SALESMGR"));
    }

    @Test
    void escalationWithoutCommitmentOrTargetSaysWhatIsKnown() {
        Agreement bare = agreement().escalation(null).build();

        assertThat(ContactNotices.escalation(accepted, bare).text())
                .startsWith("First contact with Dana Whitfield is overdue: accepted by <@U0REP0001>")
                .endsWith(", no contact recorded in time.");
    }

    @Test
    void hostileTextCannotMentionAnyone() {
        Lead hostile = new Lead("<!channel>", null, null, "<@U0123ABCD>", null, null, null, null);
        Handoff h = handoff().lead(hostile).accepted("<!here>", DECIDED).build();

        List<Rendered> all = List.of(
                ContactNotices.reminder(h, agreement, Duration.ofHours(1)),
                ContactNotices.direct(h, agreement, Duration.ofHours(1), "<!everyone>"),
                ContactNotices.escalation(h, agreement));

        for (Rendered rendered : all) {
            RenderJson.assertOnlyAppMarkup(rendered, Set.of());
            assertThat(rendered.text()).contains("&lt;!channel&gt;").doesNotContain("<!channel>", "<!here>");
        }
        assertThat(all.get(0).text()).startsWith("&lt;!here&gt; Reminder: first contact with &lt;!channel&gt; "
                + "(&lt;@U0123ABCD&gt;)");
        assertThat(all.get(1).text()).contains("on the lead in &lt;!everyone&gt; once");
    }

    @Test
    void hugeTextStaysWithinLimits() {
        String huge = RenderJson.huge(100_000, true);
        Handoff h = handoff().lead(new Lead(huge, huge, huge, huge, huge, 1, huge, huge)).accepted(huge, DECIDED)
                .sla(new SlaState(0, null, CONTACT_DUE, null, null, null)).build();
        Agreement a = agreement().firstContact(Duration.ofHours(8)).escalation(new SlackTarget(Kind.USER, huge))
                .build();

        for (Rendered rendered : List.of(
                ContactNotices.reminder(h, a, Duration.ofHours(10_000)),
                ContactNotices.direct(h, a, Duration.ofHours(10_000), huge),
                ContactNotices.escalation(h, a))) {
            RenderJson.assertWithinLimits(rendered);
            assertThat(RenderJson.json(rendered.blocks())).hasSizeLessThan(2_000);
        }
    }
}
