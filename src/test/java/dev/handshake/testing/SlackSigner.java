package dev.handshake.testing;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Computes Slack's v0 request signature over UTF-8 bytes, independently of the SDK's generator, which uses the JVM
 * default charset and so could hide the very charset bug it should expose.
 */
public final class SlackSigner {

    /** Header carrying the request time in epoch seconds. */
    public static final String TIMESTAMP_HEADER = "X-Slack-Request-Timestamp";
    /** Header carrying {@code v0=<hex>}. */
    public static final String SIGNATURE_HEADER = "X-Slack-Signature";

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    public SlackSigner(String signingSecret) {
        Objects.requireNonNull(signingSecret, "signingSecret == null");
        if (signingSecret.isEmpty()) {
            throw new IllegalArgumentException("signingSecret is empty");
        }
        this.key = new SecretKeySpec(signingSecret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** Returns {@code v0=} + lowercase hex HMAC-SHA256 of {@code "v0:" + timestamp + ":" + body} in UTF-8. */
    public String sign(long timestampSeconds, String body) {
        Objects.requireNonNull(body, "body == null");
        String base = "v0:" + timestampSeconds + ":" + body;
        return "v0=" + HexFormat.of().formatHex(mac().doFinal(base.getBytes(StandardCharsets.UTF_8)));
    }

    private Mac mac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
