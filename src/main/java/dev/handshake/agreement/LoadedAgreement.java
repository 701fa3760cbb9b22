package dev.handshake.agreement;

import java.util.Objects;

/** A validated agreement together with the exact text it was read from and the SHA-256 (lower-case hex) of that file. */
public record LoadedAgreement(Agreement agreement, String text, String sha256) {

    public LoadedAgreement {
        Objects.requireNonNull(agreement, "agreement == null");
        Objects.requireNonNull(text, "text == null");
        Objects.requireNonNull(sha256, "sha256 == null");
    }
}
