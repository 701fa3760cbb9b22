package dev.handshake.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handshake.stats.Definitions;
import dev.handshake.stats.FollowUpClock;
import dev.handshake.stats.Period;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/**
 * Builds the CSV of a period's handoffs, one row per event of each handoff, with the handoff's facts repeated: among
 * them its first deadline and whether it was decided within the SLA, and how long marketing took to answer its
 * rejection, by the same definitions as the stats (docs/NUMBERS.md), so a spreadsheet adds up to the same figures.
 * The leads' extra fields come last, one {@code extra.<name>} column per name any handoff of the period has, in the
 * order they first appear.
 */
public final class HandoffExport {

    static final List<String> HEADER = List.of(
            "handoff_id", "external_id", "stage", "lead_name", "lead_email", "lead_title", "lead_company",
            "lead_persona", "lead_score", "lead_source", "lead_phone", "lead_crm_id", "lead_crm_url", "lead_touches",
            "intake_source", "assignee", "assigned_because", "status", "state", "received_at", "due_at",
            "first_deadline", "within_sla", "decided_by", "decided_at", "decision_business_hours", "reject_reason",
            "reject_comment",
            "marketing_outcome", "marketing_at", "marketing_answer_business_hours", "marketing_within_limit",
            "reassignments", "contacted_at", "agreement_version", "event", "event_actor", "event_at", "event_detail");
    static final String EXTRA_PREFIX = "extra.";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final Jdbi jdbi;
    private final ZoneId zone;
    private final FollowUpClock followUps;
    private final Clock clock;

    public HandoffExport(Jdbi jdbi, ZoneId zone, FollowUpClock followUps, Clock clock) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi == null");
        this.zone = Objects.requireNonNull(zone, "zone == null");
        this.followUps = Objects.requireNonNull(followUps, "followUps == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
    }

    /** The CSV text and how many handoffs it holds. */
    public record Result(String csv, int handoffs, int rows) {}

    public Result csv(Period period) {
        long from = period.start(zone).toEpochMilli();
        long to = period.end(zone).toEpochMilli();
        Instant now = clock.instant();
        Optional<Instant> limitPassedUpTo = followUps.limitPassedUpTo(now);
        List<String> extraNames = extraNames(from, to);
        List<String> header = new ArrayList<>(HEADER);
        extraNames.forEach(name -> header.add(EXTRA_PREFIX + name));
        Csv csv = new Csv().row(header);
        int[] counts = new int[2];
        jdbi.useHandle(handle -> handle.createQuery("""
                        SELECT h.*, %s AS first_deadline, %s AS within_sla,
                            e.kind AS event, e.actor AS event_actor, e.at AS event_at, e.detail AS event_detail
                        FROM handoffs h LEFT JOIN handoff_events e ON e.handoff_id = h.id
                        WHERE h.received_at >= :from AND h.received_at < :to
                        ORDER BY h.id, e.id""".formatted(Definitions.FIRST_DEADLINE, Definitions.WITHIN_SLA))
                .bind("from", from).bind("to", to).bind("now", now.toEpochMilli())
                .map((rs, ctx) -> {
                    List<String> row = new ArrayList<>();
                    row.add(rs.getString("id"));
                    row.add(rs.getString("external_id"));
                    row.add(rs.getString("stage"));
                    row.add(rs.getString("lead_name"));
                    row.add(rs.getString("lead_email"));
                    row.add(rs.getString("lead_title"));
                    row.add(rs.getString("lead_company"));
                    row.add(rs.getString("lead_persona"));
                    row.add(rs.getString("lead_score"));
                    row.add(rs.getString("lead_source"));
                    row.add(rs.getString("lead_phone"));
                    row.add(rs.getString("lead_crm_id"));
                    row.add(rs.getString("lead_crm_url"));
                    String touches = rs.getString("lead_touches");
                    row.add(touches == null || touches.equals("[]") ? null : touches);
                    row.add(rs.getString("intake_source"));
                    row.add(rs.getString("assignee_user"));
                    row.add(rs.getString("route_note"));
                    row.add(rs.getString("status"));
                    row.add(rs.getString("state"));
                    row.add(time(rs.getObject("received_at")));
                    row.add(time(rs.getObject("due_at")));
                    row.add(time(rs.getObject("first_deadline")));
                    row.add(yesNo(rs.getObject("within_sla") == null ? Optional.empty()
                            : Optional.of(rs.getInt("within_sla") == 1)));
                    row.add(rs.getString("decided_by"));
                    row.add(time(rs.getObject("decided_at")));
                    row.add(hours(rs.getObject("decision_business_ms")));
                    row.add(rs.getString("reject_reason"));
                    row.add(rs.getString("reject_comment"));
                    row.add(rs.getString("marketing_outcome"));
                    row.add(time(rs.getObject("marketing_at")));
                    boolean rejected = "rejected".equals(rs.getString("status"));
                    Instant rejectedAt = rejected ? instant(rs.getObject("decided_at")) : null;
                    Object answerMillis = rs.getObject("answer_business_ms");
                    row.add(hours(answerMillis));
                    row.add(rejectedAt == null ? null : yesNo(followUps.withinLimit(rejectedAt, answerMillis == null
                            ? null : Duration.ofMillis(((Number) answerMillis).longValue()), limitPassedUpTo)));
                    row.add(rs.getString("reassignments"));
                    row.add(time(rs.getObject("contacted_at")));
                    row.add(rs.getString("agreement_version"));
                    row.add(rs.getString("event"));
                    row.add(rs.getString("event_actor"));
                    row.add(time(rs.getObject("event_at")));
                    row.add(rs.getString("event_detail"));
                    if (!extraNames.isEmpty()) {
                        JsonNode extras = parse(rs.getString("lead_extras"));
                        extraNames.forEach(name -> row.add(text(extras.get(name))));
                    }
                    return row;
                })
                .forEach(row -> {
                    csv.row(row);
                    counts[1]++;
                }));
        counts[0] = jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT count(*) FROM handoffs WHERE received_at >= :from AND received_at < :to")
                .bind("from", from).bind("to", to).mapTo(Integer.class).one());
        return new Result(csv.toString(), counts[0], counts[1]);
    }

    /** Every extra field name of the period's leads, in the order the names first appear. */
    private List<String> extraNames(long from, long to) {
        Set<String> names = new LinkedHashSet<>();
        jdbi.useHandle(handle -> handle.createQuery("""
                        SELECT lead_extras FROM handoffs
                        WHERE received_at >= :from AND received_at < :to AND lead_extras <> '{}'
                        ORDER BY id""")
                .bind("from", from).bind("to", to)
                .mapTo(String.class)
                .forEach(json -> parse(json).fieldNames().forEachRemaining(names::add)));
        return List.copyOf(names);
    }

    private static JsonNode parse(String json) {
        try {
            return json == null ? JSON.createObjectNode() : JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("lead_extras is not the JSON the app wrote", e);
        }
    }

    private static String text(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        return value.isNumber() ? value.decimalValue().toPlainString() : value.asText();
    }

    /** "yes", "no", or empty while it cannot be judged yet. */
    private static String yesNo(Optional<Boolean> judged) {
        return judged.map(yes -> yes ? "yes" : "no").orElse(null);
    }

    /** Business hours with three decimals, as the stats rank them. */
    private static String hours(Object millis) {
        return millis == null ? null : BigDecimal.valueOf(((Number) millis).longValue())
                .divide(BigDecimal.valueOf(3_600_000), 3, RoundingMode.HALF_UP).toPlainString();
    }

    private static Instant instant(Object epochMillis) {
        return epochMillis == null ? null : Instant.ofEpochMilli(((Number) epochMillis).longValue());
    }

    private String time(Object epochMillis) {
        return epochMillis == null ? null
                : Instant.ofEpochMilli(((Number) epochMillis).longValue()).atZone(zone).toOffsetDateTime().toString();
    }
}
