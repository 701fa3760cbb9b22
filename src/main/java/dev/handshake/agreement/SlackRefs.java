package dev.handshake.agreement;

import java.util.regex.Pattern;

/** Reads Slack references: channels ({@code C…}, {@code G…} or {@code #name}), users ({@code U…}, {@code W…}), groups. */
final class SlackRefs {

    private static final Pattern CHANNEL_ID = Pattern.compile("[CG][A-Z0-9]{8,}");
    private static final Pattern CHANNEL_NAME = Pattern.compile("#[a-z0-9_-]{1,80}");
    private static final Pattern USER_ID = Pattern.compile("[UW][A-Z0-9]{8,}");
    private static final Pattern GROUP_ID = Pattern.compile("S[A-Z0-9]{8,}");
    private static final String COMMENT_HINT =
            "; write channel names in quotes, like \"#sales-leads\": an unquoted # starts a YAML comment";

    private SlackRefs() {}

    /** A channel the app posts to; required. */
    static String channel(Fields fields, String key) {
        if (!fields.has(key)) {
            if (fields.isEmpty(key)) {
                fields.problems().report(fields.at(key), "has no value" + COMMENT_HINT);
            } else {
                fields.require(key);
            }
            return null;
        }
        String text = fields.text(key);
        if (text != null && !isChannel(text)) {
            fields.problems().report(fields.at(key), "must be a channel id like C0123ABCD or a channel name like "
                    + "\"#sales-leads\" (lowercase letters, digits, - and _), was " + Values.quote(text));
            return null;
        }
        return text;
    }

    /** A user id, or null when the key is absent and not required. */
    static String user(Fields fields, String key, boolean required) {
        if (!required && !fields.has(key)) {
            return null;
        }
        return checkUser(fields.text(key), fields.at(key), fields.problems());
    }

    static String checkUser(String text, NodePath at, Problems problems) {
        if (text != null && !USER_ID.matcher(text).matches()) {
            problems.report(at, "must be a Slack user id like U0123ABCD (in Slack: the person's profile, ⋮, "
                    + "Copy member ID), was " + Values.quote(text));
            return null;
        }
        return text;
    }

    /** Whom to escalate to: a user, a user group or a channel. */
    static SlackTarget target(Fields fields, String key) {
        if (!fields.has(key) && fields.isEmpty(key)) {
            fields.problems().report(fields.at(key), "has no value" + COMMENT_HINT);
            return null;
        }
        String text = fields.text(key);
        if (text == null) {
            return null;
        }
        if (USER_ID.matcher(text).matches()) {
            return new SlackTarget(SlackTarget.Kind.USER, text);
        }
        if (GROUP_ID.matcher(text).matches()) {
            return new SlackTarget(SlackTarget.Kind.USER_GROUP, text);
        }
        if (isChannel(text)) {
            return new SlackTarget(SlackTarget.Kind.CHANNEL, text);
        }
        fields.problems().report(fields.at(key), "must be a Slack user id (U…), user group id (S…) or channel "
                + "(C… id or \"#name\"), was " + Values.quote(text));
        return null;
    }

    /** Like {@link #target}, or null when the key is left out. */
    static SlackTarget optionalTarget(Fields fields, String key) {
        if (!fields.has(key) && !fields.isEmpty(key)) {
            return null;
        }
        return target(fields, key);
    }

    private static boolean isChannel(String text) {
        return CHANNEL_ID.matcher(text).matches() || CHANNEL_NAME.matcher(text).matches();
    }
}
