package dev.handshake.funnel;

import java.time.Instant;
import java.util.Objects;

/** A lead entered a stage of the funnel at an instant, as marketing's automation reports it. */
public record StageEvent(String leadId, String stage, Instant at) {

    public StageEvent {
        Objects.requireNonNull(leadId, "leadId == null");
        Objects.requireNonNull(stage, "stage == null");
        Objects.requireNonNull(at, "at == null");
    }
}
