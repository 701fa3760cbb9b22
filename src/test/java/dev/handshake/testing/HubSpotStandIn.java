package dev.handshake.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in for the three HubSpot CRM v3 endpoints the writer uses, on a real loopback HTTP server, answering with
 * the shapes HubSpot documents: {@code PATCH /crm/v3/objects/contacts/{id}} (the contact with its properties; 404
 * {@code OBJECT_NOT_FOUND} for an unknown or deleted contact; 400 {@code VALIDATION_ERROR} for a property HubSpot
 * does not have or an option a property does not allow), {@code GET /crm/v3/owners?email=} (results and paging) and
 * {@code POST /crm/v3/objects/notes} (201 with the note; associations checked). Every call needs the private app
 * token as a bearer token (401 {@code INVALID_AUTHENTICATION} otherwise, and once {@link #revokeToken()}), and
 * {@link #rateLimitNext} answers 429 as HubSpot's ten-second limit does. Every request is recorded. Thread-safe.
 */
public final class HubSpotStandIn implements AutoCloseable {

    public static final String TOKEN = "pat-na1-11111111-2222-3333-4444-555555555555";
    /** The options of HubSpot's default enumeration properties the tests use. */
    static final Map<String, Set<String>> OPTIONS = Map.of(
            "hs_lead_status", Set.of("NEW", "OPEN", "IN_PROGRESS", "OPEN_DEAL", "UNQUALIFIED", "ATTEMPTED_TO_CONTACT",
                    "CONNECTED", "BAD_TIMING"),
            "lifecyclestage", Set.of("subscriber", "lead", "marketingqualifiedlead", "salesqualifiedlead",
                    "opportunity", "customer", "evangelist", "other"));
    private static final Set<String> TEXT_PROPERTIES = Set.of("firstname", "lastname", "email", "phone", "jobtitle",
            "company", "hubspot_owner_id");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request: method, path with query, body, and the status answered. */
    public record Request(String method, String path, String body, int status) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A note as created: its id, properties and associations. */
    public record Note(String id, JsonNode properties, JsonNode associations) {}

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "hubspot-stand-in");
        thread.setDaemon(true);
        return thread;
    });
    private final Recording<Request> requests = new Recording<>();
    private final Map<String, Map<String, String>> contacts = new ConcurrentHashMap<>();
    private final Map<String, String> ownersByEmail = new ConcurrentHashMap<>();
    private final Map<String, Note> notes = new ConcurrentHashMap<>();
    private final AtomicInteger rateLimited = new AtomicInteger();
    private volatile Integer retryAfterSeconds;
    private volatile boolean revoked;
    private final AtomicLong ids = new AtomicLong(9_000_000);

    private HubSpotStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    public static HubSpotStandIn start() {
        try {
            return new HubSpotStandIn();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What {@code HUBSPOT_API_URL} is set to. */
    public URI apiUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    public void addContact(String id, Map<String, String> properties) {
        contacts.put(id, new ConcurrentHashMap<>(properties));
    }

    public void deleteContact(String id) {
        contacts.remove(id);
    }

    public void addOwner(String email, String ownerId) {
        ownersByEmail.put(email.toLowerCase(java.util.Locale.ROOT), ownerId);
    }

    /** The contact's properties now, or null when it does not exist. */
    public Map<String, String> contact(String id) {
        Map<String, String> properties = contacts.get(id);
        return properties == null ? null : Map.copyOf(properties);
    }

    public List<Note> notes() {
        return List.copyOf(notes.values());
    }

    /** The next {@code count} calls get 429; with {@code retryAfter} they carry that header (HubSpot's may not). */
    public void rateLimitNext(int count, Integer retryAfter) {
        retryAfterSeconds = retryAfter;
        rateLimited.set(count);
    }

    /** The token is revoked: every call gets 401 from now on. */
    public void revokeToken() {
        revoked = true;
    }

    public List<Request> requests() {
        return requests.all();
    }

    public List<Request> awaitRequests(String method, String pathPrefix, int count, Duration timeout) {
        return requests.await(r -> r.method().equals(method) && r.path().startsWith(pathPrefix), count, timeout,
                method + " " + pathPrefix);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            String query = exchange.getRequestURI().getRawQuery();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Reply reply = reply(exchange, method, path, query, body);
            requests.add(new Request(method, path + (query == null ? "" : "?" + query), body, reply.status()));
            exchange.getResponseHeaders().add("Content-Type", "application/json;charset=utf-8");
            reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            byte[] bytes = reply.body().toString().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status(), bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    private record Reply(int status, JsonNode body, Map<String, String> headers) {
        Reply(int status, JsonNode body) {
            this(status, body, Map.of());
        }
    }

    private Reply reply(HttpExchange exchange, String method, String path, String query, String body) {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (revoked || !("Bearer " + TOKEN).equals(auth)) {
            return new Reply(401, error("Authentication credentials not found. This API supports OAuth 2.0 "
                    + "authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth"
                    + "/oauth-overview", "INVALID_AUTHENTICATION"));
        }
        if (rateLimited.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            ObjectNode limit = error("You have reached your ten_secondly_rolling limit.", null);
            limit.put("errorType", "RATE_LIMIT").put("policyName", "TEN_SECONDLY_ROLLING");
            Map<String, String> headers = new HashMap<>(Map.of("X-HubSpot-RateLimit-Interval-Milliseconds", "10000",
                    "X-HubSpot-RateLimit-Max", "100", "X-HubSpot-RateLimit-Remaining", "0"));
            if (retryAfterSeconds != null) {
                headers.put("Retry-After", retryAfterSeconds.toString());
            }
            return new Reply(429, limit, headers);
        }
        if (method.equals("PATCH") && path.startsWith("/crm/v3/objects/contacts/")) {
            return patchContact(path.substring("/crm/v3/objects/contacts/".length()), body);
        }
        if (method.equals("GET") && (path.equals("/crm/v3/owners") || path.equals("/crm/v3/owners/"))) {
            return owners(query);
        }
        if (method.equals("POST") && path.equals("/crm/v3/objects/notes")) {
            return createNote(body);
        }
        return new Reply(404, error("Unable to infer object type from: " + path, "OBJECT_NOT_FOUND"));
    }

    private Reply patchContact(String id, String body) {
        Map<String, String> contact = contacts.get(id);
        if (contact == null) {
            return new Reply(404, error("resource not found", "OBJECT_NOT_FOUND"));
        }
        JsonNode properties = parse(body).path("properties");
        if (!properties.isObject()) {
            return new Reply(400, error("Invalid input JSON: properties is required", "VALIDATION_ERROR"));
        }
        Map<String, String> update = new LinkedHashMap<>();
        for (var it = properties.fields(); it.hasNext(); ) {
            var field = it.next();
            String name = field.getKey();
            String value = field.getValue().asText();
            if (!OPTIONS.containsKey(name) && !TEXT_PROPERTIES.contains(name)) {
                return new Reply(400, error("Property values were not valid: [{\"isValid\":false,\"message\":"
                        + "\"Property \\\"" + name + "\\\" does not exist\",\"error\":\"PROPERTY_DOESNT_EXIST\","
                        + "\"name\":\"" + name + "\"}]", "VALIDATION_ERROR"));
            }
            if (OPTIONS.containsKey(name) && !OPTIONS.get(name).contains(value)) {
                return new Reply(400, error("Property values were not valid: [{\"isValid\":false,\"message\":\""
                        + value + " was not one of the allowed options\",\"error\":\"INVALID_OPTION\",\"name\":\""
                        + name + "\"}]", "VALIDATION_ERROR"));
            }
            if (name.equals("hubspot_owner_id") && !ownersByEmail.containsValue(value)) {
                return new Reply(400, error("Property values were not valid: [{\"isValid\":false,\"message\":\""
                        + value + " is not a valid owner id\",\"error\":\"INVALID_OWNER_ID\",\"name\":\""
                        + name + "\"}]", "VALIDATION_ERROR"));
            }
            update.put(name, value);
        }
        contact.putAll(update);
        ObjectNode answer = JSON.createObjectNode();
        answer.put("id", id);
        ObjectNode shown = answer.putObject("properties");
        contact.forEach(shown::put);
        shown.put("hs_object_id", id);
        answer.put("createdAt", "2026-01-05T10:00:00.000Z");
        answer.put("updatedAt", Instant.now().toString());
        answer.put("archived", false);
        return new Reply(200, answer);
    }

    private Reply owners(String query) {
        Map<String, String> params = new HashMap<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    params.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        ObjectNode answer = JSON.createObjectNode();
        var results = answer.putArray("results");
        ownersByEmail.forEach((email, id) -> {
            if (params.get("email") == null || params.get("email").equalsIgnoreCase(email)) {
                results.addObject().put("id", id).put("email", email).put("type", "PERSON")
                        .put("firstName", email.substring(0, email.indexOf('@'))).put("lastName", "Rep")
                        .put("userId", Long.parseLong(id) + 1).put("userIdIncludingInactive", Long.parseLong(id) + 1)
                        .put("createdAt", "2025-12-25T13:01:35.228Z").put("updatedAt", "2026-01-02T10:00:00.000Z")
                        .put("archived", false);
            }
        });
        return new Reply(200, answer);
    }

    private Reply createNote(String body) {
        JsonNode request = parse(body);
        JsonNode properties = request.path("properties");
        if (!properties.hasNonNull("hs_timestamp")) {
            return new Reply(400, error("Property values were not valid: hs_timestamp is required",
                    "VALIDATION_ERROR"));
        }
        for (JsonNode association : request.path("associations")) {
            String to = association.path("to").path("id").asText();
            JsonNode type = association.path("types").path(0);
            if (!contacts.containsKey(to)) {
                return new Reply(404, error("resource not found: contact " + to, "OBJECT_NOT_FOUND"));
            }
            if (!"HUBSPOT_DEFINED".equals(type.path("associationCategory").asText())
                    || type.path("associationTypeId").asInt() != 202) {
                return new Reply(400, error("invalid association type for note to contact", "VALIDATION_ERROR"));
            }
        }
        String id = Long.toString(ids.incrementAndGet());
        notes.put(id, new Note(id, properties, request.path("associations")));
        ObjectNode answer = JSON.createObjectNode();
        answer.put("id", id);
        ObjectNode shown = answer.putObject("properties");
        properties.fields().forEachRemaining(f -> shown.set(f.getKey(), f.getValue()));
        shown.put("hs_object_id", id);
        answer.put("createdAt", Instant.now().toString());
        answer.put("updatedAt", Instant.now().toString());
        answer.put("archived", false);
        return new Reply(201, answer);
    }

    private static ObjectNode error(String message, String category) {
        ObjectNode error = JSON.createObjectNode();
        error.put("status", "error");
        error.put("message", message);
        error.put("correlationId", UUID.randomUUID().toString());
        if (category != null) {
            error.put("category", category);
        }
        return error;
    }

    private static JsonNode parse(String body) {
        try {
            return body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
