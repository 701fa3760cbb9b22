package dev.handshake.ask;

import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.Commitment;
import dev.handshake.agreement.HandoffTerms;
import dev.handshake.agreement.Owner;
import dev.handshake.agreement.Owners;
import dev.handshake.agreement.ReviewTerms;
import dev.handshake.agreement.RoutingTerms;
import dev.handshake.agreement.StageHandoff;
import dev.handshake.agreement.Team;
import dev.handshake.slack.Mrkdwn;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code /sla terms}: who commits to what and by when, the handoff rules, who gets each stage's leads, the
 * agreement's owners, the next review and who has acknowledged it.
 */
final class TermsCard {

    private static final int POOL_SHOWN = 20;

    private TermsCard() {}

    static Answer render(Agreement agreement, AnswerContext context, boolean share) {
        Card card = new Card()
                .header(agreement.name())
                .context(Snippets.joined("Terms of the agreement", "version " + Snippets.esc(agreement.version(), 40),
                        agreement.effective() == null ? "" : "effective " + Wording.date(agreement.effective())))
                .divider();
        commitments(card, agreement.commitments());
        card.divider();
        handoff(card, agreement);
        card.divider();
        card.list("*Reviews*", reviewLines(agreement.review(), context));
        card.list("*Owners*", owners(agreement.owners()));
        card.list("*Acknowledged by*", acknowledgements(context.acknowledgements()));
        String text = "Terms of " + Objects.toString(agreement.name(), "the agreement") + ", version "
                + Objects.toString(agreement.version(), "?");
        return new Answer(Snippets.fallback(text), card.blocks(), share);
    }

    private static void commitments(Card card, List<Commitment> commitments) {
        if (commitments.isEmpty()) {
            card.text("The agreement lists no commitments yet.");
            return;
        }
        for (Team team : Team.values()) {
            card.list("*" + team.label() + " commits to*", commitmentLines(commitments, team));
        }
        card.list("*Both teams commit to*", commitmentLines(commitments, null));
    }

    private static List<String> commitmentLines(List<Commitment> commitments, Team team) {
        return commitments.stream()
                .filter(c -> c.team() == team && c.what() != null && !c.what().isBlank())
                .map(c -> "• " + Mrkdwn.escape(c.what().strip()) + byWhen(c.byWhen()))
                .toList();
    }

    private static String byWhen(String byWhen) {
        return byWhen == null || byWhen.isBlank() ? "" : " — _" + Mrkdwn.escape(byWhen.strip()) + "_";
    }

    private static void handoff(Card card, Agreement agreement) {
        HandoffTerms handoff = agreement.handoff();
        if (handoff == null) {
            card.text("The agreement sets no handoff terms yet.");
            return;
        }
        List<String> lines = new ArrayList<>();
        if (handoff.salesChannel() != null && !handoff.salesChannel().isBlank()) {
            String marketing = Mentions.channel(handoff.marketingChannel());
            lines.add("• Leads are handed to sales in " + Mentions.channel(handoff.salesChannel())
                    + (marketing.isEmpty() ? "" : "; marketing hears back in " + marketing));
        }
        for (StageHandoff stage : handoff.stages()) {
            String name = agreement.stage(stage.stage()).map(s -> Snippets.bold(s.name()))
                    .orElse(Snippets.code(stage.stage()));
            lines.add("• " + name + ": " + Wording.handoff(stage));
        }
        lines.add("• Who accepts or rejects: " + Wording.whoDecides(handoff.whoDecides()));
        if (handoff.reminder() != null) {
            lines.add("• Reminder " + Wording.reminder(handoff.reminder()));
        }
        String escalation = Mentions.target(handoff.escalation());
        if (!escalation.isEmpty()) {
            lines.add("• Not decided in time: escalated to " + escalation);
        }
        if (handoff.reassign() != null && handoff.reassign().enabled()) {
            lines.add("• Then reassigned round-robin, at most " + handoff.reassign().maxTimes() + " times"
                    + pool(handoff.reps()));
        }
        if (handoff.rejectionFollowup() != null) {
            lines.add("• Marketing answers every rejection (recycles or contests the lead) within "
                    + Wording.businessTime(handoff.rejectionFollowup()));
        }
        card.list("*Handoff*", lines);
        card.list("*Who gets each stage's leads*", routingLines(agreement, handoff));
        card.list("*Reasons sales may reject a lead*", Snippets.bullets(handoff.rejectionReasons()));
    }

    /** Each handed-off stage: how its leads are shared out, caps and hours, and where a lead nobody can take goes. */
    private static List<String> routingLines(Agreement agreement, HandoffTerms handoff) {
        List<String> lines = new ArrayList<>();
        String channel = Mentions.channel(handoff.salesChannel());
        String unassigned = channel.isEmpty() ? "the sales channel, unassigned" : channel + ", unassigned";
        for (StageHandoff stage : handoff.stages()) {
            String name = agreement.stage(stage.stage()).map(s -> Snippets.bold(s.name()))
                    .orElse(Snippets.code(stage.stage()));
            lines.add("• " + name + ": " + handoff.routingFor(stage.stage()).map(r -> routing(r, unassigned))
                    .orElse("not routed: the rep marketing names, or anyone in " + (channel.isEmpty()
                            ? "the sales channel" : channel)));
        }
        return lines;
    }

    private static String routing(RoutingTerms routing, String unassigned) {
        int reps = routing.pool().size();
        long weighted = routing.pool().stream().filter(rep -> rep.weight() > 1).count();
        long ownCaps = routing.pool().stream().filter(rep -> rep.cap() != null).count();
        String cap = routing.cap() == null
                ? ownCaps == 0 ? "" : ", " + ownCaps + " of them with a cap of open leads"
                : ", at most " + routing.cap() + " open leads each"
                        + (ownCaps == 0 ? "" : " (" + ownCaps + " with a cap of their own)");
        String fallback = Mentions.target(routing.fallback());
        return "in turn among " + reps + (reps == 1 ? " rep" : " reps")
                + (weighted == 0 ? "" : " (" + weighted + " weighted to get more)") + cap
                + (routing.workingHours() ? ", each only in their working hours" : "")
                + "; a lead nobody can take goes to " + (fallback.isEmpty() ? unassigned : fallback);
    }

    private static String pool(List<String> pool) {
        if (pool.isEmpty()) {
            return "";
        }
        List<String> shown = pool.stream().limit(POOL_SHOWN).map(Mentions::user).toList();
        String more = pool.size() > POOL_SHOWN ? " and " + (pool.size() - POOL_SHOWN) + " more" : "";
        return ", among " + String.join(", ", shown) + more;
    }

    /** "Review cadence: every quarter, …", the follow-up, the thresholds and the next review date. */
    private static List<String> reviewLines(ReviewTerms review, AnswerContext context) {
        List<String> lines = new ArrayList<>();
        if (review != null && review.cadence() != null) {
            String channel = Mentions.channel(review.channel());
            lines.add("• Review cadence: " + Wording.cadence(review.cadence()) + ", on its first business day"
                    + (review.time() == null ? "" : " at " + review.time()) + (channel.isEmpty() ? "" : ", in " + channel));
            lines.add("• One follow-up when nobody marks it reviewed within " + review.followUpDays() + " days");
            if (review.minLeadToMqlConversion() != null && review.minMqlAcceptanceRate() != null) {
                lines.add("• Sooner when lead → MQL conversion falls below "
                        + Wording.percent(review.minLeadToMqlConversion()) + " or MQL acceptance below "
                        + Wording.percent(review.minMqlAcceptanceRate()) + ", each judged once it counts "
                        + review.minLeadsForAlert() + " (new leads, or decided handoffs)");
            }
        }
        if (context.nextReview() != null) {
            lines.add("• Next review: " + Wording.date(context.nextReview()));
        }
        return lines;
    }

    private static List<String> owners(Owners owners) {
        if (owners == null) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        if (owners.marketing() != null) {
            lines.add("• Marketing: " + owner(owners.marketing()));
        }
        if (owners.sales() != null) {
            lines.add("• Sales: " + owner(owners.sales()));
        }
        return lines;
    }

    private static String owner(Owner owner) {
        String text = Snippets.esc(owner.name(), Snippets.NAME_LIMIT);
        if (owner.title() != null && !owner.title().isBlank()) {
            text += ", " + Snippets.esc(owner.title().strip(), Snippets.NAME_LIMIT);
        }
        if (Mentions.isUserId(owner.slackUser())) {
            text += " " + Mentions.user(owner.slackUser());
        }
        return text;
    }

    private static List<String> acknowledgements(List<Acknowledgement> acknowledgements) {
        return acknowledgements.stream().map(TermsCard::acknowledgement).filter(s -> !s.isEmpty()).toList();
    }

    private static String acknowledgement(Acknowledgement ack) {
        String who = Mentions.isUserId(ack.slackUser())
                ? Mentions.user(ack.slackUser())
                : Snippets.esc(ack.name() == null ? "" : ack.name().strip(), Snippets.NAME_LIMIT);
        if (who.isEmpty()) {
            return "";
        }
        return "• " + who + (ack.on() == null ? "" : " on " + Wording.date(ack.on()));
    }
}
