package dev.handshake.agreement;

import java.util.Objects;

/**
 * A rep in a stage's routing pool: their Slack user id, their weight in the rotation (a rep of weight 2 gets twice
 * the leads of a rep of weight 1) and their own cap of open handoffs, or null to use the pool's.
 */
public record PoolRep(String user, int weight, Integer cap) {

    public PoolRep {
        Objects.requireNonNull(user, "user == null");
        if (weight < 1) {
            throw new IllegalArgumentException("weight must be at least 1, was " + weight);
        }
        if (cap != null && cap < 1) {
            throw new IllegalArgumentException("cap must be at least 1, was " + cap);
        }
    }

    /** A rep of weight 1 with the pool's cap. */
    public PoolRep(String user) {
        this(user, 1, null);
    }
}
