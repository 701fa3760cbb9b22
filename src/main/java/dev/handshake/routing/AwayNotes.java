package dev.handshake.routing;

import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.RoutingTerms;
import dev.handshake.agreement.Stage;
import dev.handshake.agreement.StageHandoff;
import dev.handshake.roster.AwayConsequences;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * What {@code /sla away} tells a rep will happen while they are away, from the agreement's routing: new leads skip
 * them (and they rejoin at the current turn), leads sent straight to them are routed on or kept with a warning, and
 * the leads they hold stay with them. Thread-safe.
 */
public final class AwayNotes implements AwayConsequences {

    private final Jdbi jdbi;
    private final Agreement agreement;
    private final Router router;

    public AwayNotes(Jdbi jdbi, Agreement agreement, Router router) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi == null");
        this.agreement = Objects.requireNonNull(agreement, "agreement == null");
        this.router = Objects.requireNonNull(router, "router == null");
    }

    @Override
    public String whileAway(String userId) {
        List<String> inPools = new ArrayList<>();
        List<String> routedOn = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        for (StageHandoff stage : agreement.handoff().stages()) {
            String name = agreement.stage(stage.stage()).map(Stage::name).orElse(stage.stage());
            Optional<RoutingTerms> routing = agreement.handoff().routingFor(stage.stage());
            if (routing.isPresent() && routing.get().rep(userId).isPresent()) {
                inPools.add(name);
            }
            (routing.isPresent() && routing.get().reassignIfUnavailable() ? routedOn : kept).add(name);
        }
        StringBuilder text = new StringBuilder();
        if (inPools.isEmpty()) {
            text.append("You're in no routing pool, so no rotation changes.");
        } else {
            text.append("New ").append(String.join(" and ", inPools)).append(" leads skip you in the rotation; ")
                    .append("when you're back you rejoin at the current turn, without catching up on the leads you ")
                    .append("missed.");
        }
        String warned = agreement.handoff().escalation() == null ? "the escalation target"
                : router.describe(agreement.handoff().escalation());
        if (kept.isEmpty()) {
            text.append(" A lead sent straight to you is reassigned to the next rep in rotation, with a note saying")
                    .append(" why.");
        } else if (routedOn.isEmpty()) {
            text.append(" A lead sent straight to you stays with you, and ").append(warned).append(" is warned.");
        } else {
            text.append(" A lead sent straight to you is reassigned to the next rep in rotation (")
                    .append(String.join(", ", routedOn)).append(") or stays with you while ").append(warned)
                    .append(" is warned (").append(String.join(", ", kept)).append(").");
        }
        int held = jdbi.withHandle(handle -> RotationStore.pendingHeldBy(handle, userId));
        boolean reassigns = agreement.handoff().reassign() != null && agreement.handoff().reassign().enabled();
        if (held == 0) {
            text.append(" You hold no undecided leads now.");
        } else {
            text.append(held == 1 ? " The undecided lead you hold stays with you: decide it before you go, or "
                            : " The " + held + " undecided leads you hold stay with you: decide them before you go, or ")
                    .append(held == 1 ? "it is " : "they are ")
                    .append(reassigns ? "reassigned" : "escalated to " + warned)
                    .append(held == 1 ? " when its deadline passes, as usual." : " when their deadlines pass, as usual.");
        }
        return text.toString();
    }
}
