package dev.handshake.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The Block Kit limits Slack enforces on what an app sends (block counts, text lengths, ids), reported as Slack's
 * {@code response_metadata.messages} do: {@code [ERROR] <problem> [json-pointer:/blocks/0/text/text]}.
 */
final class BlockChecks {

    static final int MESSAGE_BLOCKS = 50;
    static final int VIEW_BLOCKS = 100;
    static final int SECTION_TEXT = 3000;
    static final int HEADER_TEXT = 150;
    static final int SECTION_FIELDS = 10;
    static final int FIELD_TEXT = 2000;
    static final int BUTTON_TEXT = 75;
    static final int BUTTON_VALUE = 2000;
    static final int ACTION_ELEMENTS = 25;
    static final int CONTEXT_ELEMENTS = 10;
    static final int ID_LENGTH = 255;
    static final int VIEW_TITLE = 24;
    static final int PRIVATE_METADATA = 3000;
    static final int MESSAGE_TEXT = 40_000;

    private BlockChecks() {}

    /** Problems with a message's blocks; empty when Slack would take them. */
    static List<String> message(JsonNode blocks) {
        return blocks(blocks, MESSAGE_BLOCKS, "/blocks");
    }

    /** Problems with a view; empty when Slack would take it. */
    static List<String> view(JsonNode view, String expectedType) {
        List<String> problems = new ArrayList<>();
        if (view == null || !view.isObject()) {
            problems.add("[ERROR] must be an object [json-pointer:/view]");
            return problems;
        }
        String type = view.path("type").asText("");
        if (!type.equals(expectedType)) {
            problems.add("[ERROR] must be " + expectedType + " [json-pointer:/view/type]");
        }
        if (type.equals("modal")) {
            text(view.get("title"), VIEW_TITLE, "/view/title", true, problems);
            text(view.get("submit"), VIEW_TITLE, "/view/submit", false, problems);
            text(view.get("close"), VIEW_TITLE, "/view/close", false, problems);
        }
        length(view.get("private_metadata"), PRIVATE_METADATA, "/view/private_metadata", problems);
        length(view.get("callback_id"), ID_LENGTH, "/view/callback_id", problems);
        JsonNode blocks = view.get("blocks");
        if (blocks == null) {
            problems.add("[ERROR] missing required field: blocks [json-pointer:/view]");
        } else {
            problems.addAll(blocks(blocks, VIEW_BLOCKS, "/view/blocks"));
        }
        return problems;
    }

    private static List<String> blocks(JsonNode blocks, int max, String pointer) {
        List<String> problems = new ArrayList<>();
        if (blocks == null || !blocks.isArray()) {
            problems.add("[ERROR] must be an array [json-pointer:" + pointer + "]");
            return problems;
        }
        if (blocks.size() > max) {
            problems.add("[ERROR] no more than " + max + " items allowed [json-pointer:" + pointer + "]");
        }
        for (int i = 0; i < blocks.size(); i++) {
            block(blocks.get(i), pointer + "/" + i, problems);
        }
        return problems;
    }

    private static void block(JsonNode block, String at, List<String> problems) {
        length(block.get("block_id"), ID_LENGTH, at + "/block_id", problems);
        switch (block.path("type").asText("")) {
            case "section" -> {
                text(block.get("text"), SECTION_TEXT, at + "/text", false, problems);
                JsonNode fields = block.get("fields");
                if (fields != null && fields.size() > SECTION_FIELDS) {
                    problems.add("[ERROR] no more than " + SECTION_FIELDS + " items allowed [json-pointer:" + at
                            + "/fields]");
                }
                if (fields != null) {
                    for (int i = 0; i < fields.size(); i++) {
                        text(fields.get(i), FIELD_TEXT, at + "/fields/" + i, true, problems);
                    }
                }
                if (block.get("text") == null && fields == null) {
                    problems.add("[ERROR] must provide either text or fields [json-pointer:" + at + "]");
                }
                if (block.has("accessory")) {
                    element(block.get("accessory"), at + "/accessory", problems);
                }
            }
            case "header" -> text(block.get("text"), HEADER_TEXT, at + "/text", true, problems);
            case "context" -> {
                JsonNode elements = block.path("elements");
                if (elements.size() > CONTEXT_ELEMENTS) {
                    problems.add("[ERROR] no more than " + CONTEXT_ELEMENTS + " items allowed [json-pointer:" + at
                            + "/elements]");
                }
            }
            case "actions" -> {
                JsonNode elements = block.path("elements");
                if (elements.size() > ACTION_ELEMENTS) {
                    problems.add("[ERROR] no more than " + ACTION_ELEMENTS + " items allowed [json-pointer:" + at
                            + "/elements]");
                }
                for (int i = 0; i < elements.size(); i++) {
                    element(elements.get(i), at + "/elements/" + i, problems);
                }
            }
            case "input" -> text(block.get("label"), 2000, at + "/label", true, problems);
            case "divider", "image", "rich_text", "file", "video" -> {
                // Nothing the app sends could break their limits.
            }
            default -> problems.add("[ERROR] unsupported type: " + block.path("type").asText("(none)")
                    + " [json-pointer:" + at + "/type]");
        }
    }

    private static void element(JsonNode element, String at, List<String> problems) {
        length(element.get("action_id"), ID_LENGTH, at + "/action_id", problems);
        if ("button".equals(element.path("type").asText())) {
            text(element.get("text"), BUTTON_TEXT, at + "/text", true, problems);
            length(element.get("value"), BUTTON_VALUE, at + "/value", problems);
        }
    }

    private static void text(JsonNode text, int max, String at, boolean required, List<String> problems) {
        if (text == null || text.isNull()) {
            if (required) {
                problems.add("[ERROR] missing required field: text [json-pointer:" + at + "]");
            }
            return;
        }
        String value = text.path("text").asText("");
        if (value.isEmpty()) {
            problems.add("[ERROR] must be more than 0 characters [json-pointer:" + at + "/text]");
        }
        length(text.get("text"), max, at + "/text", problems);
    }

    private static void length(JsonNode value, int max, String at, List<String> problems) {
        if (value != null && value.isTextual() && value.asText().codePointCount(0, value.asText().length()) > max) {
            problems.add("[ERROR] must be less than " + (max + 1) + " characters [json-pointer:" + at + "]");
        }
    }
}
