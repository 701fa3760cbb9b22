package dev.handshake.ask;

import java.util.Objects;

/** A {@code /sla} command as a handler receives it: the parsed question, who asked and in which channel. */
public record SlaRequest(SlaQuery query, String userId, String channelId) {

    public SlaRequest {
        Objects.requireNonNull(query, "query == null");
    }
}
