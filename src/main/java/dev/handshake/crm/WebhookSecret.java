package dev.handshake.crm;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A Standard Webhooks signing secret ({@code whsec_} followed by the base64 of 24 to 64 random bytes) and the
 * signature it makes: {@code v1,} and the base64 HMAC-SHA256 of {@code id.timestamp.body}. Immutable; thread-safe.
 */
final class WebhookSecret {

    static final String PREFIX = "whsec_";
    static final int MIN_BYTES = 24;
    static final int MAX_BYTES = 64;
    private static final String HMAC = "HmacSHA256";

    private final SecretKeySpec key;

    private WebhookSecret(byte[] key) {
        this.key = new SecretKeySpec(key, HMAC);
    }

    /**
     * Reads a secret as Standard Webhooks writes it; throws {@link IllegalArgumentException} saying what is wrong
     * with it, never quoting it.
     */
    static WebhookSecret parse(String text) {
        String trimmed = text.strip();
        if (!trimmed.startsWith(PREFIX)) {
            throw new IllegalArgumentException("must start with " + PREFIX + " followed by base64, as Standard "
                    + "Webhooks secrets do (make one with: echo " + PREFIX + "$(openssl rand -base64 32))");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(trimmed.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("is not valid base64 after " + PREFIX);
        }
        if (key.length < MIN_BYTES || key.length > MAX_BYTES) {
            throw new IllegalArgumentException("must hold " + MIN_BYTES + " to " + MAX_BYTES + " random bytes (it "
                    + "holds " + key.length + "); make one with: echo " + PREFIX + "$(openssl rand -base64 32)");
        }
        return new WebhookSecret(key);
    }

    /** The {@code webhook-signature} value for this message. */
    String sign(String id, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            byte[] digest = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has HMAC-SHA256", e);
        }
    }

    @Override
    public String toString() {
        return "WebhookSecret[hidden]";
    }
}
