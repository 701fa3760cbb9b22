package dev.handshake.handoff;

import java.util.List;

/**
 * The lead being handed off, as marketing's automation described it; only {@code name} is always present.
 * {@code crmId} is the lead's id in the CRM that sent it; {@code touches} are in the order sent and
 * {@code extras} are the sender's other fields, in the order sent.
 */
public record Lead(
        String name, String email, String title, String company, String persona, Integer score,
        String source, String crmUrl, String phone, String crmId, List<Touch> touches, List<ExtraField> extras) {

    public Lead {
        touches = touches == null ? List.of() : List.copyOf(touches);
        extras = extras == null ? List.of() : List.copyOf(extras);
    }

    /** A lead with no phone, CRM id, touches or extra fields. */
    public Lead(String name, String email, String title, String company, String persona, Integer score,
            String source, String crmUrl) {
        this(name, email, title, company, persona, score, source, crmUrl, null, null, List.of(), List.of());
    }
}
