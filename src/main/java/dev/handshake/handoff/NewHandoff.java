package dev.handshake.handoff;

import java.util.List;

/** A validated handoff request from marketing's automation, before it is stored. */
public record NewHandoff(
        String externalId, String stage, Lead lead, String assignee, String note, List<String> criteriaMet) {

    public NewHandoff {
        criteriaMet = List.copyOf(criteriaMet);
    }
}
