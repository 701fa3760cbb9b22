package dev.handshake.demo;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The {@code trigger_id}s the stand-in hands out with each interaction: valid for three seconds of real time and
 * for one modal, as Slack's are. Thread-safe.
 */
final class Triggers {

    static final Duration LIFETIME = Duration.ofSeconds(3);
    private static final int KEPT = 500;

    /** Whom a trigger opens a modal for, or the error Slack answers. */
    record Exchange(String user, String error) {}

    private record Trigger(String user, long issuedNanos, boolean used) {}

    private final LongSupplier nanoTime;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Trigger> issued = new LinkedHashMap<>();

    Triggers(LongSupplier nanoTime) {
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime == null");
    }

    synchronized String issue(String user, long epochSecond) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String id = epochSecond + "." + (100_000_000 + random.nextInt(900_000_000)) + "."
                + HexFormat.of().formatHex(bytes);
        issued.put(id, new Trigger(user, nanoTime.getAsLong(), false));
        if (issued.size() > KEPT) {
            issued.remove(issued.keySet().iterator().next());
        }
        return id;
    }

    /**
     * Uses a trigger: the user it was issued for, or Slack's error, {@code invalid_trigger_id},
     * {@code exchanged_trigger_id} or {@code expired_trigger_id}.
     */
    synchronized Exchange exchange(String id) {
        Trigger trigger = id == null ? null : issued.get(id);
        if (trigger == null) {
            return new Exchange(null, "invalid_trigger_id");
        }
        if (trigger.used()) {
            return new Exchange(null, "exchanged_trigger_id");
        }
        if (nanoTime.getAsLong() - trigger.issuedNanos() > LIFETIME.toNanos()) {
            return new Exchange(null, "expired_trigger_id");
        }
        issued.put(id, new Trigger(trigger.user(), trigger.issuedNanos(), true));
        return new Exchange(trigger.user(), null);
    }
}
