package dev.handshake.agreement;

/**
 * Who may do what the agreement reserves to a team ({@code permissions:} in {@code sla.yml}): {@code marketing}
 * answers rejections and unclaimed leads (Recycle, Contest, Reassign… on an unclaimed lead), {@code export} may
 * take the CSV of handoffs ({@code /sla export}, which holds personal data). Each is a user, a user group or a
 * channel's members; null means the default: the marketing channel's members, and the escalation target.
 */
public record Permissions(SlackTarget marketing, SlackTarget export) {

    /** The defaults, for an agreement written before permissions could be set. */
    public static final Permissions DEFAULTS = new Permissions(null, null);
}
