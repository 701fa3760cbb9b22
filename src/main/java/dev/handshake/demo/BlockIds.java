package dev.handshake.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;

/** Gives every block and interactive element without an id one, as Slack does when it stores a message or a view. */
final class BlockIds {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private BlockIds() {}

    /** Fills in missing {@code block_id}s and {@code action_id}s in place; returns {@code blocks}. */
    static JsonNode fill(JsonNode blocks) {
        if (blocks == null || !blocks.isArray()) {
            return blocks;
        }
        for (JsonNode block : blocks) {
            if (!(block instanceof ObjectNode object)) {
                continue;
            }
            if (!object.hasNonNull("block_id")) {
                object.put("block_id", random(5));
            }
            block.path("elements").forEach(BlockIds::fillElement);
            fillElement(block.get("accessory"));
            fillElement(block.get("element"));
        }
        return blocks;
    }

    private static void fillElement(JsonNode element) {
        if (element instanceof ObjectNode object && object.has("type")
                && !object.path("type").asText().matches("mrkdwn|plain_text|image")
                && !object.hasNonNull("action_id")) {
            object.put("action_id", random(5));
        }
    }

    private static String random(int length) {
        StringBuilder id = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }
}
