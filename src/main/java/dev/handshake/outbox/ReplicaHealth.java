package dev.handshake.outbox;

import dev.handshake.http.HealthCheck;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replica part of the health page: which replica answered, how many outbox lanes it is sending in now and, with
 * replicas sharing the database, how many lanes it holds, and every replica seen in the last minute with the number
 * of lanes each holds. Counts, not lane names: a lane is named after a channel or a person, and the health page is
 * for load balancers. A replica that cannot read the lanes is {@code degraded} (the database part says why).
 */
public final class ReplicaHealth implements HealthCheck {

    private static final Logger log = LoggerFactory.getLogger(ReplicaHealth.class);

    private final OutboxStore store;
    private final Dispatcher dispatcher;

    public ReplicaHealth(Outbox outbox) {
        this.store = Objects.requireNonNull(outbox, "outbox == null").store();
        this.dispatcher = outbox.dispatcher();
    }

    @Override
    public String name() {
        return "replica";
    }

    @Override
    public Result check() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("id", store.replica().id());
        details.put("started", store.replica().startedAt().toString());
        details.put("shares_database", store.leased());
        details.put("lanes_sending", dispatcher.busyLanes().size());
        if (!store.leased()) {
            return new Result("ok", details);
        }
        List<LaneLeases.Holder> holders;
        try {
            holders = store.holders();
        } catch (RuntimeException e) {
            log.debug("Health check: cannot read the replicas: {}", e.getMessage());
            details.put("problem", "cannot read which lanes the replicas hold (see database)");
            return new Result("degraded", details);
        }
        details.put("lanes_held", holders.stream().filter(h -> h.id().equals(store.replica().id()))
                .mapToInt(h -> h.lanes().size()).sum());
        details.put("replicas", holders.stream().map(h -> Map.of("id", h.id(),
                "seen_seconds_ago", h.secondsSinceSeen(), "lanes_held", h.lanes().size())).toList());
        return new Result("ok", details);
    }
}
