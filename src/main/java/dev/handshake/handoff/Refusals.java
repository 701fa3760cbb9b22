package dev.handshake.handoff;

import dev.handshake.agreement.Agreement;
import dev.handshake.people.Audiences;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The private explanations for a click that changed nothing: too late (someone got there first, or the lead moved
 * on), not this person's to make (and whose it is), or Slack could not say who may.
 */
public final class Refusals {

    private final Agreement agreement;
    private final Audiences audiences;

    public Refusals(Agreement agreement, Audiences audiences) {
        this.agreement = Objects.requireNonNull(agreement, "agreement == null");
        this.audiences = Objects.requireNonNull(audiences, "audiences == null");
    }

    /** The explanation of an outcome that is not {@link Outcome.Done}; null for one that is. */
    public String explain(Outcome outcome, Step step) {
        ZoneId zone = agreement.calendar().zone();
        if (outcome instanceof Outcome.AlreadyDone done) {
            return notNow(done.handoff(), step, zone);
        }
        if (outcome instanceof Outcome.NotAllowed denied) {
            return DecisionNotices.notAllowed(denied.handoff());
        }
        if (outcome instanceof Outcome.Refused refused) {
            return notYours(refused.step(), refused.who(), refused.handoff());
        }
        if (outcome instanceof Outcome.CannotTell cannot) {
            return "Handshake could not check with Slack who may " + step.words() + " (Slack answered `"
                    + SlackText.line(cannot.why(), 40) + "`), so nothing changed. Try again in a minute; if it "
                    + "keeps happening, ask your Slack admin to reinstall the app from its manifest.";
        }
        if (outcome instanceof Outcome.Unknown) {
            return DecisionNotices.unknownHandoff();
        }
        return null;
    }

    /** Too late: what became of the lead, in the words the existing answers use where they exist. */
    static String notNow(Handoff h, Step step, ZoneId zone) {
        boolean decision = step == Step.ACCEPT || step == Step.REJECT || step == Step.TAKE;
        if (decision && h.decision() != null && h.status() != HandoffStatus.PENDING) {
            return DecisionNotices.alreadyDecided(h, zone);
        }
        if (step == Step.MARK_CONTACTED && h.sla().contactedAt() != null) {
            return DecisionNotices.alreadyContacted(h, zone);
        }
        if ((step == Step.RECYCLE || step == Step.CONTEST) && h.marketingOutcome() != null
                && h.state() != HandoffState.UPHELD) {
            return DecisionNotices.alreadyAnswered(h, zone);
        }
        LastMove last = h.lastMove();
        if ((step == Step.UPHOLD || step == Step.REOPEN) && last != null
                && (last.step() == Step.UPHOLD || last.step() == Step.REOPEN)) {
            return "Already " + (last.step() == Step.UPHOLD ? "upheld" : "reopened") + " by "
                    + SlackText.user(last.by()) + (last.at() == null ? "" : " at " + SlackText.time(last.at(), zone))
                    + ".";
        }
        return HandoffText.leadName(h) + " is " + Notices.outcome(h, null).replaceFirst("^[^a-z]+", "")
                + ", so you cannot " + step.words() + " now.";
    }

    private String notYours(Step step, Set<Role> who, Handoff h) {
        List<String> people = who.stream().map(role -> whom(role, h)).toList();
        String reason = switch (step) {
            case RECYCLE, CONTEST -> " (the agreement leaves marketing's answer to marketing)";
            case TAKE, REASSIGN, UPHOLD, REOPEN -> " (the agreement's escalation target decides this)";
            default -> "";
        };
        return "Only " + String.join(" or ", people) + " can " + step.words() + reason + ".";
    }

    private String whom(Role role, Handoff h) {
        return switch (role) {
            case DECIDER -> h.assignee() == null ? "the assigned rep" : SlackText.user(h.assignee());
            case ACCEPTER -> h.decision() == null ? "the rep who accepted it"
                    : SlackText.user(h.decision().by()) + " (who accepted it)";
            case MARKETING -> audiences.describe(agreement.marketingAudience(), true);
            case ESCALATION -> audiences.describe(agreement.escalationAudience(), true);
            case CLOCK -> "the clock";
        };
    }
}
