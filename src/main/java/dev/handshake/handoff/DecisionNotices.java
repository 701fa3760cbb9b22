package dev.handshake.handoff;

import java.time.ZoneId;
import java.util.Objects;

/** Short ephemeral replies to a click on a handoff that cannot be carried out. */
public final class DecisionNotices {

    private DecisionNotices() {}

    /** "Already accepted by @rep at 10:42." (time shown in each viewer's zone; fallback in {@code zone}). */
    public static String alreadyDecided(Handoff h, ZoneId zone) {
        Objects.requireNonNull(h, "h == null");
        Objects.requireNonNull(zone, "zone == null");
        String verb = switch (h.status()) {
            case ACCEPTED -> "accepted";
            case REJECTED -> "rejected";
            case PENDING -> throw new IllegalArgumentException("handoff " + h.id() + " is still pending");
        };
        StringBuilder text = new StringBuilder("Already ").append(verb);
        Decision decision = h.decision();
        if (decision != null && !SlackText.isBlank(decision.by())) {
            text.append(" by ").append(SlackText.user(decision.by()));
        }
        if (decision != null && decision.at() != null) {
            text.append(" at ").append(SlackText.time(decision.at(), zone));
        }
        return text.append('.').toString();
    }

    /** "Already recycled to nurture by @marketer at 10:42." for a second answer to a rejection. */
    public static String alreadyAnswered(Handoff h, ZoneId zone) {
        Objects.requireNonNull(h, "h == null");
        Objects.requireNonNull(zone, "zone == null");
        MarketingOutcome outcome = h.marketingOutcome();
        if (outcome == null) {
            return "This lead was " + (h.status() == HandoffStatus.PENDING ? "not rejected" : "not answered") + " yet.";
        }
        String verb = outcome.kind() == MarketingOutcome.Kind.RECYCLED ? "recycled to nurture" : "contested";
        StringBuilder text = new StringBuilder("Already ").append(verb);
        if (!SlackText.isBlank(outcome.by())) {
            text.append(" by ").append(SlackText.user(outcome.by()));
        }
        if (outcome.at() != null) {
            text.append(" at ").append(SlackText.time(outcome.at(), zone));
        }
        return text.append('.').toString();
    }

    /** Told to someone other than the assignee when the agreement lets only the assignee decide. */
    public static String notAllowed(Handoff h) {
        Objects.requireNonNull(h, "h == null");
        String who = SlackText.isBlank(h.assignee()) ? "the assigned rep" : SlackText.user(h.assignee());
        return "Only " + who + " can accept or reject this lead (the agreement says the assignee decides).";
    }

    /** "Already marked contacted by @rep at 10:42." for a second click on Mark contacted. */
    public static String alreadyContacted(Handoff h, ZoneId zone) {
        Objects.requireNonNull(h, "h == null");
        Objects.requireNonNull(zone, "zone == null");
        SlaState sla = h.sla();
        if (sla.contactedAt() == null) {
            throw new IllegalArgumentException("handoff " + h.id() + " is not marked contacted");
        }
        StringBuilder text = new StringBuilder("Already marked contacted");
        if (!SlackText.isBlank(sla.contactedBy())) {
            text.append(" by ").append(SlackText.user(sla.contactedBy()));
        }
        return text.append(" at ").append(SlackText.time(sla.contactedAt(), zone)).append('.').toString();
    }

    /** Told to someone other than the rep who accepted the lead when they press Mark contacted. */
    public static String notYours(Handoff h) {
        Objects.requireNonNull(h, "h == null");
        String by = h.decision() == null ? null : h.decision().by();
        if (SlackText.isBlank(by)) {
            return "Only the rep who accepted this lead can mark it contacted.";
        }
        return "Only " + SlackText.user(by) + " (who accepted this lead) can mark it contacted.";
    }

    public static String unknownHandoff() {
        return "This lead is no longer in Handshake.";
    }

    public static String tryAgain() {
        return "Handshake is busy saving another change — please click again in a moment.";
    }
}
