package dev.handshake.slack;

import java.util.List;
import java.util.Optional;

/**
 * The Slack Web API calls that only read: who a user is, who is in a user group or a channel, a channel's id from its
 * name, a message's permalink. Every call is checked: a failure is a {@link SlackCallException} saying what kind it
 * is. Implementations are thread-safe; calls block, so make them after the ack.
 */
public interface SlackReads {

    /** A workspace member as {@code users.info} describes them; {@code name} is their real name, else display name. */
    record SlackUser(String id, String name, boolean deleted, boolean bot) {}

    /** A user group as {@code usergroups.list} describes it: its id, its handle (without the @) and its name. */
    record UserGroup(String id, String handle, String name) {}

    /** The member with this id, or empty when Slack knows none ({@code user_not_found}). */
    Optional<SlackUser> user(String userId);

    /** The ids of a user group's members ({@code usergroups.users.list}). */
    List<String> userGroupMembers(String groupId);

    /** The workspace's user groups ({@code usergroups.list}), without disabled ones. */
    List<UserGroup> userGroups();

    /** The ids of a channel's members, every page of {@code conversations.members}. */
    List<String> channelMembers(String channelId);

    /**
     * The id of the public or private channel named {@code name} (without the #) that the app can see, read from
     * every page of {@code conversations.list}; empty when there is none.
     */
    Optional<String> channelId(String name);

    /** A link to a message ({@code chat.getPermalink}). */
    String permalink(String channelId, String messageTs);
}
