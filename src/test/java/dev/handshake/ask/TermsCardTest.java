package dev.handshake.ask;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.AgreementLoader;
import dev.handshake.agreement.HandoffTerms;
import dev.handshake.agreement.ReminderTerms;
import dev.handshake.agreement.SlackTarget;
import java.time.Duration;
import java.time.LocalDate;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class TermsCardTest {

    private static final LocalDate NEXT_REVIEW = LocalDate.of(2025, 10, 1);

    private Answer terms(Agreement agreement, AnswerContext context) {
        return Ask.answer(new SlaAnswers(agreement), "terms", context);
    }

    @Test
    void showsCommitmentsByTeamHandoffOwnersAndNextReview() {
        Answer answer = terms(TestAgreements.realistic(), new AnswerContext(NEXT_REVIEW, List.of()));

        assertThat(BlockTexts.header(answer)).isEqualTo("Acme Marketing–Sales SLA");
        assertThat(BlockTexts.all(answer)).contains(
                "Terms of the agreement · version 1.2 · effective 6 January 2025",
                "*Marketing commits to*\n• Deliver 600 MQLs — _by the end of each quarter_\n"
                        + "• Attach a persona to every handoff — _with every handoff_",
                "*Sales commits to*\n• Accept or reject every MQL — _within 4 business hours_\n"
                        + "• Give a reason for every rejection — _when rejecting_",
                "• Leads are handed to sales in <#C0SALES001>; marketing hears back in #marketing-ops",
                "• *Marketing Qualified Lead*: Sales accepts or rejects within 4 business hours; first contact "
                        + "within 8 business hours",
                "• Who accepts or rejects: the assigned rep; anyone in the sales channel when nobody is assigned",
                "• Reminder when 75% of the response time has passed",
                "• Not decided in time: escalated to <!subteam^S0SALESMGR>",
                "at most 2 times, among <@U0REP00001>, <@U0REP00002>",
                "*Reasons sales may reject a lead*\n• Not a fit for any persona\n• Duplicate of an open opportunity\n"
                        + "• Bad contact data",
                "• Marketing: Dana Lee, VP Marketing <@U0DANA0001>",
                "• Sales: Sam Ortiz, VP Sales <@U0SAM00001>",
                "*Reviews*\n• Review cadence: every quarter, on its first business day at 10:00, in #revops\n"
                        + "• One follow-up when nobody marks it reviewed within 7 days\n"
                        + "• Sooner when lead → MQL conversion falls below 20% or MQL acceptance below 60%, each "
                        + "judged once it counts 30 (new leads, or decided handoffs)\n"
                        + "• Next review: 1 October 2025")
                .doesNotContain("Acknowledged by", "Both teams commit to");
        BlockTexts.assertWithinSlackLimits(answer);
    }

    @Test
    void saysWhoGetsEachStagesLeadsWithTheCapHoursAndFallback() {
        Agreement shipped = new AgreementLoader().load(Path.of("sla.yml")).agreement();

        Answer answer = terms(shipped, AnswerContext.none());

        assertThat(BlockTexts.all(answer)).contains("*Who gets each stage's leads*\n"
                + "• *MQL*: in turn among 4 reps, at most 10 open leads each, each only in their"
                + " working hours; a lead nobody can take goes to <!subteam^S0SALESMGR1>");
        BlockTexts.assertWithinSlackLimits(answer);
    }

    @Test
    void aStageWithoutItsOwnRoutingSharesTheReassignPoolAndFallsBackToTheSalesChannel() {
        assertThat(BlockTexts.all(terms(TestAgreements.realistic(), AnswerContext.none()))).contains(
                "*Who gets each stage's leads*\n• *Marketing Qualified Lead*: in turn among 2 reps, each only in"
                        + " their working hours; a lead nobody can take goes to <#C0SALES001>, unassigned");
    }

    @Test
    void withoutANextReviewDateThatLineIsLeftOut() {
        assertThat(BlockTexts.all(terms(TestAgreements.realistic(), AnswerContext.none())))
                .doesNotContain("Next review");
    }

    @Test
    void listsAcknowledgementsWhenGiven() {
        AnswerContext context = new AnswerContext(NEXT_REVIEW, List.of(
                new Acknowledgement("U0ANA00001", "Ana", LocalDate.of(2025, 1, 7)),
                new Acknowledgement(null, "Bo <b>", null),
                new Acknowledgement("<!channel>", null, null)));

        String all = BlockTexts.all(terms(TestAgreements.realistic(), context));

        assertThat(all).contains("*Acknowledged by*\n• <@U0ANA00001> on 7 January 2025\n• Bo &lt;b&gt;")
                .doesNotContain("<!channel>");
    }

    @Test
    void escalationRendersEachKindOfTarget() {
        assertThat(escalatedTo(new SlackTarget(SlackTarget.Kind.USER, "U0BOSS0001"))).isEqualTo("<@U0BOSS0001>");
        assertThat(escalatedTo(new SlackTarget(SlackTarget.Kind.USER_GROUP, "S0SALESMGR")))
                .isEqualTo("<!subteam^S0SALESMGR>");
        assertThat(escalatedTo(new SlackTarget(SlackTarget.Kind.CHANNEL, "C0ESCAL001"))).isEqualTo("<#C0ESCAL001>");
        assertThat(escalatedTo(new SlackTarget(SlackTarget.Kind.CHANNEL, "#sales-leads"))).isEqualTo("#sales-leads");
        assertThat(escalatedTo(new SlackTarget(SlackTarget.Kind.USER, "U1>|<!channel")))
                .isEqualTo("U1&gt;|&lt;!channel");
    }

    private String escalatedTo(SlackTarget target) {
        Agreement a = TestAgreements.realistic();
        HandoffTerms h = a.handoff();
        HandoffTerms changed = new HandoffTerms(h.stages(), h.whoDecides(), h.salesChannel(), h.marketingChannel(),
                target, h.rejectionReasons(), new ReminderTerms(null, Duration.ofMinutes(30)), null);
        String all = BlockTexts.all(terms(TestAgreements.withHandoff(a, changed), AnswerContext.none()));
        assertThat(all).contains("• Reminder 30 business minutes before the deadline").doesNotContain("round-robin");
        String line = all.lines().filter(l -> l.startsWith("• Not decided in time: escalated to ")).findFirst()
                .orElseThrow();
        return line.substring("• Not decided in time: escalated to ".length());
    }

    @Test
    void noHandoffTermsSaysSo() {
        Answer answer = terms(TestAgreements.withHandoff(TestAgreements.realistic(), null), AnswerContext.none());

        assertThat(BlockTexts.all(answer)).contains("The agreement sets no handoff terms yet.");
        BlockTexts.assertWithinSlackLimits(answer);
    }
}
