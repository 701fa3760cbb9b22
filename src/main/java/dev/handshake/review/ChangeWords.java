package dev.handshake.review;

import dev.handshake.agreement.Commitment;
import dev.handshake.agreement.Decider;
import dev.handshake.agreement.FieldSource;
import dev.handshake.agreement.GlossaryTerm;
import dev.handshake.agreement.GoalPeriod;
import dev.handshake.agreement.Goals;
import dev.handshake.agreement.HubSpotTerms;
import dev.handshake.agreement.IndividualGoal;
import dev.handshake.agreement.IntakeSource;
import dev.handshake.agreement.Kpi;
import dev.handshake.agreement.Metric;
import dev.handshake.agreement.Persona;
import dev.handshake.agreement.PoolRep;
import dev.handshake.agreement.RoutingTerms;
import dev.handshake.agreement.ReminderTerms;
import dev.handshake.agreement.Responsibility;
import dev.handshake.agreement.ReviewTerms;
import dev.handshake.agreement.SlackTarget;
import dev.handshake.agreement.Stage;
import dev.handshake.agreement.StageHandoff;
import dev.handshake.agreement.Target;
import dev.handshake.agreement.Team;
import dev.handshake.agreement.TeamGoal;
import dev.handshake.agreement.WebhookEndpoint;
import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.net.URI;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The vocabulary of {@link AgreementChanges}: what each part of the agreement is called, how its values read
 * ("every quarter", "25%", "4 business hours", "Q4 2026 (October 1 – December 31)"), and what identifies an item of a
 * list. A component missing here is still compared, under its name split into words.
 */
final class ChangeWords {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.ENGLISH);

    /** Labels of components, by "Record.component"; sections of the agreement read as one phrase ("Review cadence"). */
    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("Agreement.name", "Name"),
            Map.entry("Agreement.version", "Version"),
            Map.entry("Agreement.effective", "Effective date"),
            Map.entry("Agreement.owners", "Owners"),
            Map.entry("Agreement.personas", "Persona"),
            Map.entry("Agreement.stages", "Stage"),
            Map.entry("Agreement.goals", "Goals"),
            Map.entry("Agreement.commitments", "Commitment"),
            Map.entry("Agreement.handoff", "Handoff"),
            Map.entry("Agreement.calendar", "Calendar"),
            Map.entry("Agreement.review", "Review"),
            Map.entry("Agreement.glossary", "Glossary term"),
            Map.entry("Owners.marketing", "Marketing owner"),
            Map.entry("Owners.sales", "Sales owner"),
            Map.entry("Owner.name", "name"),
            Map.entry("Owner.title", "title"),
            Map.entry("Owner.slackUser", "Slack user"),
            Map.entry("Persona.name", "name"),
            Map.entry("Persona.aliases", "aliases"),
            Map.entry("Persona.summary", "summary"),
            Map.entry("Persona.description", "description"),
            Map.entry("Persona.traits", "traits"),
            Map.entry("Persona.pains", "pains"),
            Map.entry("Stage.name", "name"),
            Map.entry("Stage.aliases", "aliases"),
            Map.entry("Stage.definition", "definition"),
            Map.entry("Stage.entryCriteria", "entry criteria"),
            Map.entry("Stage.owner", "owner"),
            Map.entry("Stage.responsibilities", "responsibility"),
            Map.entry("Stage.next", "next stage"),
            Map.entry("Responsibility.who", "who"),
            Map.entry("Responsibility.does", "does"),
            Map.entry("Goals.period", "Goals' period"),
            Map.entry("Goals.revenueTarget", "Revenue target"),
            Map.entry("Goals.currency", "Currency of the goals"),
            Map.entry("Goals.teams", "Team targets"),
            Map.entry("Goals.individuals", "Individual targets"),
            Map.entry("Goals.kpis", "KPI"),
            Map.entry("TeamGoal.targets", "target"),
            Map.entry("IndividualGoal.targets", "target"),
            Map.entry("Target.value", "value"),
            Map.entry("Target.unit", "unit"),
            Map.entry("Target.metric", "measured as"),
            Map.entry("Target.per", "measured per"),
            Map.entry("Kpi.name", "name"),
            Map.entry("Kpi.definition", "definition"),
            Map.entry("Kpi.target", "target"),
            Map.entry("Kpi.metric", "measured as"),
            Map.entry("Kpi.per", "measured per"),
            Map.entry("Commitment.team", "team"),
            Map.entry("Commitment.what", "what"),
            Map.entry("Commitment.byWhen", "by when"),
            Map.entry("HandoffTerms.stages", "Handoff of stage"),
            Map.entry("HandoffTerms.whoDecides", "Who decides"),
            Map.entry("HandoffTerms.salesChannel", "Sales channel"),
            Map.entry("HandoffTerms.marketingChannel", "Marketing channel"),
            Map.entry("HandoffTerms.escalation", "Escalation"),
            Map.entry("HandoffTerms.rejectionReasons", "Rejection reasons"),
            Map.entry("HandoffTerms.reminder", "Reminder"),
            Map.entry("HandoffTerms.reassign", "Reassignment"),
            Map.entry("HandoffTerms.rejectionFollowup", "Marketing's answer to a rejection due within"),
            Map.entry("StageHandoff.responseTime", "response time"),
            Map.entry("StageHandoff.firstContact", "first contact"),
            Map.entry("ReassignTerms.enabled", "switched on"),
            Map.entry("ReassignTerms.maxTimes", "at most"),
            Map.entry("ReassignTerms.pool", "pool"),
            Map.entry("HandoffTerms.routing", "Routing of stage"),
            Map.entry("RoutingTerms.pool", "pool"),
            Map.entry("RoutingTerms.cap", "cap of open handoffs"),
            Map.entry("RoutingTerms.fallback", "fallback"),
            Map.entry("RoutingTerms.workingHours", "only within each rep's working hours"),
            Map.entry("RoutingTerms.reassignIfUnavailable", "reassigned when sent to someone unavailable"),
            Map.entry("PoolRep.weight", "weight"),
            Map.entry("PoolRep.cap", "cap of open handoffs"),
            Map.entry("BusinessCalendar.zone", "Time zone"),
            Map.entry("BusinessCalendar.workingDays", "Working days"),
            Map.entry("BusinessCalendar.opens", "Opening time"),
            Map.entry("BusinessCalendar.closes", "Closing time"),
            Map.entry("BusinessCalendar.holidays", "Holidays"),
            Map.entry("ReviewTerms.cadence", "Review cadence"),
            Map.entry("ReviewTerms.channel", "Review channel"),
            Map.entry("ReviewTerms.time", "Review time"),
            Map.entry("ReviewTerms.followUpDays", "Review follow-up after"),
            Map.entry("ReviewTerms.minLeadToMqlConversion", "Minimum lead → MQL conversion"),
            Map.entry("ReviewTerms.minMqlAcceptanceRate", "Minimum MQL acceptance rate"),
            Map.entry("ReviewTerms.minLeadsForAlert", "Data needed before an indicator is judged"),
            Map.entry("GlossaryTerm.name", "name"),
            Map.entry("GlossaryTerm.aliases", "aliases"),
            Map.entry("GlossaryTerm.definition", "definition"),
            Map.entry("Agreement.intakeSources", "Intake source"),
            Map.entry("Agreement.webhooks", "Webhook"),
            Map.entry("Agreement.hubspot", "HubSpot writer"),
            Map.entry("IntakeSource.id", "handoff id"),
            Map.entry("IntakeSource.stage", "stage"),
            Map.entry("IntakeSource.lead", "lead"),
            Map.entry("IntakeSource.assignee", "assignee"),
            Map.entry("IntakeSource.note", "note"),
            Map.entry("IntakeSource.criteria", "criteria met"),
            Map.entry("LeadMapping.fields", "field"),
            Map.entry("LeadMapping.touches", "touches"),
            Map.entry("LeadMapping.extras", "extra field"),
            Map.entry("TouchesMapping.array", "array"),
            Map.entry("TouchesMapping.each", "one per item of"),
            Map.entry("TouchesMapping.eachItem", "each item"),
            Map.entry("TouchesMapping.items", "touch"),
            Map.entry("TouchMapping.at", "at"),
            Map.entry("TouchMapping.what", "what"),
            Map.entry("CriteriaMapping.array", "array"),
            Map.entry("CriteriaMapping.items", "item"),
            Map.entry("FieldSource.value", "from"),
            Map.entry("FieldSource.values", "value mapped"),
            Map.entry("FieldSource.fallback", "fallback"),
            Map.entry("FieldSource.as", "read as"),
            Map.entry("WebhookEndpoint.url", "URL"),
            Map.entry("WebhookEndpoint.allEvents", "every event"),
            Map.entry("WebhookEndpoint.events", "events"),
            Map.entry("WebhookEndpoint.secretEnv", "secret's environment variable"),
            Map.entry("WebhookEndpoint.retryFor", "retried for"),
            Map.entry("WebhookEndpoint.concurrency", "deliveries at once"),
            Map.entry("WebhookEndpoint.timeout", "timeout"),
            Map.entry("HubSpotTerms.sources", "intake sources"),
            Map.entry("HubSpotTerms.on", "update on"),
            Map.entry("HubSpotTerms.retryFor", "retried for"),
            Map.entry("Update.properties", "property"),
            Map.entry("Update.owner", "owner from"),
            Map.entry("Update.note", "adds a note"));

    /** Sections of the agreement whose components stand on their own ("Review cadence", not "Review — cadence"). */
    private static final List<String> SECTIONS = List.of("Agreement", "Owners", "HandoffTerms", "BusinessCalendar",
            "ReviewTerms", "Goals");

    private ChangeWords() {}

    /** Components derived from others or only about how a value was written: comparing them would repeat a line. */
    static boolean ignored(RecordComponent component) {
        String key = key(component);
        return key.equals("Kpi.threshold") || key.equals("Target.percent");
    }

    static String label(String where, RecordComponent component) {
        String key = key(component);
        String own = LABELS.getOrDefault(key, words(component.getName()));
        if (where.isEmpty() || SECTIONS.contains(component.getDeclaringRecord().getSimpleName())) {
            return own;
        }
        return where + " — " + own;
    }

    /** Records shown as one value rather than compared field by field. */
    static boolean isWhole(Object value) {
        return value instanceof SlackTarget || value instanceof ReminderTerms || value instanceof GoalPeriod
                || value instanceof FieldSource.Value;
    }

    static boolean hasIdentity(Object item) {
        return identity((Record) item) != null;
    }

    /** What identifies an item of a list across versions, or null when nothing does (it is matched by position). */
    static Object identity(Record item) {
        if (item instanceof Stage s) {
            return s.id();
        }
        if (item instanceof Persona p) {
            return p.id();
        }
        if (item instanceof Kpi k) {
            return k.id();
        }
        if (item instanceof GlossaryTerm g) {
            return g.id();
        }
        if (item instanceof StageHandoff h) {
            return h.stage();
        }
        if (item instanceof TeamGoal t) {
            return t.team();
        }
        if (item instanceof IndividualGoal i) {
            return i.role();
        }
        if (item instanceof Target t) {
            return t.name();
        }
        if (item instanceof IntakeSource i) {
            return i.name();
        }
        if (item instanceof WebhookEndpoint w) {
            return w.name();
        }
        if (item instanceof PoolRep r) {
            return r.user();
        }
        return null;
    }

    /** "Stage `mql` (MQL)", "Handoff of stage `mql`", "Marketing targets", "Target “MQLs accepted”". */
    static String identified(String label, Record item) {
        if (item instanceof Stage s) {
            return "Stage `" + s.id() + "` (" + s.name() + ")";
        }
        if (item instanceof Persona p) {
            return "Persona `" + p.id() + "` (" + p.name() + ")";
        }
        if (item instanceof Kpi k) {
            return "KPI `" + k.id() + "` (" + k.name() + ")";
        }
        if (item instanceof GlossaryTerm g) {
            return "Glossary term `" + g.id() + "` (" + g.name() + ")";
        }
        if (item instanceof StageHandoff h) {
            return "Handoff of stage `" + h.stage() + "`";
        }
        if (item instanceof TeamGoal t) {
            return t.team().label() + " targets";
        }
        if (item instanceof IndividualGoal i) {
            return "Individual targets for " + i.role();
        }
        if (item instanceof Target t) {
            return label + " “" + t.name() + "”";
        }
        if (item instanceof IntakeSource i) {
            return "Intake source `" + i.name() + "`";
        }
        if (item instanceof WebhookEndpoint w) {
            return "Webhook `" + w.name() + "`";
        }
        if (item instanceof PoolRep r) {
            return label + " — rep " + r.user();
        }
        return label;
    }

    /** An item without identity, by its place: "Commitment 2 (Marketing)", "Stage `mql` (MQL) — responsibility 1". */
    static String item(String label, Record item, int index) {
        if (item instanceof Commitment c) {
            return label + " " + (index + 1) + " (" + c.team().label() + ")";
        }
        return label + " " + (index + 1);
    }

    /** An item of a list as a whole: "Marketing: Deliver 600 MQLs (End of each month)", "SDR: Accept or reject …". */
    static String describe(Record item) {
        if (item instanceof Commitment c) {
            return c.team().label() + ": " + c.what() + " (" + c.byWhen() + ")";
        }
        if (item instanceof Responsibility r) {
            return r.who() + ": " + r.does();
        }
        if (item instanceof HubSpotTerms.Update u) {
            return (u.properties().isEmpty() ? "no properties" : "properties " + plain(u.properties())) + ", "
                    + (u.owner() == null ? "no owner change" : "owner from " + plain(u.owner())) + ", "
                    + (u.note() ? "adds a note" : "no note");
        }
        if (item instanceof HubSpotTerms h) {
            return "updates on " + String.join(", ", h.on().keySet()) + " for the contacts of "
                    + (h.sources().isEmpty() ? "no intake source" : String.join(", ", h.sources()))
                    + ", retried for " + wallTime(h.retryFor());
        }
        if (item instanceof PoolRep r) {
            return r.user() + (r.weight() == 1 ? "" : " (weight " + r.weight() + ")")
                    + (r.cap() == null ? "" : " (cap " + r.cap() + ")");
        }
        if (item instanceof RoutingTerms r) {
            return "round robin over " + plain(r.pool())
                    + (r.cap() == null ? "" : ", at most " + r.cap() + " open handoffs each")
                    + ", fallback " + (r.fallback() == null ? "none" : plain(r.fallback()))
                    + (r.workingHours() ? ", within each rep's working hours" : "")
                    + (r.reassignIfUnavailable() ? ", reassigned when sent to someone unavailable" : "");
        }
        if (item instanceof FieldSource f) {
            return f.value().text() + (f.values().isEmpty() ? "" : ", values mapped " + plain(f.values()))
                    + (f.fallback() == null ? "" : ", fallback " + plain(f.fallback()))
                    + (f.as() == FieldSource.Conversion.NONE ? "" : ", read as " + plain(f.as()));
        }
        return String.join(", ", java.util.Arrays.stream(item.getClass().getRecordComponents())
                .map(c -> plain(read(c, item))).toList());
    }

    /**
     * A changed value in words; the record holding it and the agreement help a few read right (a target's unit, the
     * currency, the goals' own period for a target that names none).
     */
    static String value(RecordComponent component, Record holder, Object value, dev.handshake.agreement.Agreement root) {
        String key = key(component);
        if (value == null && (key.equals("Target.per") || key.equals("Kpi.per"))) {
            return root.goals() == null ? "the goals' period" : root.goals().period().length().word();
        }
        if (value == null) {
            return "none";
        }
        return switch (key) {
            case "ReviewTerms.minLeadToMqlConversion", "ReviewTerms.minMqlAcceptanceRate" -> percent((BigDecimal) value);
            case "ReviewTerms.followUpDays" -> value + " days";
            case "ReviewTerms.minLeadsForAlert" -> value + " counted (new leads, or decided handoffs)";
            case "Goals.revenueTarget" -> number((BigDecimal) value) + " " + ((Goals) holder).currency();
            case "Target.value" -> targetValue((Target) holder, (BigDecimal) value);
            case "ReassignTerms.maxTimes" -> value + ((Integer) value == 1 ? " time" : " times");
            case "WebhookEndpoint.retryFor", "WebhookEndpoint.timeout", "HubSpotTerms.retryFor" ->
                    wallTime((Duration) value);
            default -> plain(value);
        };
    }

    private static String targetValue(Target target, BigDecimal value) {
        if (target.percent()) {
            return percent(value);
        }
        return number(value) + (target.unit() == null ? "" : " " + target.unit());
    }

    /** Any value in words. */
    static String plain(Object value) {
        if (value == null) {
            return "none";
        }
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof Duration duration) {
            return businessTime(duration);
        }
        if (value instanceof BigDecimal number) {
            return number(number);
        }
        if (value instanceof Boolean flag) {
            return flag ? "yes" : "no";
        }
        if (value instanceof LocalDate date) {
            return DATE.format(date);
        }
        if (value instanceof DayOfWeek day) {
            return day.getDisplayName(TextStyle.FULL, Locale.ENGLISH);
        }
        if (value instanceof GoalPeriod period) {
            return period.inWords();
        }
        if (value instanceof GoalPeriod.Length length) {
            return length.word();
        }
        if (value instanceof ReviewTerms.Cadence cadence) {
            return cadence == ReviewTerms.Cadence.MONTHLY ? "every month" : "every quarter";
        }
        if (value instanceof Decider decider) {
            return decider == Decider.ASSIGNEE ? "the assigned rep (anyone when nobody is assigned)"
                    : "anyone in the sales channel";
        }
        if (value instanceof Team team) {
            return team.label();
        }
        if (value instanceof Metric metric) {
            return "`" + metric.key() + "`";
        }
        if (value instanceof SlackTarget target) {
            return target.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " " + target.id();
        }
        if (value instanceof ReminderTerms reminder) {
            return reminder.windowPercent() != null ? "when " + reminder.windowPercent() + "% of the response time has passed"
                    : businessTime(reminder.beforeDeadline()) + " before the deadline";
        }
        if (value instanceof FieldSource.Value source) {
            return source.text();
        }
        if (value instanceof JsonNode node) {
            return node.isValueNode() ? node.asText() : node.toString();
        }
        if (value instanceof FieldSource.Conversion conversion) {
            return switch (conversion) {
                case NONE -> "as it is";
                case EPOCH_MILLIS -> "milliseconds since 1970, as a time";
                case DATE -> "the date it starts with";
            };
        }
        if (value instanceof HubSpotTerms.OwnerFrom owner) {
            return owner == HubSpotTerms.OwnerFrom.ACTOR ? "the person who acted" : "the handoff's assignee";
        }
        if (value instanceof URI uri) {
            return uri.toString();
        }
        if (value instanceof Map.Entry<?, ?> entry) {
            return plain(entry.getKey()) + " → " + plain(entry.getValue());
        }
        if (value instanceof Map<?, ?> map) {
            return map.isEmpty() ? "none" : map.entrySet().stream()
                    .sorted(Comparator.comparing(entry -> plain(entry.getKey())))
                    .map(ChangeWords::plain).collect(Collectors.joining(", "));
        }
        if (value instanceof Collection<?> items) {
            return items.isEmpty() ? "none" : items.stream().map(ChangeWords::plain).collect(Collectors.joining(", "));
        }
        if (value instanceof Record record) {
            return describe(record);
        }
        return value.toString();
    }

    /** Sets in a reading order: days of the week from Monday, dates from the earliest. */
    static List<?> sorted(Collection<?> items) {
        return items.stream().sorted(Comparator.comparing(item -> item instanceof Comparable<?> ? 0 : 1)
                .thenComparing((a, b) -> compare(a, b))).toList();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Object a, Object b) {
        return a instanceof Comparable ca && a.getClass().equals(b.getClass()) ? ca.compareTo(b) : 0;
    }

    /** "4 business hours", "30 business minutes", "1 business hour 30 minutes". */
    static String businessTime(Duration duration) {
        long minutes = Math.max(0, (duration.getSeconds() + 59) / 60);
        long hours = minutes / 60;
        long rest = minutes % 60;
        if (hours == 0) {
            return rest + (rest == 1 ? " business minute" : " business minutes");
        }
        String text = hours + (hours == 1 ? " business hour" : " business hours");
        return rest == 0 ? text : text + " " + rest + (rest == 1 ? " minute" : " minutes");
    }

    /** Clock time, not business time: "72 hours", "10 seconds", "1 hour 30 minutes". */
    static String wallTime(Duration duration) {
        long seconds = duration.getSeconds();
        long hours = seconds / 3600;
        long minutes = seconds % 3600 / 60;
        long rest = seconds % 60;
        StringBuilder out = new StringBuilder();
        if (hours > 0) {
            out.append(hours).append(hours == 1 ? " hour" : " hours");
        }
        if (minutes > 0) {
            out.append(out.isEmpty() ? "" : " ").append(minutes).append(minutes == 1 ? " minute" : " minutes");
        }
        if (rest > 0 || out.isEmpty()) {
            out.append(out.isEmpty() ? "" : " ").append(rest).append(rest == 1 ? " second" : " seconds");
        }
        return out.toString();
    }

    static String percent(BigDecimal fraction) {
        return fraction.movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }

    static String number(BigDecimal value) {
        return new DecimalFormat("#,##0.##########", DecimalFormatSymbols.getInstance(Locale.ENGLISH)).format(value);
    }

    private static String key(RecordComponent component) {
        return component.getDeclaringRecord().getSimpleName() + "." + component.getName();
    }

    /** "responseTime" → "response time". */
    private static String words(String name) {
        return name.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    }

    private static Object read(RecordComponent component, Record record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + component.getName(), e);
        }
    }
}
