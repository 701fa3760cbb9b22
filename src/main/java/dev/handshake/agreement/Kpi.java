package dev.handshake.agreement;

/** A key performance indicator both teams report on, with how it is measured and its target. */
public record Kpi(String id, String name, String definition, String target, Metric metric) {}
