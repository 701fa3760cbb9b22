package dev.handshake.handoff;

/** The lead being handed off, as marketing's automation described it; only {@code name} is always present. */
public record Lead(
        String name, String email, String title, String company, String persona, Integer score,
        String source, String crmUrl) {}
