package dev.handshake.handoff;

import dev.handshake.db.Busy;
import dev.handshake.db.Database;
import dev.handshake.db.LockWait;
import dev.handshake.http.Json;
import dev.handshake.http.JsonIntake;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;

/**
 * Stores a valid handoff request and answers its sender, the same way whichever endpoint it came through: 202 once
 * committed, 200 for a repeat, 409 for the same id with another body, 503 with Retry-After while the database stays
 * locked, 500 with a reference for anything else.
 */
public final class HandoffReceipt {

    private final Handoffs handoffs;
    private final LockWait lockWait;

    /** {@code lockWait} bounds the wait for the database (the writer may be queued behind another process's lock). */
    public HandoffReceipt(Handoffs handoffs, LockWait lockWait) {
        this.handoffs = Objects.requireNonNull(handoffs, "handoffs == null");
        this.lockWait = Objects.requireNonNull(lockWait, "lockWait == null");
    }

    public void store(HttpServletResponse response, NewHandoff request, String canonicalSha256, Logger log,
            String endpoint) throws IOException {
        HandoffStore.Intake intake;
        try {
            intake = lockWait.atMost(Database.BUSY_TIMEOUT, () -> handoffs.receive(request, canonicalSha256));
        } catch (RuntimeException e) {
            if (Busy.isBusy(e)) {
                log.warn("{} refused with 503: the database stayed locked past the busy timeout", endpoint);
                response.setHeader("Retry-After", "5");
                JsonIntake.error(response, 503, "the database is busy; nothing was stored, retry shortly");
                return;
            }
            Json.internalError(response, log, endpoint, e, "internal error; nothing was stored");
            return;
        }
        answer(response, intake);
    }

    private static void answer(HttpServletResponse response, HandoffStore.Intake intake) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        if (intake instanceof HandoffStore.Created created) {
            body.put("handoff_id", String.valueOf(created.handoff().id()));
            body.put("status", "queued");
            Json.write(response, 202, body);
            return;
        }
        HandoffStore.Existing existing = (HandoffStore.Existing) intake;
        body.put("handoff_id", String.valueOf(existing.handoff().id()));
        if (!existing.sameRequest()) {
            body.put("error", "this id was already used for a different handoff");
            Json.write(response, 409, body);
            return;
        }
        body.put("status", existing.handoff().status() == HandoffStatus.PENDING
                ? existing.deliveryState() : existing.handoff().status().key());
        body.put("duplicate", true);
        Json.write(response, 200, body);
    }
}
