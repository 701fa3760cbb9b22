package dev.handshake.agreement;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the built-in HubSpot writer does ({@code hubspot:} in the agreement): for handoffs that came through one of
 * {@code sources} (intake sources that map {@code lead.crm_id}, which holds the HubSpot contact id), the update each
 * kind of event makes to that contact; and how long a failing update is retried.
 */
public record HubSpotTerms(List<String> sources, Map<String, Update> on, Duration retryFor) {

    /** Who becomes the contact's owner: the person who did what the event records, or the handoff's assignee. */
    public enum OwnerFrom { ACTOR, ASSIGNEE }

    /**
     * One event's update: contact properties to set (HubSpot internal names and values), the owner to set from a
     * person's email (null: leave it), and whether to add a note (the rejection's reason and comment, or what
     * happened).
     */
    public record Update(Map<String, String> properties, OwnerFrom owner, boolean note) {

        public Update {
            properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        }

        /** Whether the contact itself is changed (a note alone is not a change of the contact). */
        public boolean changesContact() {
            return !properties.isEmpty() || owner != null;
        }
    }

    public HubSpotTerms {
        sources = List.copyOf(sources);
        on = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(on, "on == null")));
        Objects.requireNonNull(retryFor, "retryFor == null");
    }
}
