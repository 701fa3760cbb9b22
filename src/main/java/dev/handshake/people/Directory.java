package dev.handshake.people;

import dev.handshake.slack.SlackCallException;
import dev.handshake.slack.SlackReads;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who people and user groups are by name, so messages can name someone without pinging them: members from
 * {@code users.info}, groups from {@code usergroups.list}, each kept an hour. Lookups that must not wait for Slack
 * ({@link #cachedName}) answer from what is known and fetch what is not in the background, for next time. A name that
 * cannot be learnt is simply unknown; callers show something neutral instead. Thread-safe.
 */
public final class Directory implements AutoCloseable {

    static final Duration KEEP = Duration.ofHours(1);
    private static final Logger log = LoggerFactory.getLogger(Directory.class);

    private record Known<T>(T value, Instant at) {}

    private final SlackReads slack;
    private final Clock clock;
    private final Map<String, Known<Optional<SlackReads.SlackUser>>> users = new ConcurrentHashMap<>();
    private final Map<String, Boolean> fetching = new ConcurrentHashMap<>();
    private volatile Known<Map<String, SlackReads.UserGroup>> groups;
    private final ThreadPoolExecutor background;

    public Directory(SlackReads slack, Clock clock) {
        this.slack = Objects.requireNonNull(slack, "slack == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
        this.background = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(256), runnable -> {
            Thread thread = new Thread(runnable, "directory");
            thread.setDaemon(true);
            return thread;
        });
        this.background.allowCoreThreadTimeOut(true);
    }

    /** The member, from Slack if not known in the last hour; empty when Slack knows none or cannot say now. */
    public Optional<SlackReads.SlackUser> user(String userId) {
        Known<Optional<SlackReads.SlackUser>> known = users.get(userId);
        if (fresh(known)) {
            return known.value();
        }
        try {
            Optional<SlackReads.SlackUser> user = slack.user(userId);
            users.put(userId, new Known<>(user, clock.instant()));
            return user;
        } catch (SlackCallException e) {
            log.debug("users.info {} failed: {}", userId, e.error());
            return known == null ? Optional.empty() : known.value();
        }
    }

    /** The member's display name, from Slack if need be; empty when unknown. */
    public Optional<String> name(String userId) {
        return user(userId).map(SlackReads.SlackUser::name).filter(name -> !name.isBlank());
    }

    /** The member's name if already known, without waiting for Slack; an unknown one is fetched for next time. */
    public Optional<String> cachedName(String userId) {
        Known<Optional<SlackReads.SlackUser>> known = users.get(userId);
        if (!fresh(known)) {
            fetchLater(userId);
        }
        return known == null ? Optional.empty()
                : known.value().map(SlackReads.SlackUser::name).filter(name -> !name.isBlank());
    }

    /** The user group's name ("Sales managers"), from Slack if need be; empty when unknown. */
    public Optional<SlackReads.UserGroup> group(String groupId) {
        Known<Map<String, SlackReads.UserGroup>> known = groups;
        if (!fresh(known)) {
            try {
                Map<String, SlackReads.UserGroup> all = new ConcurrentHashMap<>();
                slack.userGroups().forEach(group -> all.put(group.id(), group));
                known = new Known<>(all, clock.instant());
                groups = known;
            } catch (SlackCallException e) {
                log.debug("usergroups.list failed: {}", e.error());
            }
        }
        return known == null ? Optional.empty() : Optional.ofNullable(known.value().get(groupId));
    }

    /** The group if already known, without waiting for Slack; the list is fetched for next time when it is not. */
    public Optional<SlackReads.UserGroup> cachedGroup(String groupId) {
        Known<Map<String, SlackReads.UserGroup>> known = groups;
        if (!fresh(known)) {
            submit("groups", () -> group(groupId));
        }
        return known == null ? Optional.empty() : Optional.ofNullable(known.value().get(groupId));
    }

    private void fetchLater(String userId) {
        submit(userId, () -> user(userId));
    }

    private void submit(String key, Runnable fetch) {
        if (fetching.putIfAbsent(key, Boolean.TRUE) != null) {
            return;
        }
        try {
            background.execute(() -> {
                try {
                    fetch.run();
                } finally {
                    fetching.remove(key);
                }
            });
        } catch (RejectedExecutionException e) {
            fetching.remove(key);
        }
    }

    private boolean fresh(Known<?> known) {
        return known != null && known.at().plus(KEEP).isAfter(clock.instant());
    }

    @Override
    public void close() {
        background.shutdownNow();
    }
}
