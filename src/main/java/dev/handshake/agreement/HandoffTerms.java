package dev.handshake.agreement;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where and how leads pass from marketing to sales, and what happens when nobody acts (step 4).
 * {@code rejectionFollowup} is the business time marketing has to answer a rejection (recycle or contest it), or
 * null when the agreement sets none. {@code routing} holds the stages that say who gets their leads; see
 * {@link #routingFor(String)}.
 */
public record HandoffTerms(
        List<StageHandoff> stages,
        Decider whoDecides,
        String salesChannel,
        String marketingChannel,
        SlackTarget escalation,
        List<String> rejectionReasons,
        ReminderTerms reminder,
        ReassignTerms reassign,
        Duration rejectionFollowup,
        Map<String, RoutingTerms> routing) {

    public HandoffTerms {
        stages = List.copyOf(stages);
        rejectionReasons = List.copyOf(rejectionReasons);
        routing = routing == null ? Map.of() : Map.copyOf(routing);
    }

    /**
     * Terms without a limit on marketing's answer to a rejection and without routing of their own: every stage is
     * routed over {@code reassign.pool}, if it names one.
     */
    public HandoffTerms(List<StageHandoff> stages, Decider whoDecides, String salesChannel, String marketingChannel,
            SlackTarget escalation, List<String> rejectionReasons, ReminderTerms reminder, ReassignTerms reassign) {
        this(stages, whoDecides, salesChannel, marketingChannel, escalation, rejectionReasons, reminder, reassign,
                null, Map.of());
    }

    /**
     * How leads of this stage are assigned: the stage's own {@code routing}, or else round robin over
     * {@code reassign.pool} (the agreement's pool before stages had routing), or empty when neither is given.
     */
    public Optional<RoutingTerms> routingFor(String stage) {
        RoutingTerms own = routing.get(stage);
        if (own != null) {
            return Optional.of(own);
        }
        if (reassign != null && !reassign.pool().isEmpty()) {
            return Optional.of(RoutingTerms.fromReassignPool(reassign.pool()));
        }
        return Optional.empty();
    }

    /**
     * Every rep leads can be routed to: each stage's pool in the order of the stages, then {@code reassign.pool};
     * each once.
     */
    public List<String> reps() {
        java.util.LinkedHashSet<String> reps = new java.util.LinkedHashSet<>();
        stages.forEach(stage -> routingFor(stage.stage())
                .ifPresent(terms -> terms.pool().forEach(rep -> reps.add(rep.user()))));
        if (reassign != null) {
            reps.addAll(reassign.pool());
        }
        return List.copyOf(reps);
    }
}
