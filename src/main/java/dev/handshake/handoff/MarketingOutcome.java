package dev.handshake.handoff;

import java.time.Instant;

/** What marketing did with a rejected lead: took it back to nurture, or contested the rejection. */
public record MarketingOutcome(Kind kind, String by, Instant at) {

    /** The two answers marketing can give to a rejection. */
    public enum Kind { RECYCLED, CONTESTED }
}
