package dev.handshake.crm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The three HubSpot CRM v3 calls the writer makes, with a private app token as a bearer token: update a contact's
 * properties, find an owner by email, and add a note on a contact. A call that did not succeed throws
 * {@link Refused} (HubSpot answered) or {@link IOException} (it could not be reached). Thread-safe.
 */
final class HubSpotApi {

    /** HubSpot's association type of a note to a contact (HUBSPOT_DEFINED). */
    static final int NOTE_TO_CONTACT = 202;
    static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** HubSpot answered with an error: its status, its headers, and its {@code message} and {@code category}. */
    static final class Refused extends Exception {
        private final int status;
        private final transient HttpHeaders headers;
        private final String category;

        Refused(int status, HttpHeaders headers, String message, String category) {
            super(message, null, false, false);
            this.status = status;
            this.headers = headers;
            this.category = category;
        }

        int status() {
            return status;
        }

        HttpHeaders headers() {
            return headers;
        }

        /** HubSpot's error category (e.g. {@code OBJECT_NOT_FOUND}), or its rate limit's policy name on a 429. */
        String category() {
            return category;
        }
    }

    private final HttpClient http;
    private final URI base;
    private final String token;

    HubSpotApi(HttpClient http, URI base, String token) {
        this.http = Objects.requireNonNull(http, "http == null");
        this.base = Objects.requireNonNull(base, "base == null");
        this.token = Objects.requireNonNull(token, "token == null");
    }

    /** {@code PATCH /crm/v3/objects/contacts/{id}} with {@code {"properties": …}}. */
    void updateContact(String contactId, Map<String, String> properties)
            throws IOException, InterruptedException, Refused {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode values = body.putObject("properties");
        properties.forEach(values::put);
        send(request("crm/v3/objects/contacts/" + contactId).method("PATCH", json(body)));
    }

    /** The id of the HubSpot owner with this email ({@code GET /crm/v3/owners?email=…}), if there is one. */
    Optional<String> ownerIdByEmail(String email) throws IOException, InterruptedException, Refused {
        JsonNode answer = send(request("crm/v3/owners?email=" + URLEncoder.encode(email, StandardCharsets.UTF_8)
                + "&limit=1&archived=false").GET());
        JsonNode first = answer.path("results").path(0);
        return first.hasNonNull("id") ? Optional.of(first.get("id").asText()) : Optional.empty();
    }

    /** {@code POST /crm/v3/objects/notes}: a note at {@code at} with {@code html}, on the contact's timeline. */
    void addNote(String contactId, Instant at, String html) throws IOException, InterruptedException, Refused {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("properties").put("hs_timestamp", at.toString()).put("hs_note_body", html);
        ObjectNode association = body.putArray("associations").addObject();
        association.putObject("to").put("id", contactId);
        association.putArray("types").addObject()
                .put("associationCategory", "HUBSPOT_DEFINED").put("associationTypeId", NOTE_TO_CONTACT);
        send(request("crm/v3/objects/notes").POST(json(body)));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json");
    }

    private JsonNode send(HttpRequest.Builder request) throws IOException, InterruptedException, Refused {
        HttpResponse<String> response = http.send(request.build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        JsonNode body = parse(response.body());
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return body;
        }
        String category = body.path("category").asText(body.path("policyName").asText(null));
        String message = body.path("message").asText("");
        throw new Refused(status, response.headers(), message.length() > 300 ? message.substring(0, 299) + "…"
                : message, category);
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static HttpRequest.BodyPublisher json(JsonNode body) {
        return HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8);
    }
}
