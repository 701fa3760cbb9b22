package dev.handshake.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handshake.http.BoundedBody;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code /demo/slack/*}: the demo's stand-in for Slack's servers, where the app's Slack client points. Answers the
 * Web API ({@code /api/<method>}, bearer token checked in constant time), the {@code response_url}s handed out with
 * commands and clicks ({@code /hooks/<id>}) and the upload URLs of file uploads ({@code /upload/<file id>}).
 */
final class StandInServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final int MAX_BODY_BYTES = 1024 * 1024;

    private final transient WebApi api;
    private final transient ResponseUrlAnswers answers;
    private final transient Workspace workspace;
    private final transient ObjectMapper json;
    private final byte[] botToken;

    StandInServlet(WebApi api, ResponseUrlAnswers answers, Workspace workspace, ObjectMapper json, String botToken) {
        this.api = Objects.requireNonNull(api, "api == null");
        this.answers = Objects.requireNonNull(answers, "answers == null");
        this.workspace = Objects.requireNonNull(workspace, "workspace == null");
        this.json = Objects.requireNonNull(json, "json == null");
        this.botToken = botToken.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        handle(request, response, new byte[0]);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<byte[]> body = BoundedBody.read(request.getInputStream(), MAX_BODY_BYTES);
        if (body.isEmpty()) {
            send(response, 413, error("request_too_large"));
            return;
        }
        handle(request, response, body.get());
    }

    private void handle(HttpServletRequest request, HttpServletResponse response, byte[] body) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        if (path.startsWith("/api/")) {
            api(path.substring("/api/".length()), request, response, body);
        } else if (path.startsWith("/hooks/") && "POST".equals(request.getMethod())) {
            hook(path.substring("/hooks/".length()), response, body);
        } else if (path.startsWith("/upload/") && "POST".equals(request.getMethod())) {
            boolean stored = workspace.uploads().receive(path.substring("/upload/".length()), body);
            response.setStatus(stored ? 200 : 404);
            response.setContentType("text/plain; charset=utf-8");
            response.getWriter().write(stored ? "OK - " + body.length : "file_not_found");
        } else {
            send(response, 404, error("not_found"));
        }
    }

    private void api(String method, HttpServletRequest request, HttpServletResponse response, byte[] body)
            throws IOException {
        Map<String, String> params = params(request, new String(body, StandardCharsets.UTF_8));
        String token = token(request, params);
        if (token == null) {
            send(response, 200, error("not_authed"));
            return;
        }
        if (!MessageDigest.isEqual(botToken, token.getBytes(StandardCharsets.UTF_8))) {
            send(response, 200, error("invalid_auth"));
            return;
        }
        send(response, 200, api.call(method, params));
    }

    private void hook(String id, HttpServletResponse response, byte[] body) throws IOException {
        JsonNode message;
        try {
            message = json.readTree(body);
        } catch (IOException e) {
            send(response, 400, error("invalid_payload"));
            return;
        }
        if (message == null || !message.isObject()) {
            send(response, 400, error("invalid_payload"));
            return;
        }
        Optional<ResponseUrls.Hook> hook = workspace.responseUrls().use(id);
        if (hook.isEmpty()) {
            send(response, 404, error("expired_url"));
            return;
        }
        String refused = answers.deliver(hook.get(), (ObjectNode) message);
        send(response, refused == null ? 200 : 400, refused == null
                ? json.createObjectNode().put("ok", true) : error(refused));
    }

    private Map<String, String> params(HttpServletRequest request, String body) {
        Map<String, String> params = new LinkedHashMap<>(form(request.getQueryString()));
        String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        if (type.startsWith("application/json")) {
            try {
                JsonNode fields = json.readTree(body);
                if (fields != null && fields.isObject()) {
                    fields.properties().forEach(field -> {
                        if (!field.getValue().isNull()) {
                            params.put(field.getKey(), field.getValue().isTextual()
                                    ? field.getValue().asText() : write(field.getValue()));
                        }
                    });
                }
            } catch (JsonProcessingException e) {
                // Answered like Slack: the method then finds its arguments missing.
            }
        } else {
            params.putAll(form(body));
        }
        return params;
    }

    private String write(JsonNode value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return fields;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                fields.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                // A malformed pair is skipped, as Slack ignores what it cannot decode.
            }
        }
        return fields;
    }

    private static String token(HttpServletRequest request, Map<String, String> params) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.startsWith("Bearer ")) {
            return authorization.substring("Bearer ".length()).strip();
        }
        String token = params.get("token");
        return token == null || token.isBlank() ? null : token;
    }

    private ObjectNode error(String error) {
        return json.createObjectNode().put("ok", false).put("error", error);
    }

    private void send(HttpServletResponse response, int status, JsonNode body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json; charset=utf-8");
        response.getOutputStream().write(json.writeValueAsBytes(body));
    }
}
