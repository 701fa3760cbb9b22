package dev.handshake.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.handshake.agreement.Agreement;
import dev.handshake.agreement.AgreementLoader;
import dev.handshake.agreement.GoalPeriod;
import dev.handshake.agreement.InvalidAgreementException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every change to the agreement is announced: each leaf of the example {@code sla.yml} is changed in turn (to a value
 * that still passes the checks) and the change report must say it, with the old and the new value as the report words
 * them; edits that change nothing once read (layout, comments, quoting, 25% written as 0.25) say nothing.
 */
class AgreementChangesTest {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final AgreementLoader LOADER = new AgreementLoader();
    private static final DateTimeFormatter SHOWN_DATE = DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.ENGLISH);
    private static final Pattern NUMBER = Pattern.compile("\\d+");

    /** The words of enumerations: the values the file may hold, and how the report says each. */
    private static final Map<String, Map<String, String>> CHOICES = Map.of(
            "cadence", Map.of("quarterly", "every quarter", "monthly", "every month"),
            "who_decides", Map.of("anyone", "anyone in the sales channel", "assignee", "the assigned rep"),
            "team", Map.of("marketing", "Marketing", "sales", "Sales"),
            "owner", Map.of("marketing", "Marketing", "sales", "Sales"),
            "per", Map.of("month", "month", "quarter", "quarter"),
            "currency", Map.of("USD", "USD", "EUR", "EUR"),
            "as", Map.of("epoch_millis", "milliseconds since 1970, as a time", "date", "the date it starts with"),
            "time_zone", Map.of("America/Chicago", "America/Chicago", "America/Denver", "America/Denver"),
            "working_days", Map.of("mon", "Monday", "tue", "Tuesday", "wed", "Wednesday", "thu", "Thursday",
                    "fri", "Friday", "sat", "Saturday", "sun", "Sunday"),
            "metric", Map.of("acceptance_rate", "acceptance_rate", "decided_within_sla", "decided_within_sla",
                    "lead_to_mql_conversion", "lead_to_mql_conversion", "leads", "leads", "mqls", "mqls",
                    "handoffs", "handoffs", "accepted", "accepted", "rejected", "rejected",
                    "median_time_to_decision_hours", "median_time_to_decision_hours"));

    private static String shipped;
    private static JsonNode tree;
    private static Agreement original;

    @BeforeAll
    static void read() throws Exception {
        shipped = Files.readString(Path.of("sla.yml"));
        tree = YAML.readTree(shipped);
        original = parse(shipped);
    }

    private static Agreement parse(String text) {
        return LOADER.parse("sla.yml", text).agreement();
    }

    /** A changed copy of the example, the values the report should show before and after, and what was changed. */
    private record Mutation(String description, JsonNode tree, List<String> oldWords, List<String> newWords) {}

    @TestFactory
    Stream<DynamicTest> everyLeafOfTheExampleIsAnnouncedWithItsOldAndNewValue() {
        List<JsonPointer> leaves = new ArrayList<>();
        leaves(tree, JsonPointer.empty(), leaves);
        assertThat(leaves).as("leaves of sla.yml").hasSizeGreaterThan(200);
        return leaves.stream().map(leaf -> DynamicTest.dynamicTest(leaf.toString(), () -> {
            Mutation mutation = firstValid(leaf);
            List<String> lines = AgreementChanges.between(original, parse(YAML.writeValueAsString(mutation.tree())));
            String all = String.join("\n", lines);
            assertThat(lines).as("announcement of %s", mutation.description()).isNotEmpty();
            assertThat(all).as("announcement of %s", mutation.description())
                    .contains(mutation.oldWords()).contains(mutation.newWords())
                    .doesNotContain("null", "Optional", "PT", "0.25", "QUARTERLY", "Target[", "@");
        }));
    }

    @Test
    void editsThatChangeNothingOnceReadStaySilent() throws Exception {
        // Written out again by a YAML library: no comments, every text quoted, flow lists as blocks, 1_800_000 as 1800000.
        assertThat(AgreementChanges.between(original, parse(YAML.writeValueAsString(tree)))).isEmpty();
        assertThat(AgreementChanges.between(original, parse(shipped + "\n# a comment\n"))).isEmpty();
        String sameValues = shipped
                .replace("min_lead_to_mql_conversion: 20%", "min_lead_to_mql_conversion: 0.20")
                .replace("        value: 25%", "        value: 0.25")
                .replace("revenue_target: 1_800_000", "revenue_target: \"1,800,000\"")
                .replace("      - name: MQLs accepted\n", "      - name: MQLs accepted\n        per: quarter\n")
                .replace("working_days: [mon, tue, wed, thu, fri]", "working_days: [fri, thu, wed, tue, mon]")
                .replace("name: Freightline marketing–sales SLA", "name: \"Freightline marketing–sales SLA\"");
        assertThat(sameValues).isNotEqualTo(shipped);
        assertThat(AgreementChanges.between(original, parse(sameValues))).isEmpty();
    }

    @Test
    void changesReadLikeAPersonWroteThem() {
        String edited = shipped
                .replace("response_hours: 4", "response_hours: 2")
                .replace("cadence: quarterly", "cadence: monthly")
                .replace("min_mql_acceptance_rate: 40%", "min_mql_acceptance_rate: 35%")
                .replace("period: 2026-Q4", "period: 2027-Q1")
                .replace("      - kpi: lead-to-mql\n        value: 25%", "      - kpi: lead-to-mql\n        value: 30%")
                .replace("does: Write the discovery notes in the CRM before the AE meeting", "does: Write the notes")
                .replace("    - Student, job seeker or vendor\n", "")
                .replace("window_percent: 75", "window_percent: 50");

        assertThat(AgreementChanges.between(original, parse(edited))).containsExactlyInAnyOrder(
                "Handoff of stage `mql` — response time: 4 business hours → 2 business hours",
                "Review cadence: every quarter → every month",
                "Minimum MQL acceptance rate: 40% → 35%",
                "Goals' period: Q4 2026 (October 1 – December 31) → Q1 2027 (January 1 – March 31)",
                "Marketing targets — target “Lead to MQL conversion” — value: 25% → 30%",
                "Stage `sql` (SQL) — responsibility 1 — does: Write the discovery notes in the CRM before the AE meeting"
                        + " → Write the notes",
                "Rejection reasons: removed Student, job seeker or vendor",
                "Reminder: when 75% of the response time has passed → when 50% of the response time has passed");
    }

    @Test
    void addedAndRemovedItemsAreListedByTheirIdentity() {
        String edited = shipped.replace("id: ops-leader", "id: operations-leader")
                .replace("[ops-leader", "[operations-leader").replace(": ops-leader\n", ": operations-leader\n")
                .replace("  - id: fit-score\n", "  - id: lead-score\n");

        // The intake sources map their senders' values onto persona ids, so the rename shows there too.
        assertThat(AgreementChanges.between(original, parse(edited))).containsExactlyInAnyOrder(
                "Persona `operations-leader` (Operations leader) added",
                "Persona `ops-leader` (Operations leader) removed",
                "Glossary term `lead-score` (Fit score) added",
                "Glossary term `fit-score` (Fit score) removed",
                "Intake source `hubspot` — lead — field “persona” — value mapped “persona_1”: ops-leader → "
                        + "operations-leader",
                "Intake source `marketo` — lead — field “persona” — value mapped “Operations Leader”: ops-leader → "
                        + "operations-leader",
                "Intake source `salesforce` — lead — field “persona” — value mapped “Operations Leader”: ops-leader → "
                        + "operations-leader");
    }

    @Test
    void theCrmSectionsReadInWordsToo() {
        String crm = """

                webhooks:
                  - name: revops
                    url: https://hooks.example.com/handshake
                    events: [accepted, rejected]
                    secret_env: REVOPS_SECRET
                    retry_hours: 0.5
                    timeout_seconds: 5
                hubspot:
                  on:
                    accepted:
                      properties: {hs_lead_status: IN_PROGRESS}
                      owner: actor
                """;
        String edited = crm.replace("events: [accepted, rejected]", "events: [accepted, rejected, reopened]")
                .replace("retry_hours: 0.5", "retry_hours: 2").replace("timeout_seconds: 5", "timeout_seconds: 10")
                .replace("hs_lead_status: IN_PROGRESS", "hs_lead_status: OPEN_DEAL").replace("owner: actor", "owner: assignee")
                .replace("      owner: assignee\n", "      owner: assignee\n    rejected:\n      note: true\n");

        assertThat(AgreementChanges.between(parse(shipped + crm), parse(shipped + edited))).containsExactlyInAnyOrder(
                "Webhook `revops` — events: added reopened",
                "Webhook `revops` — retried for: 30 minutes → 2 hours",
                "Webhook `revops` — timeout: 5 seconds → 10 seconds",
                "HubSpot writer — update on “accepted” — property “hs_lead_status”: IN_PROGRESS → OPEN_DEAL",
                "HubSpot writer — update on “accepted” — owner from: the person who acted → the handoff's assignee",
                "HubSpot writer — update on “rejected” added: no properties, no owner change, adds a note");
        assertThat(AgreementChanges.between(parse(shipped + crm), parse(shipped))).containsExactly(
                "Webhook `revops` removed",
                "HubSpot writer: updates on accepted for the contacts of hubspot, retried for 72 hours → none");
    }

    /** The first change of the leaf that still passes the checks; every leaf must have one. */
    private static Mutation firstValid(JsonPointer leaf) throws Exception {
        List<String> tried = new ArrayList<>();
        for (Mutation candidate : candidates(leaf)) {
            try {
                parse(YAML.writeValueAsString(candidate.tree()));
                return candidate;
            } catch (InvalidAgreementException e) {
                tried.add(candidate.description() + ": " + e.problems().get(0).message());
            }
        }
        return fail("no change of " + leaf + " passes the checks; tried " + tried);
    }

    private static List<Mutation> candidates(JsonPointer leaf) {
        JsonNode node = tree.at(leaf);
        String key = key(leaf);
        String text = node.asText();
        List<Mutation> candidates = new ArrayList<>();
        if (node.isBoolean()) {
            candidates.add(set(leaf, BooleanNode.valueOf(!node.booleanValue()), words(node.booleanValue()),
                    words(!node.booleanValue())));
            return candidates;
        }
        if (node.isIntegralNumber()) {
            long next = node.longValue() + 1;
            candidates.add(set(leaf, IntNode.valueOf((int) next), number(key, node.longValue()), number(key, next)));
            return candidates;
        }
        Map<String, String> choices = CHOICES.get(key);
        if (choices != null) {
            assertThat(choices).as("the words for %s", leaf).containsKey(text);
            choices.keySet().stream().sorted().filter(choice -> !choice.equals(text)).forEach(choice -> candidates.add(
                    set(leaf, TextNode.valueOf(choice), choices.get(text), choices.get(choice))));
        }
        if (key.equals("metric")) {
            // A KPI whose target only fits its own metric can still stop being measured.
            JsonNode copy = tree.deepCopy();
            ((ObjectNode) copy.at(leaf.head())).remove(key);
            candidates.add(new Mutation(leaf + " removed", copy, List.of(text), List.of("none")));
        }
        if (key.equals("next") || key.equals("stage")) {
            String quote = key.equals("stage") ? "`" : "";
            ids("/stages").stream().filter(id -> !id.equals(text)).forEach(id ->
                    candidates.add(set(leaf, TextNode.valueOf(id), quote + text + quote, quote + id + quote)));
        }
        if (key.equals("kpi")) {
            ids("/goals/kpis").stream().filter(id -> !id.equals(text)).forEach(id ->
                    candidates.add(set(leaf, TextNode.valueOf(id), name("/goals/kpis", text), name("/goals/kpis", id))));
        }
        if (leaf.toString().matches("/stages/\\d+/personas/\\d+")) {
            ids("/personas").stream().filter(id -> !id.equals(text)).forEach(id ->
                    candidates.add(set(leaf, TextNode.valueOf(id), name("/personas", text), name("/personas", id))));
        }
        if (key.equals("period")) {
            GoalPeriod period = GoalPeriod.parse(text).orElseThrow();
            candidates.add(set(leaf, TextNode.valueOf(period.next().label()), period.inWords(),
                    period.next().inWords()));
        }
        if (text.matches("\\d{4}-\\d{2}-\\d{2}")) {
            LocalDate date = LocalDate.parse(text);
            for (int days = 1; days <= 3; days++) {
                candidates.add(set(leaf, TextNode.valueOf(date.plusDays(days).toString()), SHOWN_DATE.format(date),
                        SHOWN_DATE.format(date.plusDays(days))));
            }
        }
        if (text.matches("\\d{2}:\\d{2}")) {
            String later = LocalTime.parse(text).plusMinutes(15).toString();
            candidates.add(set(leaf, TextNode.valueOf(later), text, later));
        }
        if (text.matches("\\d+%")) {
            String more = (Integer.parseInt(text.substring(0, text.length() - 1)) + 1) + "%";
            candidates.add(set(leaf, TextNode.valueOf(more), text, more));
        }
        Matcher digits = NUMBER.matcher(text);
        if (digits.find() && !text.matches("[A-Z][A-Z0-9]+")) {
            String changed = text.substring(0, digits.start()) + (Long.parseLong(digits.group()) + 1)
                    + text.substring(digits.end());
            candidates.add(set(leaf, TextNode.valueOf(changed), text, changed));
        }
        candidates.add(set(leaf, TextNode.valueOf(text + " (edited)"), text, text + " (edited)"));
        // An id or a Slack id: renamed wherever it is used, so every reference still holds.
        for (String renamed : List.of(text + "-x", text + "X")) {
            candidates.add(new Mutation(leaf + " renamed to " + renamed, renamed(text, renamed), List.of(text),
                    List.of(renamed)));
        }
        return candidates;
    }

    /** How the report words a whole number of this key. */
    private static String number(String key, long value) {
        String n = NumberFormat.getIntegerInstance(Locale.ENGLISH).format(value);
        return switch (key) {
            case "response_hours", "first_contact_hours", "rejection_followup_hours" -> n + " business hours";
            case "window_percent" -> n + "%";
            case "follow_up_days" -> n + " days";
            case "max_times" -> n + " times";
            default -> n;
        };
    }

    private static String words(boolean flag) {
        return flag ? "yes" : "no";
    }

    private static Mutation set(JsonPointer leaf, JsonNode value, String oldWords, String newWords) {
        JsonNode copy = tree.deepCopy();
        JsonNode parent = copy.at(leaf.head());
        String last = leaf.last().getMatchingProperty();
        if (parent instanceof ArrayNode array) {
            array.set(leaf.last().getMatchingIndex(), value);
        } else {
            ((ObjectNode) parent).set(last, value);
        }
        return new Mutation(leaf + " = " + value, copy, List.of(oldWords), List.of(newWords));
    }

    private static JsonNode renamed(String from, String to) {
        JsonNode copy = tree.deepCopy();
        walk(copy, (container) -> {
            if (container instanceof ObjectNode object) {
                object.fieldNames().forEachRemaining(name -> {
                    if (object.get(name).isTextual() && object.get(name).asText().equals(from)) {
                        object.put(name, to);
                    }
                });
            } else if (container instanceof ArrayNode array) {
                for (int i = 0; i < array.size(); i++) {
                    if (array.get(i).isTextual() && array.get(i).asText().equals(from)) {
                        array.set(i, TextNode.valueOf(to));
                    }
                }
            }
        });
        return copy;
    }

    private static void walk(JsonNode node, Consumer<JsonNode> containers) {
        if (node.isContainerNode()) {
            containers.accept(node);
            node.forEach(child -> walk(child, containers));
        }
    }

    private static List<String> ids(String list) {
        List<String> ids = new ArrayList<>();
        tree.at(list).forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }

    private static String name(String list, String id) {
        for (JsonNode item : tree.at(list)) {
            if (item.path("id").asText().equals(id)) {
                return item.path("name").asText();
            }
        }
        return fail("no " + id + " in " + list);
    }

    private static String key(JsonPointer leaf) {
        JsonPointer last = leaf.last();
        if (last.mayMatchElement()) {
            return leaf.head().last().getMatchingProperty();
        }
        return last.getMatchingProperty();
    }

    private static void leaves(JsonNode node, JsonPointer at, List<JsonPointer> out) {
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(name -> leaves(node.get(name), at.appendProperty(name), out));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                leaves(node.get(i), at.appendIndex(i), out);
            }
        } else {
            out.add(at);
        }
    }
}
