package dev.handshake.ask;

import dev.handshake.slack.Mrkdwn;
import java.util.Arrays;
import java.util.List;

/** Small escaped pieces the cards share: code spans, alias lines, bullets and notification fallbacks. */
final class Snippets {

    static final int NAME_LIMIT = 150;
    static final int ID_LIMIT = 80;
    private static final int FALLBACK_LIMIT = 300;
    private static final int ALIASES_LIMIT = 500;

    private Snippets() {}

    /** Escaped, cut text. */
    static String esc(String text, int max) {
        return Mrkdwn.escapeAndTruncate(text, max);
    }

    /** A name in bold, escaped and cut to 150 characters. */
    static String bold(String name) {
        String escaped = esc(name == null ? "" : name.strip(), NAME_LIMIT);
        return escaped.isEmpty() ? "" : "*" + escaped + "*";
    }

    /**
     * Text in a code span, escaped (Slack still parses {@code <!channel>} between backticks) and cut;
     * a backtick inside would end the span, so it is shown as a look-alike.
     */
    static String code(String text, int max) {
        if (text == null || text.isBlank()) {
            return "";
        }
        return "`" + esc(text.strip().replace('`', 'ˋ'), max) + "`";
    }

    static String code(String text) {
        return code(text, ID_LIMIT);
    }

    /** "also: MQL, Marketing-Qualified Lead", or empty when there are none. */
    static String aliases(List<String> aliases) {
        List<String> shown = aliases.stream().filter(a -> a != null && !a.isBlank()).map(String::strip).toList();
        return shown.isEmpty() ? "" : "also: " + esc(String.join(", ", shown), ALIASES_LIMIT);
    }

    /** "*Label*" and the escaped text on the next line, or empty when the text is blank. */
    static String labelled(String label, String text) {
        return text == null || text.isBlank() ? "" : "*" + label + "*\n" + Mrkdwn.escape(text.strip());
    }

    /** "• text" for each text, escaped; blank ones are left out. */
    static List<String> bullets(List<String> texts) {
        return texts.stream()
                .filter(t -> t != null && !t.isBlank())
                .map(t -> "• " + Mrkdwn.escape(t.strip()))
                .toList();
    }

    /** A short plain notification text, single-line, escaped and cut. */
    static String fallback(String text) {
        String line = text == null ? "" : String.join(" ", text.strip().split("\\s+"));
        return esc(line, FALLBACK_LIMIT);
    }

    /** Joins the non-empty pieces with " · ". */
    static String joined(String... pieces) {
        return String.join(" · ", Arrays.stream(pieces).filter(p -> p != null && !p.isEmpty()).toList());
    }
}
