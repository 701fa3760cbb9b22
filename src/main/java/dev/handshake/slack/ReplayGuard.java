package dev.handshake.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.app_backend.SlackSignature;
import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.MiddlewareChain;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import dev.handshake.db.Busy;
import dev.handshake.db.LockWait;
import dev.handshake.db.LockWaitExceededException;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bolt middleware, right after the signature check, that gives a repeated Slack request no second effect: the same
 * signed request sent again (its v0 signature is the key: a replay is byte-identical, and a new timestamp needs
 * a new signature only Slack can make), or an Events API retry of an event already handled (its event id is the
 * key: a retry carries a new timestamp and signature). Over Socket Mode nothing is signed, and Slack delivers again
 * an envelope it did not see acknowledged (on any of the app's connections, with or without a new envelope id, with
 * {@code retry_attempt} for events): an interaction is keyed by its trigger id, which Slack makes for each click,
 * command or submission and which a delivery carries however often it is repeated, and failing one by its envelope
 * id. A repeat is answered 200 with an empty body. A request is handled only once its key is durable, so that no
 * crash can leave an effect whose key a restarted app does not know; a request whose key cannot be read or stored
 * has no effect and gets "try again" (fail closed). A request whose handling failed (an exception or a 5xx) is
 * forgotten, so Slack's retry of it is handled. A slash command the app only answers (its answer goes back in the
 * acknowledgement, to whoever sent the request, and nothing is stored or sent) is not remembered: answering it twice
 * has no effect, and remembering it cost a fifth of the request's CPU. Among replicas (PostgreSQL), a click whose
 * listener acts only through write transactions on the request's thread (the capabilities name its action) stores
 * its key in the first of those that commits ({@link SeenRequests#join}) instead of a transaction of its own before
 * it: one commit per click, and a repeat finds the key taken there, is rolled back and answered as a repeat.
 */
final class ReplayGuard implements Middleware {

    private static final Logger log = LoggerFactory.getLogger(ReplayGuard.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A signature verifies while its timestamp is within the window either side of now: up to twice the window. */
    static final Duration KEEP_SIGNATURES = RequestSignature.WINDOW.multipliedBy(2).plusMinutes(1);
    /** Slack retries an event for up to 24 hours when "delayed events" are on; kept well past that. */
    static final Duration KEEP_EVENT_IDS = Duration.ofDays(7);
    /** Slack delivers an unacknowledged interaction again within seconds; a trigger id is only usable for three. */
    static final Duration KEEP_DELIVERIES = Duration.ofHours(1);

    /** The longest a request waits for its key's row when no shorter {@link LockWait} limit applies. */
    static final Duration MAX_WAIT_FOR_KEY = Duration.ofSeconds(5);

    private final SeenRequests seen;
    private final Predicate<SlashCommandRequest> onlyAnswered;
    private final Set<String> joinedActions;
    private final LockWait lockWait;

    /** {@code onlyAnswered} tells the slash commands that are answered in the acknowledgement and change nothing. */
    ReplayGuard(SeenRequests seen, Predicate<SlashCommandRequest> onlyAnswered) {
        this(seen, onlyAnswered, Set.of(), new LockWait());
    }

    /**
     * As above; {@code joinedActions} are the block actions whose listeners act only through write transactions on
     * the request's thread; {@code lockWait} bounds the wait for a key's row (the request is refused past it).
     */
    ReplayGuard(SeenRequests seen, Predicate<SlashCommandRequest> onlyAnswered, Set<String> joinedActions,
            LockWait lockWait) {
        this.seen = Objects.requireNonNull(seen, "seen == null");
        this.onlyAnswered = Objects.requireNonNull(onlyAnswered, "onlyAnswered == null");
        this.joinedActions = Set.copyOf(joinedActions);
        this.lockWait = Objects.requireNonNull(lockWait, "lockWait == null");
    }

    @Override
    public Response apply(Request req, Response resp, MiddlewareChain chain) throws Exception {
        if (req instanceof SlashCommandRequest command && onlyAnswered.test(command)) {
            return chain.next(req);
        }
        Key key = keyOf(req);
        if (key == null) {
            return chain.next(req);
        }
        if (seen.shared() && joined(req)) {
            return inItsTransactions(req, key, chain);
        }
        Optional<CompletableFuture<Void>> claim = seen.claim(key.value(), key.keepFor());
        if (claim.isEmpty()) {
            return repeated(req);
        }
        Response answer;
        try {
            // Many effects are not in the group commit (a modal, an upload, another store's write): the key must be
            // durable before any of them, or a crash between the two would let a replay repeat the effect.
            awaitStored(claim.get());
            answer = chain.next(req);
        } catch (Exception | Error e) {
            seen.forget(key.value());
            throw e;
        }
        if (answer == null || answer.getStatusCode() >= 500) {
            seen.forget(key.value());
        }
        return answer;
    }

    private static Response repeated(Request<?> req) {
        String retry = req.getHeaders().getFirstValue("X-Slack-Retry-Num");
        log.info("Ignored a repeated Slack request ({}{})", req.getRequestType(),
                retry == null ? "" : ", retry " + retry.replaceAll("[^0-9]", ""));
        return Response.ok();
    }

    private boolean joined(Request<?> req) {
        if (!(req instanceof BlockActionRequest action) || action.getPayload() == null) {
            return false;
        }
        var actions = action.getPayload().getActions();
        return actions != null && actions.size() == 1 && joinedActions.contains(actions.get(0).getActionId());
    }

    /** A request whose key is claimed by its own write transactions ({@link SeenRequests#join}). */
    private Response inItsTransactions(Request<?> req, Key key, MiddlewareChain chain) throws Exception {
        try (SeenRequests.Joined joined = seen.join(key.value(), key.keepFor())) {
            Response answer;
            try {
                answer = chain.next(req);
            } catch (Exception | Error e) {
                if (joined.repeated()) {
                    return repeated(req);
                }
                if (joined.stored()) {
                    seen.forget(key.value());
                }
                throw e;
            }
            if (joined.repeated()) {
                return repeated(req);
            }
            if ((answer == null || answer.getStatusCode() >= 500) && joined.stored()) {
                seen.forget(key.value());
            }
            return answer;
        }
    }

    private void awaitStored(CompletableFuture<Void> stored) throws InterruptedException {
        long waitMillis = Math.min(lockWait.remainingMillis(), MAX_WAIT_FOR_KEY.toMillis());
        try {
            stored.get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new LockWaitExceededException("the request's key was not stored within " + waitMillis
                    + " ms; nothing was done");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (Busy.isBusy(cause)) {
                throw new LockWaitExceededException("the request's key could not be stored: " + cause.getMessage());
            }
            throw new ReplayStatusUnknownException("the request's key could not be stored: "
                    + (cause == null ? e.getMessage() : cause.getMessage()), cause);
        }
    }

    /** The key a request is remembered by, or null for requests that change nothing when repeated. */
    static Key keyOf(Request<?> req) {
        return switch (req.getRequestType()) {
            case Event -> {
                Key event = eventKey(req.getRequestBodyAsString());
                yield event == null && req.isSocketMode() ? envelopeKey(req) : event;
            }
            case SSLCheck, UrlVerification, OAuthStart, OAuthCallback, BlockSuggestion, DialogSuggestion -> null;
            default -> {
                if (req.isSocketMode()) {
                    yield deliveryKey(req);
                }
                String signature = req.getHeaders().getFirstValue(SlackSignature.HeaderNames.X_SLACK_SIGNATURE);
                yield signature == null ? null : new Key("sig:" + signature.trim(), KEEP_SIGNATURES);
            }
        };
    }

    private static Key eventKey(String body) {
        JsonNode envelope = json(body);
        String eventId = envelope == null ? "" : envelope.path("event_id").asText("");
        if (eventId.isEmpty()) {
            return null;
        }
        return new Key("event:" + envelope.path("team_id").asText("") + ":" + eventId, KEEP_EVENT_IDS);
    }

    /** A Socket Mode interaction's key: its trigger id, or the envelope's id when it has none. */
    private static Key deliveryKey(Request<?> req) {
        JsonNode payload = json(req.getRequestBodyAsString());
        String triggerId = payload == null ? "" : payload.path("trigger_id").asText("");
        if (!triggerId.isEmpty()) {
            return new Key("trigger:" + triggerId, KEEP_DELIVERIES);
        }
        return envelopeKey(req);
    }

    private static Key envelopeKey(Request<?> req) {
        String envelopeId = req.getContext().getAdditionalValues().get(SocketModeEnvelopes.ENVELOPE_ID);
        return envelopeId == null || envelopeId.isEmpty() ? null : new Key("envelope:" + envelopeId, KEEP_DELIVERIES);
    }

    private static JsonNode json(String body) {
        if (body == null) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    /** A request's key and how long it is remembered. */
    record Key(String value, Duration keepFor) {}
}
