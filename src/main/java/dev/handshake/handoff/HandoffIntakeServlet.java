package dev.handshake.handoff;

import dev.handshake.db.LockWait;
import dev.handshake.http.BearerToken;
import dev.handshake.http.Json;
import dev.handshake.http.JsonIntake;
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
 * holds the database's write lock, waits at most the busy timeout, then answers 503 with Retry-After.
 */
public final class HandoffIntakeServlet extends HttpServlet {

    private static final Logger log = LoggerFactory.getLogger(HandoffIntakeServlet.class);

    private final transient JsonIntake intake;
    private final transient HandoffRequestParser parser;
    private final transient HandoffReceipt receipt;

    /**
     * {@code token} is null when no {@code HANDOFF_TOKEN} is set; intake then answers 503 explaining why.
     * {@code lockWait} bounds the wait for the database (the writer may be queued behind another process's lock).
     */
    public HandoffIntakeServlet(BearerToken token, HandoffRequestParser parser, Handoffs handoffs,
            LockWait lockWait) {
        this.intake = new JsonIntake(token, "handoff");
        this.parser = Objects.requireNonNull(parser, "parser == null");
        this.receipt = new HandoffReceipt(handoffs, lockWait);
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
        receipt.store(response, valid.request(), valid.canonicalSha256(), log, "Handoff intake");
    }
}
