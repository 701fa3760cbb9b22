package dev.handshake.handoff;

import java.util.Optional;
import java.util.function.Function;

/**
 * How a message shows a person: by name, which does not ping them, or as a mention, which does. A step pings each
 * person once: whoever gets a direct message in a step is only named in its thread reply and channel message.
 */
@FunctionalInterface
public interface Names {

    /** The user as mrkdwn: their escaped name, or a mention. */
    String of(String userId);

    /** Mentions everyone: {@code <@U…>}. */
    Names MENTIONS = SlackText::user;

    /**
     * Names from {@code lookup} (a display name, empty when unknown), escaped; someone whose name is unknown is shown
     * by their member id as text, which does not ping either.
     */
    static Names from(Function<String, Optional<String>> lookup) {
        return userId -> {
            if (SlackText.isBlank(userId)) {
                return "someone";
            }
            return lookup.apply(userId).map(name -> SlackText.line(name, 80)).filter(name -> !name.isEmpty())
                    .orElseGet(() -> SlackText.line(userId, 40));
        };
    }
}
