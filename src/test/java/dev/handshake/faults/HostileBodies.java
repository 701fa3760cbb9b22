package dev.handshake.faults;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handshake.handoff.HandoffActions;
import dev.handshake.review.ReviewActions;
import dev.handshake.testing.FakeSlack;
import dev.handshake.testing.SlackClient;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A small structured fuzzer: every input is a pure function of (seed, index), made from a valid body of one of the
 * app's endpoints and then, most of the time, broken: its JSON tree mutated (wrong types, missing, unknown and
 * duplicate fields, deep nesting, huge strings), its bytes mutated (truncated, flipped, invalid UTF-8, NUL), or sent
 * with the wrong content type. Valid bodies carry hostile text, so those the app accepts test escaping end to end.
 */
final class HostileBodies {

    /** Where an input goes. */
    enum Target {
        HANDOFFS("/handoffs"),
        STAGE_EVENTS("/stage-events"),
        SLACK("/slack/events");

        final String path;

        Target(String path) {
            this.path = path;
        }
    }

    /**
     * One request: where, what kind (for the figures and to replay it), its content type (null: none), its bytes,
     * whether to send it chunked (no Content-Length), and for Slack whether to sign it.
     */
    record Input(int index, Target target, String kind, String contentType, byte[] body, boolean chunked,
            boolean signed) {}

    static final int JSON_LIMIT = 64 * 1024;
    static final int REQUEST_LIMIT = 1024 * 1024;

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectMapper ASCII = new ObjectMapper()
            .enable(JsonGenerator.Feature.ESCAPE_NON_ASCII);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String JSON = "application/json";
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final List<String> WRONG_TYPES = List.of("text/plain", FORM, "multipart/form-data; boundary=x",
            "application/xml", "application/json-patch+json", "application/json; charset=utf-16", "*/*", "",
            "application/x-www-form-urlencoded; charset=iso-8859-1", "text/html; charset=<!here>");
    private static final List<String> ACTIONS = List.of("handoff_accept", "handoff_reject", "handoff_recycle",
            "handoff_contest", "handoff_contacted", "review_done", "review_snooze", "agreement_acknowledge",
            "unknown_action", "");
    private static final List<String> USERS = List.of("U0HOSTA001", "U0HOSTA002", "U05SDRAVA01", "U05SDRBEN02");
    private static final List<String> SLA_TEXTS = List.of("", "help", "mql", "MQL share", "stages", "personas",
            "goals", "terms", "stats", "stats last quarter", "stats 30d", "stats 2026-Q3", "away", "back",
            "away 2026-12-24", "stats 2026-10-01..2026-12-31", "glossary", "sql", "persona ops-leader");
    private static final List<String> CRITERIA = List.of("Fit score 60 or more", "Visited the pricing page");

    private final long seed;
    private final List<Long> handoffIds;
    private final String reviewPeriod;
    private final FakeSlack slack;

    /**
     * {@code handoffIds}: handoffs that exist, for clicks and modals to act on; {@code reviewPeriod}: a review that
     * exists; {@code slack}: serves the response URLs, so what the app answers there is recorded.
     */
    HostileBodies(long seed, List<Long> handoffIds, String reviewPeriod, FakeSlack slack) {
        this.seed = seed;
        this.handoffIds = List.copyOf(handoffIds);
        this.reviewPeriod = reviewPeriod;
        this.slack = slack;
    }

    /** The random source of input {@code index}: the same input whatever thread or order makes it. */
    Random random(int index) {
        long mixed = seed * 0x9E3779B97F4A7C15L + index * 0xBF58476D1CE4E5B9L;
        return new Random(mixed ^ (mixed >>> 31));
    }

    Input input(int index) {
        Random r = random(index);
        int roll = r.nextInt(100);
        if (roll < 35) {
            return json(index, r, Target.HANDOFFS);
        }
        if (roll < 55) {
            return json(index, r, Target.STAGE_EVENTS);
        }
        return slack(index, r);
    }

    // ---- valid bodies with hostile text

    /** A handoff that passes every rule, with hostile text in each text field. */
    ObjectNode hostileHandoff(Random r, String id) {
        ObjectNode body = NODES.objectNode();
        body.put("id", id);
        body.put("stage", "mql");
        ObjectNode lead = body.putObject("lead");
        lead.put("name", Hostile.validText(r, 200));
        if (r.nextInt(4) > 0) {
            lead.put("email", r.nextBoolean() ? "lead" + r.nextInt(1000) + "@example.com"
                    : Hostile.validText(r, 60).replace("@", "").replaceAll("\\s", "") + "@evil.example");
        }
        putMaybe(r, lead, "title", Hostile.validText(r, 200));
        putMaybe(r, lead, "company", Hostile.validText(r, 200));
        if (r.nextBoolean()) {
            lead.put("persona", r.nextBoolean() ? "ops-leader" : "finance-lead");
        }
        if (r.nextBoolean()) {
            lead.put("score", r.nextInt(201) - 50);
        }
        putMaybe(r, lead, "source", Hostile.validText(r, 200));
        if (r.nextBoolean()) {
            lead.put("crm_url", r.nextBoolean() ? "https://crm.example/contacts/" + Hostile.validText(r, 100)
                    : "http://evil.example/a?b=1&c=<!here>|click>");
        }
        if (r.nextInt(3) > 0) {
            body.put("assignee", USERS.get(r.nextInt(USERS.size())));
        }
        putMaybe(r, body, "note", Hostile.validText(r, 3000));
        if (r.nextBoolean()) {
            ArrayNode criteria = body.putArray("criteria_met");
            for (int i = r.nextInt(4); i > 0; i--) {
                criteria.add(r.nextBoolean() ? CRITERIA.get(r.nextInt(2)) : Hostile.validText(r, 300));
            }
        }
        return body;
    }

    private ObjectNode hostileStageEvent(Random r, int index) {
        ObjectNode event = NODES.objectNode();
        event.put("lead_id", r.nextBoolean() ? "lead-" + index + "-" + r.nextInt(1000) + "@example.com"
                : Hostile.validText(r, 200));
        event.put("stage", r.nextBoolean() ? "lead" : "mql");
        event.put("at", Instant.parse("2026-10-01T00:00:00Z").plusSeconds(r.nextInt(5_000_000)).toString());
        return event;
    }

    private JsonNode validJson(Random r, int index, Target target) {
        if (target == Target.HANDOFFS) {
            return hostileHandoff(r, "fz-" + seed + "-" + index + "-" + Hostile.text(r, 20));
        }
        if (r.nextInt(4) > 0) {
            return hostileStageEvent(r, index);
        }
        ArrayNode batch = NODES.arrayNode();
        for (int i = 1 + r.nextInt(r.nextInt(10) == 0 ? 1001 : 20); i > 0; i--) {
            batch.add(hostileStageEvent(r, index * 2000 + i));
        }
        return batch;
    }

    // ---- the two JSON webhooks

    private Input json(int index, Random r, Target target) {
        JsonNode valid = validJson(r, index, target);
        int roll = r.nextInt(100);
        String kind;
        byte[] body;
        String type = JSON;
        boolean chunked = false;
        if (roll < 15) {
            kind = "valid";
            body = write(valid, r.nextInt(5) == 0);
        } else if (roll < 50) {
            kind = "tree";
            body = write(mutateTree(r, valid.deepCopy(), 1 + r.nextInt(3)), r.nextInt(5) == 0);
        } else if (roll < 80) {
            kind = "bytes";
            body = mutateBytes(r, write(valid, false), 1 + r.nextInt(3));
        } else if (roll < 88) {
            kind = "special";
            byte[][] specials = specials(r);
            body = specials[r.nextInt(specials.length)];
            chunked = r.nextInt(4) == 0;
        } else if (roll < 94) {
            kind = "content-type";
            body = write(valid, false);
            type = r.nextInt(8) == 0 ? null : WRONG_TYPES.get(r.nextInt(WRONG_TYPES.size()));
        } else {
            kind = "text";
            body = mutateText(r, new String(write(valid, false), StandardCharsets.UTF_8));
        }
        return new Input(index, target, kind, type, body, chunked, false);
    }

    /** Bodies no mutation of a small valid one reaches: deep, huge, odd roots and encodings. */
    private byte[][] specials(Random r) {
        String deepArrays = "[".repeat(10_000) + "]".repeat(10_000);
        String deepObjects = "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000);
        String nearLimit = "{\"id\":\"x\",\"stage\":\"mql\",\"lead\":{\"name\":\""
                + "n".repeat(JSON_LIMIT - 60) + "\"}}";
        return new byte[][] {
            deepArrays.getBytes(StandardCharsets.US_ASCII),
            ("{\"id\":\"d\",\"stage\":\"mql\",\"lead\":" + deepObjects + "}").getBytes(StandardCharsets.US_ASCII),
            nearLimit.getBytes(StandardCharsets.US_ASCII),
            pad("{\"id\":\"over\",\"note\":\"", JSON_LIMIT + 1, "\"}"),
            pad("{\"id\":\"way-over\",\"note\":\"", REQUEST_LIMIT + 1 + r.nextInt(1000), "\"}"),
            new byte[0],
            "null".getBytes(StandardCharsets.US_ASCII),
            "\"<!channel>\"".getBytes(StandardCharsets.US_ASCII),
            "12345678901234567890123456789012345678901234567890".getBytes(StandardCharsets.US_ASCII),
            "[]".getBytes(StandardCharsets.US_ASCII),
            "{}".getBytes(StandardCharsets.US_ASCII),
            ("{\"id\":\"n\",\"stage\":\"mql\",\"lead\":{\"name\":\"a\",\"score\":1" + "0".repeat(400) + "}}")
                    .getBytes(StandardCharsets.US_ASCII),
            ("\ufeff{\"id\":\"bom\",\"stage\":\"mql\",\"lead\":{\"name\":\"a\"}}").getBytes(StandardCharsets.UTF_8),
            "{\"id\":\"utf16\",\"stage\":\"mql\",\"lead\":{\"name\":\"a\"}}".getBytes(StandardCharsets.UTF_16),
            "{\"id\":\"x\"} {\"id\":\"y\"}".getBytes(StandardCharsets.US_ASCII),
            "{\"id\":\"x\",}".getBytes(StandardCharsets.US_ASCII),
            "{'id':'single'}".getBytes(StandardCharsets.US_ASCII),
            "{\"id\":\"x\" /* c */}".getBytes(StandardCharsets.US_ASCII),
            "{\"lead_id\":NaN,\"stage\":Infinity}".getBytes(StandardCharsets.US_ASCII),
            ("[" + "{\"lead_id\":\"a\",\"stage\":\"lead\",\"at\":\"2026-10-01T00:00:00Z\"},".repeat(1000)
                    + "{\"lead_id\":\"b\",\"stage\":\"lead\",\"at\":\"2026-10-01T00:00:00Z\"}]")
                    .getBytes(StandardCharsets.US_ASCII),
            "{\"id\":\"\\ud800\",\"stage\":\"mql\",\"lead\":{\"name\":\"\\udfff\\u0000\"}}"
                    .getBytes(StandardCharsets.US_ASCII),
            new byte[] {'{', '"', 'i', 'd', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'},
            new byte[] {(byte) 0xFF, (byte) 0xFE, (byte) 0xFD},
        };
    }

    private static byte[] pad(String head, int size, String tail) {
        byte[] out = new byte[size];
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        byte[] t = tail.getBytes(StandardCharsets.US_ASCII);
        java.util.Arrays.fill(out, (byte) 'x');
        System.arraycopy(h, 0, out, 0, h.length);
        System.arraycopy(t, 0, out, size - t.length, t.length);
        return out;
    }

    // ---- Slack

    private Input slack(int index, Random r) {
        int roll = r.nextInt(100);
        String kind;
        String type;
        byte[] body;
        if (roll < 35) {
            kind = "slash";
            type = FORM;
            body = form(r, slashCommand(r));
        } else if (roll < 62) {
            kind = "block_actions";
            type = FORM;
            body = interaction(r, blockAction(r));
        } else if (roll < 80) {
            kind = "view_submission";
            type = FORM;
            body = interaction(r, viewSubmission(r));
        } else if (roll < 93) {
            kind = "event";
            type = JSON;
            JsonNode event = event(r);
            body = r.nextInt(3) == 0 ? mutateBytes(r, write(event, false), 1 + r.nextInt(2))
                    : write(r.nextBoolean() ? mutateTree(r, event, 1 + r.nextInt(2)) : event, r.nextInt(4) == 0);
        } else {
            kind = "slack-special";
            type = r.nextBoolean() ? FORM : r.nextBoolean() ? JSON : WRONG_TYPES.get(r.nextInt(WRONG_TYPES.size()));
            byte[][] specials = slackSpecials(r);
            body = specials[r.nextInt(specials.length)];
        }
        boolean signed = r.nextInt(100) > 0;
        return new Input(index, Target.SLACK, kind, type, body, false, signed);
    }

    private Map<String, String> slashCommand(Random r) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token", SlackClient.VERIFICATION_TOKEN);
        form.put("team_id", FakeSlack.TEAM_ID);
        form.put("team_domain", FakeSlack.TEAM_DOMAIN);
        form.put("channel_id", r.nextInt(10) == 0 ? Hostile.text(r, 40) : "C0FUZZ0001");
        form.put("channel_name", r.nextInt(10) == 0 ? Hostile.text(r, 40) : "general");
        form.put("user_id", user(r));
        form.put("user_name", r.nextInt(5) == 0 ? Hostile.text(r, 40) : "fuzzer");
        form.put("command", r.nextInt(20) == 0 ? Hostile.text(r, 20) : "/sla");
        String known = SLA_TEXTS.get(r.nextInt(SLA_TEXTS.size()));
        String text = switch (r.nextInt(4)) {
            case 0 -> known;
            case 1 -> Hostile.text(r, 300);
            case 2 -> known + " " + Hostile.text(r, 100);
            default -> r.nextInt(50) == 0 ? "x".repeat(REQUEST_LIMIT - 500 + r.nextInt(1000)) : Hostile.text(r, 4000);
        };
        // Exports upload a file per request; a few are enough.
        form.put("text", text.startsWith("export") ? "help" : text);
        form.put("api_app_id", FakeSlack.APP_ID);
        form.put("is_enterprise_install", "false");
        form.put("response_url", slack.responseUrl("fuzz-" + r.nextInt(1_000_000)));
        form.put("trigger_id", "13345224609.738474920.8088930838d88f008e0");
        return mutateForm(r, form);
    }

    private JsonNode blockAction(Random r) {
        ObjectNode payload = NODES.objectNode().put("type", "block_actions");
        payload.set("user", userNode(r));
        payload.put("api_app_id", FakeSlack.APP_ID).put("token", SlackClient.VERIFICATION_TOKEN);
        payload.putObject("container").put("type", "message").put("message_ts", "1764300000.000100")
                .put("channel_id", "C0FUZZ0001").put("is_ephemeral", false);
        payload.put("trigger_id", "13345224609.738474920.8088930838d88f008e0");
        payload.putObject("team").put("id", FakeSlack.TEAM_ID).put("domain", FakeSlack.TEAM_DOMAIN);
        payload.putObject("channel").put("id", "C0FUZZ0001").put("name", "general");
        payload.putObject("message").put("type", "message").put("ts", "1764300000.000100")
                .put("text", Hostile.text(r, 100)).putArray("blocks");
        payload.putObject("state").putObject("values");
        if (r.nextInt(4) > 0) {
            payload.put("response_url", slack.responseUrl("fuzz-" + r.nextInt(1_000_000)));
        }
        ObjectNode action = payload.putArray("actions").addObject()
                .put("action_id", r.nextInt(10) == 0 ? Hostile.text(r, 40) : ACTIONS.get(r.nextInt(ACTIONS.size())))
                .put("block_id", r.nextInt(10) == 0 ? Hostile.text(r, 40) : "b1");
        action.putObject("text").put("type", "plain_text").put("text", "Accept");
        action.put("value", actionValue(r));
        action.put("type", "button").put("action_ts", "1764300000.000200");
        return r.nextInt(3) == 0 ? mutateTree(r, payload, 1 + r.nextInt(3)) : payload;
    }

    private String actionValue(Random r) {
        return switch (r.nextInt(6)) {
            case 0, 1 -> handoffIds.isEmpty() ? "1" : Long.toString(handoffIds.get(r.nextInt(handoffIds.size())));
            case 2 -> reviewPeriod;
            case 3 -> List.of("-1", "0", "9223372036854775807", "99999999999999999999", "00000000000000000001",
                    " 1", "1e3", "0x10", "", "١٢").get(r.nextInt(10));
            default -> Hostile.text(r, 100);
        };
    }

    private JsonNode viewSubmission(Random r) {
        ObjectNode payload = NODES.objectNode().put("type", "view_submission");
        payload.putObject("team").put("id", FakeSlack.TEAM_ID).put("domain", FakeSlack.TEAM_DOMAIN);
        payload.set("user", userNode(r));
        payload.put("api_app_id", FakeSlack.APP_ID).put("token", SlackClient.VERIFICATION_TOKEN);
        payload.put("trigger_id", "13345224609.738474920.8088930838d88f008e0");
        boolean review = r.nextInt(4) == 0;
        ObjectNode view = payload.putObject("view").put("id", "V0FUZZ0001").put("team_id", FakeSlack.TEAM_ID)
                .put("type", "modal");
        view.putArray("blocks");
        view.put("callback_id", r.nextInt(10) == 0 ? Hostile.text(r, 40)
                : review ? ReviewActions.MODAL : HandoffActions.REJECT_MODAL);
        view.put("private_metadata", review ? (r.nextBoolean() ? reviewPeriod : Hostile.text(r, 30))
                : actionValue(r));
        ObjectNode values = view.putObject("state").putObject("values");
        if (review) {
            values.putObject(ReviewActions.OUTCOME_BLOCK).set(ReviewActions.OUTCOME_ACTION,
                    select(r, List.of("keep", "change", "<!here>")));
            values.putObject(ReviewActions.NOTES_BLOCK).putObject(ReviewActions.NOTES_ACTION).put("type", "plain_text_input")
                    .put("value", Hostile.text(r, r.nextInt(10) == 0 ? 5000 : 1000));
        } else {
            values.putObject(HandoffActions.REASON_BLOCK).set(HandoffActions.REASON_ACTION,
                    select(r, List.of("r0", "r3", "c0", "c9", "o", "")));
            values.putObject(HandoffActions.COMMENT_BLOCK).putObject(HandoffActions.COMMENT_ACTION).put("type", "plain_text_input")
                    .put("value", Hostile.text(r, r.nextInt(10) == 0 ? 600 : 480));
        }
        view.put("hash", "1764300000.abcd").put("app_id", FakeSlack.APP_ID);
        payload.putArray("response_urls");
        return r.nextInt(3) == 0 ? mutateTree(r, payload, 1 + r.nextInt(3)) : payload;
    }

    private static ObjectNode select(Random r, List<String> values) {
        ObjectNode select = NODES.objectNode().put("type", "static_select");
        String value = r.nextInt(5) == 0 ? Hostile.text(r, 20) : values.get(r.nextInt(values.size()));
        select.putObject("selected_option").put("value", value).putObject("text").put("type", "plain_text")
                .put("text", "x");
        return select;
    }

    private JsonNode event(Random r) {
        ObjectNode envelope = NODES.objectNode().put("token", SlackClient.VERIFICATION_TOKEN)
                .put("team_id", FakeSlack.TEAM_ID).put("api_app_id", FakeSlack.APP_ID);
        int kind = r.nextInt(10);
        if (kind == 0) {
            return NODES.objectNode().put("token", SlackClient.VERIFICATION_TOKEN)
                    .put("challenge", Hostile.text(r, 100)).put("type", "url_verification");
        }
        ObjectNode event = envelope.putObject("event");
        event.put("type", kind < 7 ? "app_home_opened" : List.of("message", "app_mention", "<!here>").get(kind - 7));
        event.put("user", user(r));
        event.put("channel", "D0FUZZ0001");
        event.put("tab", r.nextInt(5) == 0 ? Hostile.text(r, 10) : "home");
        event.put("text", Hostile.text(r, 200));
        event.put("event_ts", "1764300000.000300");
        envelope.put("type", "event_callback").put("event_id", "Ev" + r.nextInt(1_000_000_000))
                .put("event_time", 1764300000);
        envelope.putArray("authorizations").addObject().put("team_id", FakeSlack.TEAM_ID)
                .put("user_id", FakeSlack.BOT_USER_ID).put("is_bot", true);
        return envelope;
    }

    private byte[][] slackSpecials(Random r) {
        return new byte[][] {
            new byte[0],
            "payload=".getBytes(StandardCharsets.US_ASCII),
            "payload=%7B".getBytes(StandardCharsets.US_ASCII),
            "payload=%zz%".getBytes(StandardCharsets.US_ASCII),
            "payload=%FF%FE%00".getBytes(StandardCharsets.US_ASCII),
            ("payload=" + URLEncoder.encode("[".repeat(10_000) + "]".repeat(10_000), StandardCharsets.UTF_8))
                    .getBytes(StandardCharsets.US_ASCII),
            ("payload=" + URLEncoder.encode("{\"type\":\"block_actions\",\"actions\":" + "[".repeat(10_000)
                    + "]".repeat(10_000) + "}", StandardCharsets.UTF_8)).getBytes(StandardCharsets.US_ASCII),
            "payload=null".getBytes(StandardCharsets.US_ASCII),
            "payload=%22<!here>%22".getBytes(StandardCharsets.US_ASCII),
            "payload=%7B%22type%22%3A%22view_submission%22%7D".getBytes(StandardCharsets.US_ASCII),
            "payload=%7B%22type%22%3A%22block_actions%22%2C%22actions%22%3A%5B%5D%7D"
                    .getBytes(StandardCharsets.US_ASCII),
            "ssl_check=1&token=x".getBytes(StandardCharsets.US_ASCII),
            "command=%2Fsla".getBytes(StandardCharsets.US_ASCII),
            "command=/sla&text=".getBytes(StandardCharsets.US_ASCII),
            "&&&==&=&".getBytes(StandardCharsets.US_ASCII),
            "{\"type\":\"event_callback\"}".getBytes(StandardCharsets.US_ASCII),
            "{\"type\":\"event_callback\",\"event\":null}".getBytes(StandardCharsets.US_ASCII),
            "{\"type\":\"url_verification\"}".getBytes(StandardCharsets.US_ASCII),
            "[\"type\",\"url_verification\"]".getBytes(StandardCharsets.US_ASCII),
            ("{\"type\":\"event_callback\",\"event\":" + "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_001))
                    .getBytes(StandardCharsets.US_ASCII),
            pad("command=/sla&text=", REQUEST_LIMIT + 1 + r.nextInt(1000), "x"),
            new byte[] {'p', 'a', 'y', 'l', 'o', 'a', 'd', '=', (byte) 0xC3, (byte) 0x28, (byte) 0xED, (byte) 0xA0,
                (byte) 0x80},
            new byte[] {'c', 'o', 'm', 'm', 'a', 'n', 'd', '=', '/', 's', 'l', 'a', '&', 't', 'e', 'x', 't', '=',
                (byte) 0xFF, 0, (byte) 0xC0, (byte) 0xAF},
        };
    }

    private String user(Random r) {
        return r.nextInt(8) == 0 ? Hostile.text(r, 30) : USERS.get(r.nextInt(USERS.size()));
    }

    private ObjectNode userNode(Random r) {
        String id = user(r);
        return NODES.objectNode().put("id", id).put("username", "fuzzer").put("name", "fuzzer")
                .put("team_id", FakeSlack.TEAM_ID);
    }

    private byte[] interaction(Random r, JsonNode payload) {
        byte[] json = r.nextInt(4) == 0 ? mutateBytes(r, write(payload, false), 1 + r.nextInt(2))
                : write(payload, r.nextInt(5) == 0);
        // Slack sends the payload URL-encoded as UTF-8; invalid bytes are encoded as they are.
        StringBuilder out = new StringBuilder("payload=");
        for (byte b : json) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || c == '.' || c == '*') {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private byte[] form(Random r, Map<String, String> fields) {
        StringBuilder out = new StringBuilder();
        fields.forEach((name, value) -> {
            if (!out.isEmpty()) {
                out.append('&');
            }
            out.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        });
        byte[] body = out.toString().getBytes(StandardCharsets.US_ASCII);
        return r.nextInt(6) == 0 ? mutateBytes(r, body, 1 + r.nextInt(2)) : body;
    }

    private Map<String, String> mutateForm(Random r, Map<String, String> form) {
        if (r.nextInt(4) > 0) {
            return form;
        }
        List<String> keys = new ArrayList<>(form.keySet());
        String key = keys.get(r.nextInt(keys.size()));
        switch (r.nextInt(4)) {
            case 0 -> form.remove(key);
            case 1 -> form.put(key, Hostile.text(r, 200));
            case 2 -> form.put(Hostile.text(r, 20), Hostile.text(r, 50));
            default -> form.put(key, "");
        }
        return form;
    }

    // ---- mutations

    /** Changes the tree {@code times} times at random places: types, removals, additions, nesting, sizes. */
    JsonNode mutateTree(Random r, JsonNode root, int times) {
        JsonNode current = root;
        for (int i = 0; i < times; i++) {
            List<JsonNode> containers = new ArrayList<>();
            containers(current, containers);
            if (containers.isEmpty()) {
                return wrongValue(r);
            }
            JsonNode target = containers.get(r.nextInt(containers.size()));
            if (target instanceof ObjectNode object) {
                List<String> names = new ArrayList<>();
                object.fieldNames().forEachRemaining(names::add);
                String name = names.isEmpty() ? "id" : names.get(r.nextInt(names.size()));
                switch (r.nextInt(5)) {
                    case 0 -> object.remove(name);
                    case 1 -> object.put(Hostile.text(r, 50), Hostile.text(r, 50));
                    default -> object.set(name, wrongValue(r));
                }
            } else if (target instanceof ArrayNode array) {
                if (array.isEmpty() || r.nextBoolean()) {
                    array.add(wrongValue(r));
                } else {
                    array.set(r.nextInt(array.size()), wrongValue(r));
                }
            }
            if (r.nextInt(20) == 0) {
                current = r.nextBoolean() ? NODES.arrayNode().add(current) : wrongValue(r);
            }
        }
        return current;
    }

    private static void containers(JsonNode node, List<JsonNode> out) {
        if (node.isContainerNode()) {
            out.add(node);
            for (Iterator<JsonNode> children = node.elements(); children.hasNext(); ) {
                containers(children.next(), out);
            }
        }
    }

    private static JsonNode wrongValue(Random r) {
        return switch (r.nextInt(16)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(r.nextBoolean());
            case 2 -> NODES.numberNode(r.nextLong());
            case 3 -> NODES.numberNode(r.nextDouble() * 1e300);
            case 4 -> NODES.numberNode(new java.math.BigInteger("9".repeat(1 + r.nextInt(60))));
            case 5 -> NODES.arrayNode().add(Hostile.text(r, 50)).add(1);
            case 6 -> NODES.objectNode().put("name", Hostile.text(r, 50));
            case 7 -> NODES.textNode("");
            case 8 -> NODES.textNode(" \t\n ");
            case 9 -> NODES.textNode("x".repeat(1 + r.nextInt(r.nextBoolean() ? 300 : 70_000)));
            case 10 -> NODES.textNode(Hostile.text(r, 201 + r.nextInt(3000)) + "y".repeat(r.nextInt(3001)));
            case 11 -> nested(r.nextInt(60));
            default -> NODES.textNode(Hostile.text(r, 200));
        };
    }

    private static JsonNode nested(int depth) {
        JsonNode node = NODES.textNode("deep");
        for (int i = 0; i < depth; i++) {
            node = i % 2 == 0 ? NODES.arrayNode().add(node) : NODES.objectNode().set("d", node);
        }
        return node;
    }

    /** Byte surgery: truncate, flip, insert invalid UTF-8 or control bytes, delete or repeat a range. */
    static byte[] mutateBytes(Random r, byte[] body, int times) {
        byte[] current = body;
        for (int i = 0; i < times; i++) {
            int at = current.length == 0 ? 0 : r.nextInt(current.length);
            current = switch (r.nextInt(7)) {
                case 0 -> java.util.Arrays.copyOf(current, at);
                case 1 -> {
                    byte[] flipped = current.clone();
                    if (flipped.length > 0) {
                        flipped[at] ^= (byte) (1 << r.nextInt(8));
                    }
                    yield flipped;
                }
                case 2 -> insert(current, at, List.of(
                        new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xA0, (byte) 0xA1},
                        new byte[] {(byte) 0xE2, 0x28, (byte) 0xA1}, new byte[] {(byte) 0xF0, 0x28, (byte) 0x8C, 0x28},
                        new byte[] {(byte) 0xC0, (byte) 0xAF}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                        new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80})
                        .get(r.nextInt(8)));
                case 3 -> insert(current, at, new byte[] {(byte) r.nextInt(32)});
                case 4 -> insert(current, at, "\",\"".getBytes(StandardCharsets.US_ASCII));
                case 5 -> {
                    int end = Math.min(current.length, at + 1 + r.nextInt(20));
                    byte[] out = new byte[current.length - (end - at)];
                    System.arraycopy(current, 0, out, 0, at);
                    System.arraycopy(current, end, out, at, current.length - end);
                    yield out;
                }
                default -> {
                    int end = Math.min(current.length, at + 1 + r.nextInt(40));
                    yield insert(current, at, java.util.Arrays.copyOfRange(current, at, end));
                }
            };
        }
        return current;
    }

    private static byte[] insert(byte[] body, int at, byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + bytes.length);
        out.write(body, 0, at);
        out.write(bytes, 0, bytes.length);
        out.write(body, at, body.length - at);
        return out.toByteArray();
    }

    /** Textual changes a tree cannot express: duplicate keys, comments, trailing commas, escaped surrogates. */
    private static byte[] mutateText(Random r, String json) {
        String out = switch (r.nextInt(6)) {
            case 0 -> json.replaceFirst("\\{", "{\"id\":\"dup-1\",");
            case 1 -> json.replaceFirst("\\{\"lead\":", "{\"lead\":{},\"lead\":").replaceFirst("\"stage\":",
                    "\"stage\":\"mql\",\"stage\":");
            case 2 -> json.replace("}", ",}");
            case 3 -> json.replaceFirst(":\"", ":\"\\\\ud83d");
            case 4 -> json.replaceFirst(":\"", ":\"\\\\udc00\\\\u0000\\\\u001f");
            default -> json.replaceFirst(":", ":/*c*/");
        };
        return out.getBytes(StandardCharsets.UTF_8);
    }

    // ---- plumbing

    private static void putMaybe(Random r, ObjectNode node, String field, String value) {
        if (r.nextBoolean()) {
            node.put(field, value);
        }
    }

    /** Compact JSON; {@code ascii} escapes every non-ASCII char ({@code \ud800} stays a lone surrogate escape). */
    static byte[] write(JsonNode node, boolean ascii) {
        try {
            return ascii ? ASCII.writeValueAsBytes(node) : MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            // A lone surrogate cannot be written as UTF-8 bytes; its escaped form can.
            try {
                return ASCII.writeValueAsBytes(node);
            } catch (JsonProcessingException again) {
                throw new IllegalStateException(again);
            }
        }
    }
}
