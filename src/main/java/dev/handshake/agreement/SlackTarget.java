package dev.handshake.agreement;

/** Someone the app can notify: a user (U…/W…), a user group (S…) or a channel (C…/G… or #name). */
public record SlackTarget(Kind kind, String id) {

    /** What kind of Slack destination the target is. */
    public enum Kind { USER, USER_GROUP, CHANNEL }
}
