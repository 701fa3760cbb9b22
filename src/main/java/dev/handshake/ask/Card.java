package dev.handshake.ask;

import static dev.handshake.slack.Mrkdwn.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;

import com.slack.api.model.block.Blocks;
import com.slack.api.model.block.DividerBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.TextObject;
import dev.handshake.agreement.Agreement;
import dev.handshake.slack.Mrkdwn;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the blocks of one answer and keeps them within Block Kit's limits: long text is split into
 * several sections, lists are packed into as few sections as fit, and past 50 blocks the rest is replaced
 * by "… and N more". Every text given to it must already be escaped mrkdwn, except the header's.
 */
final class Card {

    static final int MAX_BLOCKS = 50;
    static final int HEADER_LIMIT = 150;
    static final int MAX_FIELDS = 10;
    static final int FIELD_LIMIT = 2000;

    /** A block and how many list items it completes, for counting what a cut leaves out. */
    private record Part(LayoutBlock block, int items) {}

    private final List<Part> parts = new ArrayList<>();

    /** A header with the plain (unescaped) text given, escaped and cut to 150 characters. */
    Card header(String plain) {
        String text = plain == null || plain.isBlank() ? "(unnamed)" : plain.strip();
        String escaped = Mrkdwn.escapeAndTruncate(text, HEADER_LIMIT);
        parts.add(new Part(Blocks.header(h -> h.text(plainText(p -> p.text(escaped).emoji(true)))), 0));
        return this;
    }

    /** The usual context line under a header: what it is, then the agreement's name and version. */
    Card about(String what, Agreement agreement) {
        String source = Mrkdwn.escapeAndTruncate(agreement.name(), HEADER_LIMIT)
                + " · version " + Mrkdwn.escapeAndTruncate(agreement.version(), 40);
        return context(what == null || what.isEmpty() ? source : what + "  |  " + source);
    }

    Card context(String mrkdwn) {
        if (mrkdwn != null && !mrkdwn.isBlank()) {
            String text = fit(mrkdwn, Mrkdwn.SECTION_LIMIT);
            parts.add(new Part(Blocks.context(List.of(markdownText(text))), 0));
        }
        return this;
    }

    Card divider() {
        if (!parts.isEmpty() && !(parts.get(parts.size() - 1).block() instanceof DividerBlock)) {
            parts.add(new Part(Blocks.divider(), 0));
        }
        return this;
    }

    /** Text of any length, split into as many sections as it needs; nothing is dropped. */
    Card text(String mrkdwn) {
        if (mrkdwn == null || mrkdwn.isBlank()) {
            return this;
        }
        for (String piece : Mrkdwn.split(mrkdwn, Mrkdwn.SECTION_LIMIT)) {
            addSection(piece, 0);
        }
        return this;
    }

    /** Short labelled values side by side, ten to a section; blank values are left out. */
    Card fields(List<String> mrkdwnFields) {
        List<TextObject> current = new ArrayList<>();
        for (String field : mrkdwnFields) {
            if (field == null || field.isBlank()) {
                continue;
            }
            current.add(markdownText(fit(field, FIELD_LIMIT)));
            if (current.size() == MAX_FIELDS) {
                addFields(current);
                current = new ArrayList<>();
            }
        }
        if (!current.isEmpty()) {
            addFields(current);
        }
        return this;
    }

    /** A titled list, one item per line, packed into sections of at most 3000 characters. */
    Card list(String title, List<String> lines) {
        if (lines.isEmpty()) {
            return this;
        }
        StringBuilder current = new StringBuilder(title == null ? "" : title);
        int items = 0;
        for (String line : lines) {
            if (line.length() > Mrkdwn.SECTION_LIMIT) {
                flush(current, items);
                List<String> pieces = Mrkdwn.split(line, Mrkdwn.SECTION_LIMIT);
                pieces.subList(0, pieces.size() - 1).forEach(piece -> addSection(piece, 0));
                current.append(pieces.get(pieces.size() - 1));
                items = 1;
                continue;
            }
            if (current.length() > 0 && current.length() + 1 + line.length() > Mrkdwn.SECTION_LIMIT) {
                flush(current, items);
                items = 0;
            }
            if (current.length() > 0) {
                current.append('\n');
            }
            current.append(line);
            items++;
        }
        flush(current, items);
        return this;
    }

    /** The blocks, at most 50; when there are more, the last one says how many list items were left out. */
    List<LayoutBlock> blocks() {
        if (parts.size() <= MAX_BLOCKS) {
            return parts.stream().map(Part::block).toList();
        }
        List<Part> kept = parts.subList(0, MAX_BLOCKS - 1);
        int omitted = parts.subList(MAX_BLOCKS - 1, parts.size()).stream().mapToInt(Part::items).sum();
        String more = omitted > 0 ? "… and " + omitted + " more" : "… shortened to fit in one Slack message";
        List<LayoutBlock> blocks = new ArrayList<>(kept.stream().map(Part::block).toList());
        blocks.add(Blocks.context(List.of(markdownText(more))));
        return List.copyOf(blocks);
    }

    private void flush(StringBuilder current, int items) {
        if (current.length() > 0 && !current.toString().isBlank()) {
            addSection(current.toString(), items);
        }
        current.setLength(0);
    }

    private void addSection(String mrkdwn, int items) {
        if (!mrkdwn.isBlank()) {
            parts.add(new Part(Blocks.section(s -> s.text(markdownText(mrkdwn))), items));
        }
    }

    private void addFields(List<TextObject> fields) {
        List<TextObject> copy = List.copyOf(fields);
        parts.add(new Part(Blocks.section(s -> s.fields(copy)), 0));
    }

    /** Cuts escaped mrkdwn to the limit without breaking an entity, marking the cut with "…". */
    private static String fit(String mrkdwn, int limit) {
        if (mrkdwn.length() <= limit) {
            return mrkdwn;
        }
        return Mrkdwn.split(mrkdwn, limit - 1).get(0) + "…";
    }
}
