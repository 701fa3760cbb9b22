package dev.handshake.agreement;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A sender that cannot shape the canonical handoff body itself ({@code POST /handoffs/{name}}), and how its own body
 * maps onto the canonical fields. Fields it does not map are left out; {@code lead.fields} holds the canonical lead
 * fields by name ({@code name}, {@code email}, …) and {@code lead.extras} the extra fields by the name they get.
 */
public record IntakeSource(
        String name, FieldSource id, FieldSource stage, LeadMapping lead, FieldSource assignee, FieldSource note,
        CriteriaMapping criteria) {

    public IntakeSource {
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(id, "id == null");
        Objects.requireNonNull(stage, "stage == null");
        Objects.requireNonNull(lead, "lead == null");
    }

    /** The lead's canonical fields, its touches and its extra fields, each in the order written. */
    public record LeadMapping(Map<String, FieldSource> fields, TouchesMapping touches,
            Map<String, FieldSource> extras) {

        public LeadMapping {
            fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
            extras = Collections.unmodifiableMap(new LinkedHashMap<>(extras));
        }
    }

    /**
     * Where the lead's touches come from: {@code array}, a pointer to an array of canonical {@code {at, what}}
     * objects; or {@code each}, a pointer to an array whose items give {@code at} and {@code what} through pointers
     * relative to the item; or {@code items}, one {@code {at, what}} per touch. Exactly one is set.
     */
    public record TouchesMapping(FieldSource array, FieldSource.Pointer each, TouchMapping eachItem,
            List<TouchMapping> items) {

        public TouchesMapping {
            items = items == null ? List.of() : List.copyOf(items);
        }
    }

    /** One touch: when and what. */
    public record TouchMapping(FieldSource at, FieldSource what) {}

    /** {@code criteria_met}: a pointer to an array of strings ({@code array}), or one value per item. */
    public record CriteriaMapping(FieldSource array, List<FieldSource> items) {

        public CriteriaMapping {
            items = items == null ? List.of() : List.copyOf(items);
        }
    }
}
