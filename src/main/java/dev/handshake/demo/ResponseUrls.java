package dev.handshake.demo;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The {@code response_url}s the stand-in hands out with slash commands and message clicks: each answers in the
 * conversation it came from, to the member who acted, up to five times within thirty minutes, as Slack's do.
 * Thread-safe.
 */
final class ResponseUrls {

    static final Duration LIFETIME = Duration.ofMinutes(30);
    static final int MAX_USES = 5;
    private static final int KEPT = 1000;

    /** Where answers to a response URL go; {@code messageTs} or {@code ephemeralId} is the message acted on. */
    record Hook(String user, String conversation, String messageTs, String ephemeralId, String threadTs) {}

    private record Issued(Hook hook, long issuedNanos, int uses) {}

    private final LongSupplier nanoTime;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Issued> issued = new LinkedHashMap<>();

    ResponseUrls(LongSupplier nanoTime) {
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime == null");
    }

    /** A new hook id (the last part of the URL). */
    synchronized String issue(Hook hook) {
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        String id = HexFormat.of().formatHex(bytes);
        issued.put(id, new Issued(Objects.requireNonNull(hook, "hook == null"), nanoTime.getAsLong(), 0));
        if (issued.size() > KEPT) {
            issued.remove(issued.keySet().iterator().next());
        }
        return id;
    }

    /** Counts one use of a hook; empty when it is unknown, expired or used up. */
    synchronized Optional<Hook> use(String id) {
        Issued hook = id == null ? null : issued.get(id);
        if (hook == null || hook.uses() >= MAX_USES
                || nanoTime.getAsLong() - hook.issuedNanos() > LIFETIME.toNanos()) {
            return Optional.empty();
        }
        issued.put(id, new Issued(hook.hook(), hook.issuedNanos(), hook.uses() + 1));
        return Optional.of(hook.hook());
    }
}
