package dev.handshake.outbox;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * This process among the replicas sharing a database: an id no other process has (host name, process id and a
 * random suffix, so a restarted replica never takes its predecessor's leases for its own), and when it started.
 */
public record Replica(String id, Instant startedAt) {

    public Replica {
        Objects.requireNonNull(id, "id == null");
        Objects.requireNonNull(startedAt, "startedAt == null");
    }

    /** This process, started at {@code now}. */
    public static Replica thisProcess(Instant now) {
        byte[] random = new byte[3];
        ThreadLocalRandom.current().nextBytes(random);
        return new Replica(hostName() + "-" + ProcessHandle.current().pid() + "-" + HexFormat.of().formatHex(random),
                now);
    }

    private static String hostName() {
        String fromEnvironment = System.getenv("HOSTNAME");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment.strip();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "host";
        }
    }
}
