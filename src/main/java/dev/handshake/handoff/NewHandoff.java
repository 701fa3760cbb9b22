package dev.handshake.handoff;

import java.util.List;

/**
 * A validated handoff request from marketing's automation, before it is stored. {@code intakeSource} names the
 * agreement's intake source it was mapped from ({@code hubspot} for {@code POST /handoffs/hubspot}), or is null
 * for a canonical body.
 */
public record NewHandoff(
        String externalId, String stage, Lead lead, String assignee, String note, List<String> criteriaMet,
        String intakeSource) {

    public NewHandoff {
        criteriaMet = List.copyOf(criteriaMet);
    }

    /** A canonical request, sent to {@code POST /handoffs} as it is. */
    public NewHandoff(String externalId, String stage, Lead lead, String assignee, String note,
            List<String> criteriaMet) {
        this(externalId, stage, lead, assignee, note, criteriaMet, null);
    }

    /** The same request, mapped from the intake source {@code name}. */
    public NewHandoff from(String name) {
        return new NewHandoff(externalId, stage, lead, assignee, note, criteriaMet, name);
    }
}
