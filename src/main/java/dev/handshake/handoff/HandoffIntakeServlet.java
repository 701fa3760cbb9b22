package dev.handshake.handoff;

import dev.handshake.db.Busy;
import dev.handshake.db.Database;
import dev.handshake.db.LockWait;
import dev.handshake.db.OutcomeUnknownException;
import dev.handshake.http.BearerToken;
import dev.handshake.http.JsonIntake;
import dev.handshake.http.Json;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /handoffs}: marketing's automation hands a lead to sales. Answers 202 only once the lead and its
 * delivery are committed; every refusal is a 4xx naming the problem, never a stack trace. While another process
 * holds the database's write lock, waits at most the busy timeout, then answers 503 with Retry-After and
 * {@code "outcome":"not_stored"}; a commit that started but did not end in time gets 503 with
 * {@code "outcome":"unknown"}: either way the same body with the same id is safe to send again.
 */
public final class HandoffIntakeServlet extends HttpServlet {

    private static final Logger log = LoggerFactory.getLogger(HandoffIntakeServlet.class);

    private final transient JsonIntake intake;
    private final transient HandoffRequestParser parser;
    private final transient Handoffs handoffs;
    private final transient LockWait lockWait;

    /**
     * {@code token} is null when no {@code HANDOFF_TOKEN} is set; intake then answers 503 explaining why.
     * {@code lockWait} bounds the wait for the database (the writer may be queued behind another process's lock).
     */
    public HandoffIntakeServlet(BearerToken token, HandoffRequestParser parser, Handoffs handoffs,
            LockWait lockWait) {
        this.intake = new JsonIntake(token, "handoff");
        this.parser = Objects.requireNonNull(parser, "parser == null");
        this.handoffs = Objects.requireNonNull(handoffs, "handoffs == null");
        this.lockWait = Objects.requireNonNull(lockWait, "lockWait == null");
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<byte[]> body = intake.admit(request, response);
        if (body.isEmpty()) {
            return;
        }
        HandoffRequestParser.Result parsed = parser.parse(body.get());
        if (parsed instanceof HandoffRequestParser.Malformed malformed) {
            JsonIntake.error(response, 400, malformed.message());
            return;
        }
        if (parsed instanceof HandoffRequestParser.Invalid invalid) {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("error", "invalid handoff");
            answer.put("problems", invalid.problems());
            Json.write(response, 422, answer);
            return;
        }
        HandoffRequestParser.Valid valid = (HandoffRequestParser.Valid) parsed;
        try {
            answer(response, lockWait.atMost(Database.BUSY_TIMEOUT,
                    () -> handoffs.receive(valid.request(), valid.canonicalSha256())));
        } catch (OutcomeUnknownException e) {
            log.warn("Handoff intake answered 503: its commit did not end in time, so it may or may not be stored");
            refuse(response, "unknown", "the database did not confirm the commit in time, so this handoff may or "
                    + "may not be stored; send it again with the same id");
        } catch (RuntimeException e) {
            if (Busy.isBusy(e)) {
                log.warn("Handoff intake refused with 503: the database stayed locked past the busy timeout");
                refuse(response, "not_stored", "the database is busy; nothing was stored, retry shortly");
                return;
            }
            // An unexpected failure may come before or after the commit: the sender's retry with the same id is safe.
            Json.internalError(response, log, "Handoff intake", e,
                    "internal error; the handoff may or may not be stored: send it again with the same id");
        }
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
