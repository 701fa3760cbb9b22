package dev.handshake.handoff;

import dev.handshake.agreement.SlackTarget;
import dev.handshake.slack.Mrkdwn;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The mrkdwn pieces handoff messages are made of. Only this class writes Slack's {@code <…>} syntax, and only
 * around ids and URLs it has checked; everything else goes through {@link Mrkdwn#escapeAndTruncate}.
 */
final class SlackText {

    private static final Pattern USER_ID = Pattern.compile("[UW][A-Z0-9]{2,30}");
    private static final Pattern GROUP_ID = Pattern.compile("S[A-Z0-9]{2,30}");
    private static final Pattern CHANNEL_ID = Pattern.compile("[CG][A-Z0-9]{2,30}");
    private static final Pattern EMAIL =
            Pattern.compile("[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(\\.[A-Za-z0-9-]{1,63}){1,8}");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

    /** Longest name shown for something that should have been a Slack id but is not one. */
    private static final int NOT_AN_ID_LIMIT = 40;
    /** Longer URLs are shown as text: a cut URL would be a broken link. */
    private static final int URL_LIMIT = 600;

    private SlackText() {}

    /** User text, escaped and cut to {@code max} characters of mrkdwn. */
    static String clip(String raw, int max) {
        return Mrkdwn.escapeAndTruncate(raw, max);
    }

    /** Like {@link #clip} for text meant to stay on one line, so it cannot fake lines of its own. */
    static String line(String raw, int max) {
        return raw == null ? "" : clip(WHITESPACE.matcher(raw).replaceAll(" ").strip(), max);
    }

    static boolean isBlank(String raw) {
        return raw == null || raw.isBlank();
    }

    /** {@code <@U…>} for a real user id; anything else is shown as escaped text. */
    static String user(String id) {
        if (isBlank(id)) {
            return "someone";
        }
        return USER_ID.matcher(id).matches() ? "<@" + id + ">" : line(id, NOT_AN_ID_LIMIT);
    }

    /** {@code <#C…>} for a channel id; a {@code #name} (or anything else) is shown as escaped text. */
    static String channel(String idOrName) {
        if (isBlank(idOrName)) {
            return "the sales channel";
        }
        return CHANNEL_ID.matcher(idOrName).matches() ? "<#" + idOrName + ">" : line(idOrName, NOT_AN_ID_LIMIT);
    }

    /** A channel for a link's label (which cannot hold a channel link): its {@code #name}, or "the sales channel". */
    static String channelName(String idOrName) {
        if (isBlank(idOrName) || CHANNEL_ID.matcher(idOrName).matches()) {
            return "the sales channel";
        }
        return line(idOrName, NOT_AN_ID_LIMIT);
    }

    /** Someone the app notifies: a user or channel as above, or {@code <!subteam^S…>} for a user group. */
    static String target(SlackTarget target) {
        return switch (target.kind()) {
            case USER -> user(target.id());
            case CHANNEL -> channel(target.id());
            case USER_GROUP -> !isBlank(target.id()) && GROUP_ID.matcher(target.id()).matches()
                    ? "<!subteam^" + target.id() + ">"
                    : line(target.id(), NOT_AN_ID_LIMIT);
        };
    }

    /** A date each viewer sees in their own time zone, e.g. "Mar 4 at 2:30 PM"; the fallback is in {@code zone}. */
    static String dateTime(Instant at, ZoneId zone) {
        return "<!date^" + at.getEpochSecond() + "^{date_short_pretty} at {time}|" + plainDateTime(at, zone) + ">";
    }

    /** A time of day each viewer sees in their own time zone; the fallback is in {@code zone}. */
    static String time(Instant at, ZoneId zone) {
        return "<!date^" + at.getEpochSecond() + "^{time}|" + TIME.format(at.atZone(zone)) + ">";
    }

    /** "2025-03-04 14:30 America/Chicago": for plain notification text, where Slack's date syntax does not apply. */
    static String plainDateTime(Instant at, ZoneId zone) {
        return DATE_TIME.format(at.atZone(zone)) + " " + zone.getId();
    }

    /** An email address as a mailto link when it looks like one, otherwise as escaped text. */
    static String email(String raw, int max) {
        String email = raw == null ? "" : raw.strip();
        if (email.length() <= max / 2 && EMAIL.matcher(email).matches()) {
            return "<mailto:" + email + "|" + email + ">";
        }
        return line(raw, max);
    }

    /**
     * A phone number as a {@code tel:} link (the URL holds only its digits, so nothing in it needs escaping), or as
     * escaped text when it is not a phone number.
     */
    static String phone(String raw, int max) {
        if (raw == null) {
            return "";
        }
        String label = line(raw, max);
        return Phone.telUrl(raw).map(url -> "<" + url + "|" + label + ">").orElse(label);
    }

    /**
     * A link labelled {@code label} when {@code url} is an http(s) URL short enough to keep whole; the URL's
     * {@code &}, {@code <}, {@code >}, {@code |} and whitespace are escaped so it cannot end the link early.
     */
    static Optional<String> link(String url, String label) {
        if (url == null) {
            return Optional.empty();
        }
        String trimmed = url.strip();
        String lower = trimmed.toLowerCase(Locale.ROOT);
        boolean web = (lower.startsWith("https://") && trimmed.length() > 8)
                || (lower.startsWith("http://") && trimmed.length() > 7);
        if (!web) {
            return Optional.empty();
        }
        String escaped = escapeUrl(trimmed);
        if (escaped.length() > URL_LIMIT) {
            return Optional.empty();
        }
        return Optional.of("<" + escaped + "|" + label + ">");
    }

    private static String escapeUrl(String url) {
        StringBuilder out = new StringBuilder(url.length() + 16);
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default -> {
                    if (c == '|' || c <= 0x20 || c == 0x7f || Character.isWhitespace(c)) {
                        for (byte b : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
                            out.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
                        }
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
