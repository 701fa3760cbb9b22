package dev.handshake.crm;

/**
 * The outbox lanes of the CRM's deliveries: a destination's items are spread over a few lanes so that several go at
 * once, and each subject (a handoff) always falls in the same lane, so its events arrive in the order recorded.
 */
final class Lanes {

    private Lanes() {}

    static String of(String destination, String subject, int lanes) {
        return destination + "#" + Math.floorMod(subject.hashCode(), lanes);
    }
}
