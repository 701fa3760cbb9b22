package dev.handshake.slack;

import com.slack.api.app_backend.SlackSignature;
import com.slack.api.bolt.App;
import com.slack.api.bolt.jakarta_servlet.ServletAdapterOps;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.request.RequestType;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.QueryStringParser;
import com.slack.api.bolt.util.SlackRequestParser;
import dev.handshake.http.BoundedBody;
import dev.handshake.http.Json;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /slack/events}, in place of Bolt's {@code SlackAppServlet}: the signature is checked on the raw bytes
 * before anything parses them, the body must be UTF-8, and a signed request Bolt cannot read (a payload that is not
 * the JSON Slack sends, fields of the wrong type, bad form encoding) is answered 400, not 500. Only a failure in the
 * app's own code is a 500, with a reference to find it in the log. Nothing of the body is logged.
 */
public final class SlackEndpoint extends HttpServlet {

    /** The same bound as the web server's for any request. */
    static final int MAX_BODY_BYTES = 1024 * 1024;

    private static final Logger log = LoggerFactory.getLogger(SlackEndpoint.class);
    private static final Set<RequestType> ACTED_BY_A_USER = EnumSet.of(RequestType.Command, RequestType.BlockAction,
            RequestType.ViewSubmission, RequestType.ViewClosed, RequestType.GlobalShortcut,
            RequestType.MessageShortcut);

    private final transient App app;
    private final transient RequestSignature signature;
    private final transient SlackRequestReader reader;

    public SlackEndpoint(App app, RequestSignature signature) {
        this.app = Objects.requireNonNull(app, "app == null");
        this.signature = Objects.requireNonNull(signature, "signature == null");
        this.reader = new SlackRequestReader(app.config());
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<byte[]> raw = BoundedBody.read(request.getInputStream(), MAX_BODY_BYTES);
        if (raw.isEmpty()) {
            error(response, 413, "request body too large");
            return;
        }
        RequestSignature.Verdict verdict = signature.verifyRaw(
                request.getHeader(SlackSignature.HeaderNames.X_SLACK_REQUEST_TIMESTAMP), raw.get(),
                request.getHeader(SlackSignature.HeaderNames.X_SLACK_SIGNATURE));
        if (verdict != RequestSignature.Verdict.VALID) {
            log.info("Refused a Slack request: {}", verdict);
            error(response, 401, "invalid request signature");
            return;
        }
        String body;
        try {
            body = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw.get())).toString();
        } catch (CharacterCodingException e) {
            error(response, 400, "the body is not UTF-8 text");
            return;
        }
        Request<?> slackRequest;
        Response answer;
        try {
            slackRequest = read(request, body);
            if (slackRequest == null) {
                error(response, 400, "not a Slack request this app handles");
                return;
            }
            if (ACTED_BY_A_USER.contains(slackRequest.getRequestType())
                    && isBlank(slackRequest.getContext().getRequestUserId())) {
                // Slack names who typed or clicked in every one of these; the listeners rely on it.
                error(response, 400, "the request names no user");
                return;
            }
            answer = app.run(slackRequest);
        } catch (Exception e) {
            if (unreadable(e)) {
                log.info("Refused a signed Slack request the SDK cannot read: {}", e.getClass().getSimpleName());
                error(response, 400, "malformed Slack request");
                return;
            }
            Json.internalError(response, log, "A Slack request", e, "internal error");
            return;
        }
        ServletAdapterOps.writeResponse(response, answer);
    }

    /** Bolt's request for this HTTP request, built from the verified text exactly (Bolt's own reading would re-decode). */
    private Request<?> read(HttpServletRequest request, String body) {
        return reader.parse(SlackRequestParser.HttpRequest.builder()
                .requestUri(request.getRequestURI())
                .queryString(QueryStringParser.toMap(request.getQueryString()))
                .headers(new RequestHeaders(ServletAdapterOps.toHeaderMap(request)))
                .requestBody(body)
                .remoteAddress(request.getRemoteAddr())
                .build());
    }

    /**
     * The app's Slack edge (this endpoint and its middleware: signature, lock-wait bound, replay guard, authorization),
     * the web server's handlers in front of it and the database plumbing under it read a request before any listener
     * runs; every listener lives elsewhere.
     */
    private static boolean readsRequests(String className) {
        return className.startsWith("dev.handshake.slack.") || className.startsWith("dev.handshake.db.")
                || className.startsWith("dev.handshake.http.");
    }

    /**
     * Whether the request itself is at fault: the innermost cause was thrown inside the SDK's reading of the request
     * (its JSON binding, request parsing or middleware) with none of the app's listeners on the stack. A failure in a
     * listener, or in anything a listener called, is the app's.
     */
    static boolean unreadable(Throwable error) {
        Throwable innermost = error;
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        while (innermost.getCause() != null && seen.add(innermost)) {
            innermost = innermost.getCause();
        }
        boolean inSdk = false;
        for (StackTraceElement frame : innermost.getStackTrace()) {
            String where = frame.getClassName();
            if (where.startsWith("dev.handshake.") && !readsRequests(where)) {
                return false;
            }
            inSdk |= where.startsWith("com.google.gson.") || where.startsWith("com.slack.api.bolt.")
                    || where.startsWith("com.slack.api.app_backend.") || where.startsWith("com.slack.api.model.")
                    || where.startsWith("com.slack.api.util.json.");
        }
        return inSdk;
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    private static void error(HttpServletResponse response, int status, String message) throws IOException {
        Json.write(response, status, Map.of("error", message));
    }
}
