package dev.handshake.slack;

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

    /** Escapes Slack's three control characters; {@code &} first, so pre-escaped input stays literal. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default -> out.append(c);
            }
        }
        return out.toString();
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
