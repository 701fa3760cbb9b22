package dev.handshake.demo;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * The demo's stand-in for a Slack workspace: its cast, conversations, views and files, and the trigger ids and
 * response URLs it hands out. Conversations are the cast's channels and the bot's direct message with each member.
 * Thread-safe.
 */
final class Workspace {

    private final DemoCast cast;
    private final Clock clock;
    private final Changes changes = new Changes();
    private final Messages messages;
    private final Views views;
    private final Triggers triggers = new Triggers(System::nanoTime);
    private final ResponseUrls responseUrls = new ResponseUrls(System::nanoTime);
    private final Uploads uploads = new Uploads();
    private final ApiLog apiLog = new ApiLog();
    private volatile boolean seeded;
    private volatile boolean storyFailed;

    Workspace(DemoCast cast, Clock clock) {
        this.cast = Objects.requireNonNull(cast, "cast == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
        this.messages = new Messages(clock, changes);
        this.views = new Views(changes);
    }

    DemoCast cast() {
        return cast;
    }

    Clock clock() {
        return clock;
    }

    Changes changes() {
        return changes;
    }

    Messages messages() {
        return messages;
    }

    Views views() {
        return views;
    }

    Triggers triggers() {
        return triggers;
    }

    ResponseUrls responseUrls() {
        return responseUrls;
    }

    Uploads uploads() {
        return uploads;
    }

    ApiLog apiLog() {
        return apiLog;
    }

    /** Whether the sample story was set up completely (a demo stopped half-way starts over). */
    boolean seeded() {
        return seeded;
    }

    void markSeeded(boolean done) {
        seeded = done;
        changes.bump();
    }

    /** The sample story broke off: the page works on what there is, and the next start plays it again. */
    void markStoryFailed() {
        storyFailed = true;
        changes.bump();
    }

    boolean storyFailed() {
        return storyFailed;
    }

    /** Whether members can act: the story is set up, or it broke off. */
    boolean ready() {
        return seeded || storyFailed;
    }

    /**
     * The conversation a Web API {@code channel} argument denotes, as Slack resolves it: a channel by id or
     * {@code #name}, a direct message by its id, or a member's id for the bot's direct message with them.
     */
    Optional<String> conversation(String channel) {
        if (channel == null || channel.isBlank()) {
            return Optional.empty();
        }
        Optional<DemoCast.Channel> named = cast.channel(channel, false);
        if (named.isPresent()) {
            return Optional.of(named.get().id());
        }
        if (channel.startsWith("D")) {
            return cast.people().stream().map(p -> DemoCast.directMessageId(p.id()))
                    .filter(channel::equals).findFirst();
        }
        return cast.person(channel).map(p -> DemoCast.directMessageId(p.id()));
    }

    /** The member a direct message is with; empty for channels. */
    Optional<DemoCast.Person> directMessagePartner(String conversation) {
        return cast.people().stream().filter(p -> DemoCast.directMessageId(p.id()).equals(conversation)).findFirst();
    }

    /** Whether a member sees a conversation: every channel, and their own direct message with the bot. */
    boolean sees(String user, String conversation) {
        if (cast.channel(conversation, true).isPresent()) {
            return cast.person(user).isPresent();
        }
        return DemoCast.directMessageId(user).equals(conversation);
    }

    /** {@code sales-leads} for a channel, {@code directmessage} for a direct message, as Slack names them. */
    String conversationName(String conversation) {
        return cast.channel(conversation, true).map(DemoCast.Channel::name).orElse("directmessage");
    }
}
