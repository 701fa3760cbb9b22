package dev.handshake.people;

import dev.handshake.agreement.SlackTarget;
import dev.handshake.slack.Mrkdwn;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Says who an audience is, for a private explanation ("Only members of #marketing-handoffs can …"): a user as a
 * mention, a channel as a link, a user group by its handle as text. Thread-safe.
 */
public final class Audiences {

    private static final Pattern USER_ID = Pattern.compile("[UW][A-Z0-9]{2,30}");
    private static final Pattern CHANNEL_ID = Pattern.compile("[CG][A-Z0-9]{2,30}");

    private final Directory directory;

    public Audiences(Directory directory) {
        this.directory = Objects.requireNonNull(directory, "directory == null");
    }

    /** As {@link #describe(SlackTarget, boolean)}, from what is known, without asking Slack. */
    public String describe(SlackTarget audience) {
        return describe(audience, false);
    }

    /**
     * "<@U…>", "members of <#C…>", "members of #sales-leads" or "members of the sales-managers group"; with
     * {@code mayAsk}, a group's handle not known yet is asked of Slack (so only after the ack).
     */
    public String describe(SlackTarget audience, boolean mayAsk) {
        String id = audience.id();
        return switch (audience.kind()) {
            case USER -> USER_ID.matcher(id).matches() ? "<@" + id + ">" : Mrkdwn.escapeAndTruncate(id, 40);
            case CHANNEL -> "members of " + (CHANNEL_ID.matcher(id).matches() ? "<#" + id + ">"
                    : Mrkdwn.escapeAndTruncate(id, 82));
            case USER_GROUP -> "members of the " + (mayAsk ? directory.group(id) : directory.cachedGroup(id))
                    .map(group -> Mrkdwn.escapeAndTruncate(group.handle() != null && !group.handle().isBlank()
                            ? group.handle() : group.name(), 80) + " group")
                    .orElse("user group " + Mrkdwn.escapeAndTruncate(id, 40));
        };
    }
}
