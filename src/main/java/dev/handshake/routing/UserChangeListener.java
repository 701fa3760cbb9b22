package dev.handshake.routing;

import com.slack.api.bolt.App;
import com.slack.api.model.User;
import com.slack.api.model.event.UserChangeEvent;
import dev.handshake.slack.SlackApi;
import java.time.Clock;
import java.util.Objects;

/**
 * Slack's {@code user_change} event: a member's profile changed (their time zone, their name) or they were
 * deactivated ({@code deleted: true}). The profiles of the reps the agreement routes to are kept current; anyone
 * deactivated is recorded too, so leads sent straight to them are handed on.
 */
public final class UserChangeListener {

    private final RepDirectory directory;
    private final Clock clock;

    public UserChangeListener(RepDirectory directory, Clock clock) {
        this.directory = Objects.requireNonNull(directory, "directory == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
    }

    public void register(App app) {
        app.event(UserChangeEvent.class, (payload, ctx) -> {
            User user = payload.getEvent() == null ? null : payload.getEvent().getUser();
            if (user != null && user.getId() != null
                    && (user.isDeleted() || directory.reps().contains(user.getId()))) {
                directory.learn(SlackApi.slackUser(user), clock.instant());
            }
            return ctx.ack();
        });
    }
}
