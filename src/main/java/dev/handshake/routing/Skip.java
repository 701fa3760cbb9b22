package dev.handshake.routing;

import java.util.Objects;

/**
 * Why a rep was passed over for a lead, in words that name them without pinging: "Ben Ortiz: away until Wed, Dec 9".
 * {@code why} is the reason's text after the name.
 */
public record Skip(String user, String name, Reason reason, String why) {

    /** The reasons a rep cannot take a lead now. */
    public enum Reason {
        /** Said they are away ({@code /sla away}). */
        AWAY,
        /** Deactivated in Slack. */
        DEACTIVATED,
        /** Holds as many open handoffs as their cap allows. */
        AT_CAP,
        /** Outside the agreement's opening hours in their own time zone. */
        OUTSIDE_HOURS,
        /** Already held this lead (a reassignment never goes back to them). */
        HELD_BEFORE
    }

    public Skip {
        Objects.requireNonNull(user, "user == null");
        Objects.requireNonNull(reason, "reason == null");
    }

    /** "Ben Ortiz: away until Wed, Dec 9". */
    public String text() {
        return name + ": " + why;
    }
}
