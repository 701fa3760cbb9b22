package dev.handshake.agreement;

import java.util.Map;

/**
 * What the streaming pass remembered about the YAML source: the line of every node, and the text of every scalar as
 * written (so {@code version: 1.10} stays "1.10" rather than the number 1.1).
 */
final class SourceIndex {

    private final Map<String, Integer> lines;
    private final Map<String, String> scalars;

    SourceIndex(Map<String, Integer> lines, Map<String, String> scalars) {
        this.lines = Map.copyOf(lines);
        this.scalars = Map.copyOf(scalars);
    }

    static SourceIndex empty() {
        return new SourceIndex(Map.of(), Map.of());
    }

    /** The line of the node at the pointer or, when it is absent, of its nearest ancestor; 0 for the whole file. */
    int lineOf(String pointer) {
        String p = pointer;
        while (!p.isEmpty()) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            p = p.substring(0, p.lastIndexOf('/'));
        }
        return 0;
    }

    /** The scalar at the pointer as it was written, or null. */
    String scalar(String pointer) {
        return scalars.get(pointer);
    }
}
