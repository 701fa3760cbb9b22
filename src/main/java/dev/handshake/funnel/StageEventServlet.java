package dev.handshake.funnel;

import dev.handshake.db.Busy;
import dev.handshake.db.OutcomeUnknownException;
import dev.handshake.http.BearerToken;
import dev.handshake.http.JsonIntake;
import dev.handshake.http.Json;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /stage-events}: marketing's automation reports leads entering funnel stages, one event or a batch.
 * All or nothing: a batch with any problem stores nothing. Same authentication and answers as {@code /handoffs}.
 */
public final class StageEventServlet extends HttpServlet {

    private static final Logger log = LoggerFactory.getLogger(StageEventServlet.class);

    private final transient JsonIntake intake;
    private final transient StageEventParser parser;
    private final transient StageEventStore store;
    private final transient Clock clock;

    /** {@code token} is null when no {@code HANDOFF_TOKEN} is set; the endpoint then answers 503 explaining why. */
    public StageEventServlet(BearerToken token, StageEventParser parser, StageEventStore store, Clock clock) {
        this.intake = new JsonIntake(token, "stage events");
        this.parser = Objects.requireNonNull(parser, "parser == null");
        this.store = Objects.requireNonNull(store, "store == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<byte[]> body = intake.admit(request, response);
        if (body.isEmpty()) {
            return;
        }
        StageEventParser.Result parsed = parser.parse(body.get());
        if (parsed instanceof StageEventParser.Malformed malformed) {
            JsonIntake.error(response, 400, malformed.message());
            return;
        }
        if (parsed instanceof StageEventParser.Invalid invalid) {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("error", "invalid stage events; nothing was stored");
            answer.put("problems", invalid.problems());
            Json.write(response, 422, answer);
            return;
        }
        try {
            StageEventStore.Stored stored = store.store(((StageEventParser.Valid) parsed).events(), clock.instant());
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("accepted", stored.accepted());
            answer.put("duplicates", stored.duplicates());
            Json.write(response, 200, answer);
        } catch (OutcomeUnknownException e) {
            log.warn("Stage event intake answered 503: the database did not confirm the commit, so the events may or"
                    + " may not be stored");
            response.setHeader("Retry-After", "5");
            JsonIntake.error(response, 503, "the database did not confirm the commit, so these events may or may not"
                    + " be stored; send them again: events already stored count as duplicates");
        } catch (RuntimeException e) {
            if (Busy.isBusy(e)) {
                log.warn("Stage event intake refused with 503: the database stayed locked past the busy timeout");
                response.setHeader("Retry-After", "5");
                JsonIntake.error(response, 503, "the database is busy; nothing was stored, retry shortly");
                return;
            }
            // An unexpected failure may come before or after the commit: a resend is safe, repeats count as duplicates.
            Json.internalError(response, log, "Stage event intake", e, "internal error; the events may or may not be"
                    + " stored: send them again, those stored count as duplicates");
        }
    }

}
