package dev.handshake.slack;

import com.slack.api.model.block.composition.MarkdownTextObject;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Makes user and agreement text safe for Slack's mrkdwn and keeps it within Block Kit's limits. */
public final class Mrkdwn {

    /** Slack's limit for a section block's text. */
    public static final int SECTION_LIMIT = 3000;

    private static final Pattern USER_ID = Pattern.compile("[UW][A-Z0-9]{2,30}");
    /** Longest text shown for something that should have been a user id but is not one. */
    private static final int NOT_AN_ID_LIMIT = 40;

    private Mrkdwn() {}

    /**
     * Text as it was written: Slack's three control characters escaped ({@code &} first, so pre-escaped input stays
     * literal), and the characters that would format it neutralised, since mrkdwn has no escape for them. Each
     * {@code *}, {@code ~} and backtick becomes a character that looks the same but formats nothing (∗ ∼ ˋ), and so
     * does each {@code _} unless it sits between two letters or digits (as in {@code first_last@…}), where Slack never
     * formats; a {@code >} that starts a line gets an invisible soft hyphen before it, so it is not a quote. Every
     * replacement is one character for one, so escaped lengths stay what they were (but for the soft hyphens).
     * Links and mentions the text did not ask for are kept out by {@link #markdownText} (verbatim).
     */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        boolean lineStart = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append(lineStart ? "\u00AD&gt;" : "&gt;");
                case '*' -> out.append('\u2217');
                case '~' -> out.append('\u223C');
                case '`' -> out.append('\u02CB');
                case '_' -> out.append(between(text, i) ? '_' : '\u02CD');
                default -> out.append(c);
            }
            lineStart = c == '\n' || (lineStart && (c == ' ' || c == '\t'));
        }
        return out.toString();
    }

    /**
     * Escapes only Slack's three control characters, for text the app wrote itself whose formatting (a code span,
     * bold) is meant; never for text a person or another system provided (use {@link #escape}).
     */
    public static String escapeControlCharacters(String appText) {
        return appText == null ? "" : appText.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** A mrkdwn text object that Slack shows as written: {@code verbatim}, so no bare URL, channel or name is linked. */
    public static MarkdownTextObject markdownText(String mrkdwn) {
        return MarkdownTextObject.builder().text(mrkdwn).verbatim(true).build();
    }

    private static boolean between(String text, int i) {
        return i > 0 && i + 1 < text.length() && Character.isLetterOrDigit(text.codePointBefore(i))
                && Character.isLetterOrDigit(text.codePointAt(i + 1));
    }

    /**
     * {@code <@U…>} for a user id of Slack's shape; anything else (a request's user field is still input) is shown
     * as escaped text, so it cannot close the mention early and add markup of its own.
     */
    public static String mention(String userId) {
        if (userId == null || userId.isBlank()) {
            return "someone";
        }
        return USER_ID.matcher(userId).matches() ? "<@" + userId + ">" : escapeAndTruncate(userId, NOT_AN_ID_LIMIT);
    }

    /** Cuts text to at most {@code max} UTF-16 units without splitting a code point, ending with "…" when cut. */
    public static String truncate(String text, int max) {
        if (text == null || text.length() <= max) {
            return text == null ? "" : text;
        }
        int end = max - 1;
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, Math.max(end, 0)) + "…";
    }

    /** Escapes then truncates, so the escaped form fits; an entity is never cut in half. */
    public static String escapeAndTruncate(String text, int max) {
        String escaped = escape(text);
        if (escaped.length() <= max) {
            return escaped;
        }
        String cut = truncate(escaped, max);
        int amp = cut.lastIndexOf('&');
        if (amp >= 0 && cut.indexOf(';', amp) < 0) {
            cut = cut.substring(0, amp) + "…";
        }
        return cut;
    }

    /**
     * Splits already-escaped mrkdwn into pieces of at most {@code limit} characters, preferring line breaks,
     * then spaces, and never splitting a code point or an entity.
     */
    public static List<String> split(String mrkdwn, int limit) {
        List<String> pieces = new ArrayList<>();
        String rest = mrkdwn;
        while (rest.length() > limit) {
            int cut = rest.lastIndexOf('\n', limit);
            if (cut < limit / 2) {
                cut = rest.lastIndexOf(' ', limit);
            }
            if (cut < limit / 2) {
                cut = limit;
                if (Character.isHighSurrogate(rest.charAt(cut - 1))) {
                    cut--;
                }
                int amp = rest.lastIndexOf('&', cut - 1);
                if (amp >= 0 && amp > cut - 6 && rest.indexOf(';', amp) >= cut) {
                    cut = amp;
                }
            }
            pieces.add(rest.substring(0, cut));
            rest = rest.substring(cut).stripLeading();
        }
        if (!rest.isEmpty() || pieces.isEmpty()) {
            pieces.add(rest);
        }
        return pieces;
    }
}
