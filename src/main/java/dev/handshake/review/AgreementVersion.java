package dev.handshake.review;

import java.time.Instant;
import java.util.List;

/**
 * One version of the agreement the app ran with: its number, content hash, what changed from the previous one
 * ({@code changes} is empty for the first version loaded) and where the change was announced, once it was.
 */
public record AgreementVersion(
        long id, String version, String sha256, Instant loadedAt, List<String> changes, boolean firstLoaded,
        Instant announcedAt, String channelId, String messageTs) {

    public AgreementVersion {
        changes = List.copyOf(changes);
    }
}
