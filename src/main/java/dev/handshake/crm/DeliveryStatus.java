package dev.handshake.crm;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How deliveries to one destination (a webhook endpoint, HubSpot) went lately, for the health page: when the last
 * one arrived, and the last failure (when, what) if none arrived since. Thread-safe.
 */
final class DeliveryStatus {

    private Instant lastDelivered;
    private Instant lastFailed;
    private String lastError;

    synchronized void delivered(Instant at) {
        lastDelivered = at;
        lastFailed = null;
        lastError = null;
    }

    synchronized void failed(Instant at, String error) {
        lastFailed = at;
        lastError = error;
    }

    /** Whether the latest attempt failed. */
    synchronized boolean failing() {
        return lastFailed != null;
    }

    synchronized Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        if (lastDelivered != null) {
            details.put("last_delivered_at", lastDelivered.toString());
        }
        if (lastFailed != null) {
            details.put("last_failed_at", lastFailed.toString());
            details.put("last_error", lastError);
        }
        return details;
    }
}
