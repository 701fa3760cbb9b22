package dev.handshake.agreement;

import java.time.Duration;

/**
 * How a stage is handed to sales: the business time sales has to accept or reject it, and, once accepted,
 * the business time to first contact (null when the agreement sets none).
 */
public record StageHandoff(String stage, Duration responseTime, Duration firstContact) {}
