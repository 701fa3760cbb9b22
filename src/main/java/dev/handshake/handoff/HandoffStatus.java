package dev.handshake.handoff;

/** Where a handoff stands with sales. */
public enum HandoffStatus {
    PENDING, ACCEPTED, REJECTED;

    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static HandoffStatus fromKey(String key) {
        return valueOf(key.toUpperCase(java.util.Locale.ROOT));
    }
}
