package dev.handshake.people;

import dev.handshake.agreement.SlackTarget;
import dev.handshake.slack.SlackCallException;
import dev.handshake.slack.SlackReads;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether someone belongs to an audience the agreement names: a user (that user), a user group (its members, from
 * {@code usergroups.users.list}) or a channel (its members, from {@code conversations.members}; a {@code #name} is
 * first found with {@code conversations.list}). Members are kept five minutes, so a burst of clicks costs one call
 * and a change in Slack counts within minutes. When Slack cannot say (a missing scope, an outage), the answer is
 * "unknown" with the reason, and callers refuse rather than guess. Thread-safe.
 */
public final class Membership {

    static final Duration KEEP = Duration.ofMinutes(5);
    /** Slack's answers for a group or channel that does not exist (or was archived): it has no members. */
    private static final Set<String> GONE = Set.of("no_such_subteam", "channel_not_found", "is_archived",
            "subteam_not_found");
    private static final Logger log = LoggerFactory.getLogger(Membership.class);

    /** Whether the user is in the audience. */
    public enum Answer { YES, NO, UNKNOWN }

    /** The answer, and for {@link Answer#UNKNOWN} why Slack could not tell (an error code such as missing_scope). */
    public record Check(Answer answer, String why) {

        public boolean yes() {
            return answer == Answer.YES;
        }

        public static Check yesIf(boolean member) {
            return new Check(member ? Answer.YES : Answer.NO, null);
        }
    }

    private record Members(Set<String> ids, Instant at) {}

    private final SlackReads slack;
    private final Clock clock;
    private final Map<SlackTarget, Members> members = new ConcurrentHashMap<>();
    private final Map<String, String> channelIds = new ConcurrentHashMap<>();
    private final Map<SlackTarget, String> reported = new ConcurrentHashMap<>();

    public Membership(SlackReads slack, Clock clock) {
        this.slack = Objects.requireNonNull(slack, "slack == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
    }

    /** Asks Slack when the audience's members are not known from the last five minutes; blocks, so after the ack. */
    public Check check(SlackTarget audience, String userId) {
        Objects.requireNonNull(audience, "audience == null");
        if (userId == null || userId.isBlank()) {
            return Check.yesIf(false);
        }
        if (audience.kind() == SlackTarget.Kind.USER) {
            return Check.yesIf(audience.id().equals(userId));
        }
        Members known = members.get(audience);
        if (fresh(known)) {
            return Check.yesIf(known.ids().contains(userId));
        }
        try {
            Set<String> ids = Set.copyOf(switch (audience.kind()) {
                case USER_GROUP -> slack.userGroupMembers(audience.id());
                case CHANNEL -> channelId(audience.id()).map(slack::channelMembers).orElse(java.util.List.of());
                case USER -> throw new IllegalStateException("handled above");
            });
            members.put(audience, new Members(ids, clock.instant()));
            if (reported.remove(audience) != null) {
                log.info("Handshake can read who is in {} again", audience.id());
            }
            return Check.yesIf(ids.contains(userId));
        } catch (SlackCallException e) {
            if (GONE.contains(e.error())) {
                // A group or channel that does not exist has no members: nobody may, and the admin is told why.
                if (!e.error().equals(reported.put(audience, e.error()))) {
                    log.warn("{} does not exist in Slack ({}: {}): nobody counts as its member; fix sla.yml",
                            audience.id(), e.method(), e.error());
                }
                members.put(audience, new Members(Set.of(), clock.instant()));
                return Check.yesIf(false);
            }
            if (!e.error().equals(reported.put(audience, e.error()))) {
                log.warn("Cannot read who is in {} ({}: {}); people are refused what only its members may do until "
                        + "Slack answers{}", audience.id(), e.method(), e.error(), fix(e.error()));
            }
            return new Check(Answer.UNKNOWN, e.error());
        }
    }

    /** The answer from the last five minutes, without asking Slack: {@link Answer#UNKNOWN} when there is none. */
    public Check cached(SlackTarget audience, String userId) {
        if (audience.kind() == SlackTarget.Kind.USER) {
            return Check.yesIf(audience.id().equals(userId));
        }
        Members known = members.get(audience);
        return fresh(known) ? Check.yesIf(known.ids().contains(userId)) : new Check(Answer.UNKNOWN, "not_checked_yet");
    }

    /** A channel's id: as given, or found by its {@code #name}. */
    private Optional<String> channelId(String idOrName) {
        if (!idOrName.startsWith("#")) {
            return Optional.of(idOrName);
        }
        String known = channelIds.get(idOrName);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<String> found = slack.channelId(idOrName.substring(1));
        found.ifPresent(id -> channelIds.put(idOrName, id));
        if (found.isEmpty()) {
            log.warn("No channel named {} that Handshake can see: nobody counts as its member (invite the app to a "
                    + "private channel)", idOrName);
        }
        return found;
    }

    private static String fix(String error) {
        return "missing_scope".equals(error)
                ? " (reinstall the app from manifest.yml: it asks for channels:read, groups:read and usergroups:read)"
                : "";
    }

    private boolean fresh(Members known) {
        return known != null && known.at().plus(KEEP).isAfter(clock.instant());
    }
}
