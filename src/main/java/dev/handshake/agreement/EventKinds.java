package dev.handshake.agreement;

import java.util.List;

/**
 * The kinds of event a handoff's ledger records, as the agreement names them when it subscribes webhooks and the
 * HubSpot writer to them. Subscribing to {@code all} takes every kind, including any recorded in a later version.
 */
public final class EventKinds {

    /** Every kind, in the order a handoff usually meets them. */
    public static final List<String> KNOWN = List.of(
            "received", "routed", "posted", "assigned", "reminded", "overdue", "escalated", "reassigned", "unclaimed",
            "accepted", "rejected", "marketing_notified", "followup_reminded", "followup_escalated", "recycled",
            "contested", "upheld", "reopened", "contacted", "contact_reminded", "contact_escalated", "failed");

    private EventKinds() {}
}
