package dev.handshake.funnel;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.Stage;
import dev.handshake.http.Problem;
import dev.handshake.http.StrictJson;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/** Turns a {@code POST /stage-events} body (one event or an array of them) into events, or every problem found. */
public final class StageEventParser {

    /** The parse outcome: valid events, a body that is not JSON, or every problem with its path. */
    public sealed interface Result permits Valid, Malformed, Invalid {}

    public record Valid(List<StageEvent> events) implements Result {
        public Valid {
            events = List.copyOf(events);
        }
    }

    /** The body is not JSON at all; {@code message} says where it broke. */
    public record Malformed(String message) implements Result {}

    public record Invalid(List<Problem> problems) implements Result {
        public Invalid {
            problems = List.copyOf(problems);
        }
    }

    /** The most events one request may carry. */
    public static final int MAX_EVENTS = 1000;
    /** How far ahead of now an event may be dated, for clocks that drift a little. */
    static final Duration MAX_AHEAD = Duration.ofDays(1);
    static final int MAX_LEAD_ID = 200;
    /** Problems listed in one answer at most, so a bad batch of 1,000 does not answer with 5,000 problems. */
    static final int MAX_PROBLEMS = 100;

    private static final Set<String> FIELDS = Set.of("lead_id", "stage", "at");

    private final Agreement agreement;
    private final Clock clock;

    public StageEventParser(Agreement agreement, Clock clock) {
        this.agreement = Objects.requireNonNull(agreement, "agreement == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
    }

    public Result parse(byte[] body) {
        JsonNode root;
        try {
            root = StrictJson.read(body);
        } catch (StrictJson.MalformedJsonException e) {
            return new Malformed(e.getMessage());
        }
        if (root.isMissingNode()) {
            return new Malformed("the body is empty; send a JSON object or an array of objects");
        }
        Instant latest = clock.instant().plus(MAX_AHEAD);
        List<Problem> problems = new ArrayList<>();
        List<StageEvent> events = new ArrayList<>();
        if (root.isObject()) {
            event(root, "$", latest, problems, events);
        } else if (root.isArray()) {
            if (root.isEmpty()) {
                problems.add(new Problem("$", "must hold at least one event"));
            } else if (root.size() > MAX_EVENTS) {
                problems.add(new Problem("$", "must hold at most " + MAX_EVENTS + " events; split the batch"));
            } else {
                for (int i = 0; i < root.size(); i++) {
                    event(root.get(i), "$[" + i + "]", latest, problems, events);
                }
            }
        } else {
            problems.add(new Problem("$", "must be a JSON object or an array of objects"));
        }
        if (!problems.isEmpty()) {
            return new Invalid(problems.size() > MAX_PROBLEMS ? capped(problems) : problems);
        }
        return new Valid(events);
    }

    private void event(JsonNode node, String path, Instant latest, List<Problem> problems, List<StageEvent> events) {
        if (!node.isObject()) {
            problems.add(new Problem(path, "must be an object with lead_id, stage and at"));
            return;
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                String shown = name.length() > 40 ? name.substring(0, 40) + "…" : name;
                problems.add(new Problem(path + "." + shown, "is not a known field"));
            }
        }
        String leadId = text(node, "lead_id", path, MAX_LEAD_ID, problems);
        String stage = text(node, "stage", path, MAX_LEAD_ID, problems);
        if (stage != null && agreement.stage(stage).isEmpty()) {
            String known = agreement.stages().stream().map(Stage::id).collect(Collectors.joining(", "));
            problems.add(new Problem(path + ".stage", "unknown stage \"" + shorten(stage) + "\"; stages: " + known));
            stage = null;
        }
        Instant at = null;
        String atText = text(node, "at", path, 64, problems);
        if (atText != null) {
            try {
                at = Instant.parse(atText);
                if (at.isAfter(latest)) {
                    problems.add(new Problem(path + ".at", "is more than a day in the future"));
                    at = null;
                }
            } catch (DateTimeParseException e) {
                problems.add(new Problem(path + ".at",
                        "must be an ISO-8601 instant such as 2026-11-02T09:14:00Z"));
            }
        }
        if (leadId != null && stage != null && at != null) {
            events.add(new StageEvent(leadId, stage, at));
        }
    }

    private static String text(JsonNode parent, String field, String path, int max, List<Problem> problems) {
        String at = path + "." + field;
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            problems.add(new Problem(at, "is required"));
            return null;
        }
        if (!node.isTextual()) {
            problems.add(new Problem(at, "must be a string"));
            return null;
        }
        String value = node.textValue();
        if (value.isBlank()) {
            problems.add(new Problem(at, "must not be blank"));
            return null;
        }
        if (value.codePointCount(0, value.length()) > max) {
            problems.add(new Problem(at, "must be at most " + max + " characters"));
            return null;
        }
        return value;
    }

    private static List<Problem> capped(List<Problem> problems) {
        List<Problem> first = new ArrayList<>(problems.subList(0, MAX_PROBLEMS));
        first.add(new Problem("$", (problems.size() - MAX_PROBLEMS) + " more problems not listed"));
        return first;
    }

    private static String shorten(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }

}
