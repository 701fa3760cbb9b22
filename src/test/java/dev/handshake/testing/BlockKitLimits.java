package dev.handshake.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks blocks against the Block Kit limits Slack enforces, and reports problems the way Slack's
 * {@code response_metadata.messages} does: {@code [ERROR] <problem> [json-pointer:/blocks/0/text/text]}.
 */
public final class BlockKitLimits {

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

    private BlockKitLimits() {}

    /** Problems with a message's {@code blocks} JSON text; empty when Slack would accept them. */
    public static List<String> checkMessageBlocks(String blocksJson) {
        JsonNode blocks;
        try {
            blocks = Json.parse(blocksJson);
        } catch (IllegalArgumentException e) {
            return List.of("[ERROR] blocks is not valid JSON [json-pointer:/blocks]");
        }
        return checkBlocks(blocks, MESSAGE_BLOCKS, "/blocks");
    }

    /** Problems with a {@code view} JSON text; empty when Slack would accept it. */
    public static List<String> checkView(String viewJson) {
        JsonNode view;
        try {
            view = Json.parse(viewJson);
        } catch (IllegalArgumentException e) {
            return List.of("[ERROR] view is not valid JSON [json-pointer:/view]");
        }
        if (!view.isObject()) {
            return List.of("[ERROR] must be an object [json-pointer:/view]");
        }
        List<String> problems = new ArrayList<>();
        String type = view.path("type").asText("");
        if (!type.equals("modal") && !type.equals("home")) {
            problems.add("[ERROR] must be one of modal, home [json-pointer:/view/type]");
        }
        if (type.equals("modal")) {
            checkPlainText(view.get("title"), 1, VIEW_TITLE, "/view/title", true, problems);
            checkPlainText(view.get("submit"), 1, VIEW_TITLE, "/view/submit", false, problems);
            checkPlainText(view.get("close"), 1, VIEW_TITLE, "/view/close", false, problems);
        }
        checkMaxLength(view.get("private_metadata"), PRIVATE_METADATA, "/view/private_metadata", problems);
        checkMaxLength(view.get("callback_id"), ID_LENGTH, "/view/callback_id", problems);
        JsonNode blocks = view.get("blocks");
        if (blocks == null) {
            problems.add("[ERROR] missing required field: blocks [json-pointer:/view]");
        } else {
            problems.addAll(checkBlocks(blocks, VIEW_BLOCKS, "/view/blocks"));
        }
        return problems;
    }

    private static List<String> checkBlocks(JsonNode blocks, int maxBlocks, String pointer) {
        List<String> problems = new ArrayList<>();
        if (!blocks.isArray()) {
            problems.add("[ERROR] must be an array [json-pointer:" + pointer + "]");
            return problems;
        }
        if (blocks.size() > maxBlocks) {
            problems.add("[ERROR] no more than " + maxBlocks + " items allowed [json-pointer:" + pointer + "]");
        }
        Set<String> blockIds = new HashSet<>();
        for (int i = 0; i < blocks.size(); i++) {
            checkBlock(blocks.get(i), pointer + "/" + i, blockIds, problems);
        }
        return problems;
    }

    private static void checkBlock(JsonNode block, String at, Set<String> blockIds, List<String> problems) {
        if (!block.isObject() || !block.path("type").isTextual()) {
            problems.add("[ERROR] missing required field: type [json-pointer:" + at + "]");
            return;
        }
        JsonNode blockId = block.get("block_id");
        if (blockId != null) {
            checkMaxLength(blockId, ID_LENGTH, at + "/block_id", problems);
            if (!blockIds.add(blockId.asText())) {
                problems.add("[ERROR] duplicate block_id " + blockId.asText() + " [json-pointer:" + at + "/block_id]");
            }
        }
        switch (block.get("type").asText()) {
            case "section" -> checkSection(block, at, problems);
            case "header" -> checkPlainText(block.get("text"), 1, HEADER_TEXT, at + "/text", true, problems);
            case "actions" -> checkActions(block, at, problems);
            case "context" -> {
                JsonNode elements = block.get("elements");
                if (elements == null || !elements.isArray() || elements.isEmpty()) {
                    problems.add("[ERROR] missing required field: elements [json-pointer:" + at + "]");
                } else if (elements.size() > CONTEXT_ELEMENTS) {
                    problems.add("[ERROR] no more than " + CONTEXT_ELEMENTS + " items allowed [json-pointer:" + at
                            + "/elements]");
                }
            }
            default -> {
                // Other block types are accepted as they are; the app's messages use the ones above.
            }
        }
    }

    private static void checkSection(JsonNode block, String at, List<String> problems) {
        JsonNode text = block.get("text");
        JsonNode fields = block.get("fields");
        if (text == null && fields == null) {
            problems.add("[ERROR] must provide either text or fields [json-pointer:" + at + "]");
        }
        if (text != null) {
            checkTextObject(text, SECTION_TEXT, at + "/text", problems);
        }
        if (fields != null) {
            if (!fields.isArray() || fields.isEmpty()) {
                problems.add("[ERROR] must be a non-empty array [json-pointer:" + at + "/fields]");
                return;
            }
            if (fields.size() > SECTION_FIELDS) {
                problems.add("[ERROR] no more than " + SECTION_FIELDS + " items allowed [json-pointer:" + at
                        + "/fields]");
            }
            for (int i = 0; i < fields.size(); i++) {
                checkTextObject(fields.get(i), FIELD_TEXT, at + "/fields/" + i, problems);
            }
        }
    }

    private static void checkActions(JsonNode block, String at, List<String> problems) {
        JsonNode elements = block.get("elements");
        if (elements == null || !elements.isArray() || elements.isEmpty()) {
            problems.add("[ERROR] missing required field: elements [json-pointer:" + at + "]");
            return;
        }
        if (elements.size() > ACTION_ELEMENTS) {
            problems.add("[ERROR] no more than " + ACTION_ELEMENTS + " items allowed [json-pointer:" + at
                    + "/elements]");
        }
        for (int i = 0; i < elements.size(); i++) {
            JsonNode element = elements.get(i);
            String elementAt = at + "/elements/" + i;
            checkMaxLength(element.get("action_id"), ID_LENGTH, elementAt + "/action_id", problems);
            if ("button".equals(element.path("type").asText())) {
                checkPlainText(element.get("text"), 1, BUTTON_TEXT, elementAt + "/text", true, problems);
                checkMaxLength(element.get("value"), BUTTON_VALUE, elementAt + "/value", problems);
            }
        }
    }

    private static void checkTextObject(JsonNode text, int max, String at, List<String> problems) {
        String type = text.path("type").asText("");
        if (!type.equals("mrkdwn") && !type.equals("plain_text")) {
            problems.add("[ERROR] must be one of mrkdwn, plain_text [json-pointer:" + at + "/type]");
        }
        checkLength(text.get("text"), 1, max, at + "/text", problems);
    }

    private static void checkPlainText(JsonNode text, int min, int max, String at, boolean required,
            List<String> problems) {
        if (text == null || text.isNull()) {
            if (required) {
                problems.add("[ERROR] missing required field: text [json-pointer:" + at + "]");
            }
            return;
        }
        if (!"plain_text".equals(text.path("type").asText())) {
            problems.add("[ERROR] must be plain_text [json-pointer:" + at + "/type]");
        }
        checkLength(text.get("text"), min, max, at + "/text", problems);
    }

    private static void checkLength(JsonNode value, int min, int max, String at, List<String> problems) {
        if (value == null || !value.isTextual()) {
            problems.add("[ERROR] missing required field: text [json-pointer:" + at + "]");
            return;
        }
        int length = value.asText().length();
        if (length < min) {
            problems.add("[ERROR] must be more than " + (min - 1) + " characters [json-pointer:" + at + "]");
        } else if (length > max) {
            problems.add("[ERROR] must be less than " + (max + 1) + " characters [json-pointer:" + at + "]");
        }
    }

    private static void checkMaxLength(JsonNode value, int max, String at, List<String> problems) {
        if (value != null && value.isTextual() && value.asText().length() > max) {
            problems.add("[ERROR] must be less than " + (max + 1) + " characters [json-pointer:" + at + "]");
        }
    }
}
