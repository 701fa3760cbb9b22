package dev.handshake.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handshake.clock.BusinessHours;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one member's client shows, as the page reads it: the conversations they see with their messages and the
 * ephemeral ones meant for them, their App Home, their open modals, the demo clock and the app's recent Web API calls.
 */
final class StateView {

    static final int MESSAGES_SHOWN = 300;
    static final int CALLS_SHOWN = 60;

    private final Workspace workspace;
    private final BusinessHours hours;
    private final ObjectMapper json;

    StateView(Workspace workspace, BusinessHours hours, ObjectMapper json) {
        this.workspace = Objects.requireNonNull(workspace, "workspace == null");
        this.hours = Objects.requireNonNull(hours, "hours == null");
        this.json = Objects.requireNonNull(json, "json == null");
    }

    /** The state for {@code user} at {@code version} (read before the state, so a later change is never missed). */
    ObjectNode of(String user, long version) {
        Instant now = workspace.clock().instant();
        ObjectNode state = json.createObjectNode().put("version", version).put("ready", workspace.ready())
                .put("storyFailed", workspace.storyFailed());
        state.putObject("clock").put("now", now.toEpochMilli()).put("open", hours.isOpen(now))
                .put("nextOpening", hours.nextOpening(now).toEpochMilli());
        ArrayNode conversations = state.putArray("conversations");
        ObjectNode messages = state.putObject("messages");
        for (DemoCast.Channel channel : workspace.cast().channels()) {
            conversations.addObject().put("id", channel.id()).put("name", channel.name()).put("kind", "channel")
                    .put("topic", channel.topic());
            messages.set(channel.id(), messages(channel.id()));
        }
        String dm = DemoCast.directMessageId(user);
        conversations.addObject().put("id", dm).put("name", DemoCast.APP_NAME).put("kind", "app");
        messages.set(dm, messages(dm));
        ArrayNode ephemerals = state.putArray("ephemerals");
        for (Messages.Ephemeral e : workspace.messages().ephemeralsFor(user)) {
            ObjectNode out = ephemerals.addObject().put("id", e.id()).put("conversation", e.conversation())
                    .put("ts", e.ts()).put("text", e.text()).put("sender", e.sender());
            out.set("blocks", e.blocks());
            if (e.threadTs() != null) {
                out.put("threadTs", e.threadTs());
            }
        }
        workspace.views().home(user).ifPresentOrElse(home -> state.set("home", home.json()),
                () -> state.putNull("home"));
        ArrayNode modals = state.putArray("modals");
        for (Views.View modal : workspace.views().modalsOf(user)) {
            ObjectNode out = modal.json().deepCopy();
            ObjectNode errors = out.putObject("errors");
            workspace.views().errors(modal.id()).forEach(errors::put);
            modals.add(out);
        }
        ArrayNode calls = state.putArray("calls");
        List<ApiLog.Call> recent = workspace.apiLog().recent();
        for (ApiLog.Call call : recent.subList(Math.max(0, recent.size() - CALLS_SHOWN), recent.size())) {
            ObjectNode out = calls.addObject().put("seq", call.seq()).put("at", call.at().toEpochMilli())
                    .put("method", call.method());
            if (call.conversation() != null) {
                out.put("conversation", call.conversation());
            }
            if (call.error() != null) {
                out.put("error", call.error());
            }
        }
        return state;
    }

    private ArrayNode messages(String conversation) {
        ArrayNode out = json.createArrayNode();
        List<Messages.Message> all = workspace.messages().in(conversation);
        for (Messages.Message m : all.subList(Math.max(0, all.size() - MESSAGES_SHOWN), all.size())) {
            ObjectNode message = out.addObject().put("ts", m.ts()).put("user", m.user()).put("text", m.text())
                    .put("edited", m.edited());
            message.set("blocks", m.blocks());
            if (m.threadTs() != null) {
                message.put("threadTs", m.threadTs());
            }
            ArrayNode files = message.putArray("files");
            for (String id : m.files()) {
                workspace.uploads().find(id).ifPresent(upload -> files.addObject().put("id", upload.id())
                        .put("name", upload.filename()).put("title", upload.title()).put("size", upload.length())
                        .put("url", "/demo/files/" + upload.id()));
            }
        }
        return out;
    }
}
