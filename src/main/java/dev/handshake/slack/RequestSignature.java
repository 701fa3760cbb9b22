package dev.handshake.slack;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies Slack's v0 request signatures: HMAC-SHA256 over the UTF-8 bytes of {@code v0:timestamp:body}, compared
 * in constant time, with the timestamp within five minutes of now in either direction.
 *
 * <p>Bolt's own check hashes with the JVM's default charset, compares with {@code equals} and accepts any future
 * timestamp; this one is what the app uses instead. Thread-safe.
 */
public final class RequestSignature {

    /** Why a request was refused, for the log (never the signature or secret themselves). */
    public enum Verdict { VALID, MISSING_HEADERS, BAD_TIMESTAMP, STALE_TIMESTAMP, BAD_SIGNATURE }

    static final Duration WINDOW = Duration.ofMinutes(5);
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    private final Clock clock;
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    public RequestSignature(String signingSecret, Clock clock) {
        Objects.requireNonNull(signingSecret, "signingSecret == null");
        if (signingSecret.isBlank()) {
            throw new IllegalArgumentException("the signing secret must not be blank");
        }
        this.key = new SecretKeySpec(signingSecret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
        this.clock = Objects.requireNonNull(clock, "clock == null");
    }

    public Verdict verify(String timestamp, String body, String signature) {
        return verifyRaw(timestamp, body == null ? null : body.getBytes(StandardCharsets.UTF_8), signature);
    }

    /** Verifies the raw bytes as received, so a body that is not UTF-8 is checked exactly as it was signed. */
    public Verdict verifyRaw(String timestamp, byte[] body, String signature) {
        if (timestamp == null || signature == null || body == null) {
            return Verdict.MISSING_HEADERS;
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return Verdict.BAD_TIMESTAMP;
        }
        // Compared against now ± window rather than |now - seconds|, which overflows for extreme timestamps.
        long now = clock.millis() / 1000;
        if (seconds <= now - WINDOW.toSeconds() || seconds >= now + WINDOW.toSeconds()) {
            return Verdict.STALE_TIMESTAMP;
        }
        byte[] expected = sign(timestamp.trim(), body).getBytes(StandardCharsets.US_ASCII);
        byte[] given = signature.trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, given) ? Verdict.VALID : Verdict.BAD_SIGNATURE;
    }

    String sign(String timestamp, String body) {
        return sign(timestamp, body.getBytes(StandardCharsets.UTF_8));
    }

    private String sign(String timestamp, byte[] body) {
        // doFinal resets the Mac to its key, so each thread keeps one instead of looking one up per request.
        Mac mac = macs.get();
        mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
        return "v0=" + HexFormat.of().formatHex(mac.doFinal(body));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
