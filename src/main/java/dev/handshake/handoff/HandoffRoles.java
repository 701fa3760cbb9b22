package dev.handshake.handoff;

import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.Decider;
import dev.handshake.people.Membership;
import java.util.Objects;

/**
 * Who has which {@link Role} for a handoff, from the agreement: the decider per {@code who_decides}, the rep who
 * accepted, and marketing and the escalation target as the members of their audiences (which asks Slack, cached).
 */
public final class HandoffRoles implements HandoffLife.Roles {

    private final Agreement agreement;
    private final Membership membership;

    public HandoffRoles(Agreement agreement, Membership membership) {
        this.agreement = Objects.requireNonNull(agreement, "agreement == null");
        this.membership = Objects.requireNonNull(membership, "membership == null");
    }

    @Override
    public Membership.Check of(Role role, Handoff handoff, String userId) {
        return switch (role) {
            case DECIDER -> Membership.Check.yesIf(agreement.handoff().whoDecides() == Decider.ANYONE
                    || handoff.assignee() == null || handoff.assignee().equals(userId));
            case ACCEPTER -> Membership.Check.yesIf(handoff.decision() != null
                    && handoff.decision().by().equals(userId));
            case MARKETING -> membership.check(agreement.marketingAudience(), userId);
            case ESCALATION -> membership.check(agreement.escalationAudience(), userId);
            case CLOCK -> Membership.Check.yesIf(false);
        };
    }
}
