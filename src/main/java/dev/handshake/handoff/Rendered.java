package dev.handshake.handoff;

import com.slack.api.model.block.LayoutBlock;
import java.util.List;
import java.util.Objects;

/**
 * A Slack message ready to send: {@code text} is the escaped plain notification fallback (never blank,
 * at most 3000 characters) and {@code blocks} its Block Kit layout.
 */
public record Rendered(String text, List<LayoutBlock> blocks) {

    static final int TEXT_LIMIT = 3000;
    static final int BLOCK_LIMIT = 50;

    public Rendered {
        Objects.requireNonNull(text, "text == null");
        if (text.isBlank()) {
            throw new IllegalArgumentException("text is blank");
        }
        if (text.length() > TEXT_LIMIT) {
            throw new IllegalArgumentException("text is longer than " + TEXT_LIMIT + " characters");
        }
        blocks = List.copyOf(blocks);
        if (blocks.size() > BLOCK_LIMIT) {
            throw new IllegalArgumentException("more than " + BLOCK_LIMIT + " blocks");
        }
    }
}
