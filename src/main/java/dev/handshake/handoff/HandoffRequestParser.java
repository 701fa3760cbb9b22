package dev.handshake.handoff;

import static dev.handshake.handoff.BodyFields.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.StageHandoff;
import dev.handshake.http.Problem;
import dev.handshake.http.StrictJson;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns a {@code POST /handoffs} body into a {@link NewHandoff}, or says exactly what is wrong with it: every
 * problem, each at its JSON path. Thread-safe.
 */
public final class HandoffRequestParser {

    /** The parse outcome: a valid request with its canonical hash, or every problem found. */
    public sealed interface Result permits Valid, Malformed, Invalid {}

    public record Valid(NewHandoff request, String canonicalSha256) implements Result {}

    /** The body is not JSON at all; {@code message} says where it broke. */
    public record Malformed(String message) implements Result {}

    public record Invalid(List<Problem> problems) implements Result {}

    static final int MAX_ID = 200;
    static final int MAX_SHORT = 200;
    static final int MAX_EMAIL = 254;
    static final int MAX_NOTE = 3000;
    static final int MAX_CRITERIA = 50;
    static final int MAX_CRITERION = 300;

    private static final Set<String> TOP_FIELDS = Set.of("id", "stage", "lead", "assignee", "note", "criteria_met");
    private static final Pattern USER_ID = Pattern.compile("[UW][A-Z0-9]{2,20}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final ObjectMapper canonical;
    private final Agreement agreement;
    private final LeadReader leads;

    public HandoffRequestParser(Agreement agreement) {
        this.agreement = Objects.requireNonNull(agreement, "agreement == null");
        this.leads = new LeadReader(agreement);
        this.canonical = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    }

    public Result parse(byte[] body) {
        JsonNode root;
        try {
            root = StrictJson.read(body);
        } catch (StrictJson.MalformedJsonException e) {
            return new Malformed(e.getMessage());
        }
        if (root.isMissingNode()) {
            return new Malformed("the body is empty; send a JSON object");
        }
        return parse(root);
    }

    /** Validates a canonical body already read as JSON (for instance one mapped from a CRM's own body). */
    public Result parse(JsonNode root) {
        List<Problem> problems = new ArrayList<>();
        if (!root.isObject()) {
            problems.add(new Problem("$", "must be a JSON object"));
            return new Invalid(problems);
        }
        BodyFields.unknownFields(root, "$", TOP_FIELDS, problems);
        String id = text(root, "id", "$.id", true, MAX_ID, problems);
        String stage = stage(root, problems);
        JsonNode leadNode = root.get("lead");
        Lead lead = null;
        if (leadNode == null || leadNode.isNull()) {
            problems.add(new Problem("$.lead", "is required"));
        } else if (!leadNode.isObject()) {
            problems.add(new Problem("$.lead", "must be an object"));
        } else {
            lead = leads.read(leadNode, problems);
        }
        String assignee = assignee(root, problems);
        String note = text(root, "note", "$.note", false, MAX_NOTE, problems);
        List<String> criteria = criteria(root, problems);
        if (!problems.isEmpty()) {
            return new Invalid(problems);
        }
        return new Valid(new NewHandoff(id, stage, lead, assignee, note, criteria), sha256(root));
    }

    private String stage(JsonNode root, List<Problem> problems) {
        String stage = text(root, "stage", "$.stage", true, MAX_SHORT, problems);
        if (stage == null) {
            return null;
        }
        boolean handedOff = agreement.handoff().stages().stream().anyMatch(h -> h.stage().equals(stage));
        if (!handedOff) {
            String allowed = agreement.handoff().stages().stream().map(StageHandoff::stage)
                    .collect(Collectors.joining(", "));
            String why = agreement.stage(stage).isPresent()
                    ? "stage \"" + stage + "\" is not handed to sales"
                    : "unknown stage \"" + stage + "\"";
            problems.add(new Problem("$.stage", why + "; stages handed to sales: " + allowed));
        }
        return stage;
    }

    private static String assignee(JsonNode root, List<Problem> problems) {
        String assignee = text(root, "assignee", "$.assignee", false, MAX_EMAIL, problems);
        if (assignee != null && !USER_ID.matcher(assignee).matches() && !EMAIL.matcher(assignee).matches()) {
            problems.add(new Problem("$.assignee", "must be a Slack user id (U…) or an email address"));
        }
        return assignee;
    }

    private static List<String> criteria(JsonNode root, List<Problem> problems) {
        JsonNode node = root.get("criteria_met");
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            problems.add(new Problem("$.criteria_met", "must be an array of strings"));
            return List.of();
        }
        if (node.size() > MAX_CRITERIA) {
            problems.add(new Problem("$.criteria_met", "must have at most " + MAX_CRITERIA + " items"));
        }
        List<String> criteria = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            String path = "$.criteria_met[" + i + "]";
            if (!item.isTextual()) {
                problems.add(new Problem(path, "must be a string"));
            } else if (item.textValue().isBlank()) {
                problems.add(new Problem(path, "must not be blank"));
            } else if (BodyFields.length(item.textValue()) > MAX_CRITERION) {
                problems.add(new Problem(path, "must be at most " + MAX_CRITERION + " characters"));
            } else {
                criteria.add(item.textValue());
            }
        }
        return criteria;
    }

    private String sha256(JsonNode root) {
        try {
            byte[] bytes = canonical.writeValueAsBytes(canonical.convertValue(root, Map.class));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
