package dev.handshake.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/** Checks an {@code Authorization: Bearer …} header against the expected token in constant time. */
public final class BearerToken {

    private final byte[] expectedDigest;

    public BearerToken(String token) {
        Objects.requireNonNull(token, "token == null");
        this.expectedDigest = sha256(token);
    }

    public boolean matches(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            // Still hash something, so a missing header costs the same as a wrong one.
            MessageDigest.isEqual(expectedDigest, sha256(""));
            return false;
        }
        // Comparing fixed-length digests keeps the time independent of where the strings differ and of their length.
        return MessageDigest.isEqual(expectedDigest, sha256(authorizationHeader.substring(7).trim()));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
