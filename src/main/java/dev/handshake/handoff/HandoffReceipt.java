package dev.handshake.handoff;

import dev.handshake.db.Busy;
import dev.handshake.db.Database;
import dev.handshake.db.LockWait;
import dev.handshake.db.OutcomeUnknownException;
import dev.handshake.http.Json;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;

/**
 * Stores a valid handoff request and answers its sender, the same way whichever endpoint it came through: 202 once
 * committed, 200 for a repeat, 409 for the same id with another body, 503 with Retry-After while the database stays
 * locked (nothing stored) or when a commit did not confirm in time (outcome unknown), 500 with a reference for
 * anything else.
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
        } catch (OutcomeUnknownException e) {
            log.warn("{} answered 503: the database did not confirm its commit, so it may or may not be stored",
                    endpoint);
            refuse(response, "unknown", "the database did not confirm the commit, so this handoff may or may not be"
                    + " stored; send it again with the same id");
            return;
        } catch (RuntimeException e) {
            if (Busy.isBusy(e)) {
                log.warn("{} refused with 503: the database stayed locked past the busy timeout", endpoint);
                refuse(response, "not_stored", "the database is busy; nothing was stored, retry shortly");
                return;
            }
            // An unexpected failure may come before or after the commit: the sender's retry with the same id is safe.
            Json.internalError(response, log, endpoint, e,
                    "internal error; the handoff may or may not be stored: send it again with the same id");
            return;
        }
        answer(response, intake);
    }

    /** 503 with Retry-After; {@code outcome} tells the sender whether anything may have been stored. */
    private static void refuse(HttpServletResponse response, String outcome, String message) throws IOException {
        response.setHeader("Retry-After", "5");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        body.put("outcome", outcome);
        Json.write(response, 503, body);
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
