package dev.handshake.ask;

import java.util.Objects;

/**
 * A {@code /sla} command as a handler receives it: the parsed question, who asked, in which channel, and the
 * response URL an answer given later goes to (null when there is none, as in tests of a handler alone).
 */
public record SlaRequest(SlaQuery query, String userId, String channelId, String responseUrl) {

    public SlaRequest {
        Objects.requireNonNull(query, "query == null");
    }

    /** A request with no response URL. */
    public SlaRequest(SlaQuery query, String userId, String channelId) {
        this(query, userId, channelId, null);
    }
}
