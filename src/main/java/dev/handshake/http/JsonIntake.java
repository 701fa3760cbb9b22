package dev.handshake.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The gate in front of the app's JSON webhooks: bearer token (constant time), size (refused before it is read),
 * content type, then the body, read up to the limit. Each refusal is answered here, as JSON naming the problem.
 */
public final class JsonIntake {

    /** No webhook body may be larger. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    private final BearerToken token;
    private final String what;

    /** {@code token} is null when no {@code HANDOFF_TOKEN} is set: every request then gets a 503 saying so. */
    public JsonIntake(BearerToken token, String what) {
        this.token = token;
        this.what = what;
    }

    /** The request's body once it passed every check; empty when the request was refused (already answered). */
    public Optional<byte[]> admit(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (token == null) {
            error(response, 503, what + " intake is disabled: set HANDOFF_TOKEN on the app");
            return Optional.empty();
        }
        if (!token.matches(request.getHeader("Authorization"))) {
            response.setHeader("WWW-Authenticate", "Bearer");
            error(response, 401, "missing or wrong bearer token");
            return Optional.empty();
        }
        if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            refuse(request, response, 413, "body larger than " + MAX_BODY_BYTES + " bytes");
            return Optional.empty();
        }
        // The raw header: the servlet API's getContentType() throws on a charset name that is not legal.
        String contentType = request.getHeader("Content-Type");
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            refuse(request, response, 415, "send the " + what + " as application/json");
            return Optional.empty();
        }
        Optional<byte[]> body = BoundedBody.read(request.getInputStream(), MAX_BODY_BYTES);
        if (body.isEmpty()) {
            refuse(request, response, 413, "body larger than " + MAX_BODY_BYTES + " bytes");
        }
        return body;
    }

    /**
     * Answers, then reads and drops what the sender is still uploading (up to the server's limit). Closing with part
     * of a body unread resets the connection, and the sender would see a network error, not this answer, and retry
     * the same body. Only an authenticated sender gets this; a sender that asked {@code Expect: 100-continue} never
     * sent the body, so there is nothing to drain.
     */
    private static void refuse(HttpServletRequest request, HttpServletResponse response, int status, String message)
            throws IOException {
        error(response, status, message);
        response.flushBuffer();
        if ("100-continue".equalsIgnoreCase(request.getHeader("Expect"))) {
            return;
        }
        byte[] sink = new byte[8192];
        long drained = 0;
        try {
            // Not closed here: the container ends the request, and closing its stream early can drop the answer.
            InputStream in = request.getInputStream();
            int n;
            while (drained <= WebServer.MAX_REQUEST_BYTES && (n = in.read(sink)) != -1) {
                drained += n;
            }
        } catch (IOException | RuntimeException e) {
            // The sender went away, or passed the server's limit (Jetty then refuses the rest): nothing to drain.
        }
    }

    public static void error(HttpServletResponse response, int status, String message) throws IOException {
        Json.write(response, status, Map.of("error", message));
    }
}
