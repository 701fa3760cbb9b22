package dev.handshake.agreement;

import java.time.Duration;

/**
 * When to remind before a deadline: either a share of the response window ({@code windowPercent}, 1–99,
 * e.g. 75 means "when 75% of the window has passed") or a fixed business time before the deadline.
 * Exactly one of the two is set.
 */
public record ReminderTerms(Integer windowPercent, Duration beforeDeadline) {}
