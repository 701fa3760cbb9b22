package dev.handshake.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The views of the demo's workspace: each member's App Home (kept with the workspace) and the stack of modals open in
 * front of them (gone when the demo stops, as a modal is gone when Slack's client closes). Thread-safe.
 */
final class Views {

    /** A view as Slack answers it: {@code json} carries the app's view plus Slack's id, hash and state. */
    record View(String id, String user, ObjectNode json) {}

    private final Changes changes;
    private final AtomicLong ids = new AtomicLong();
    private final Map<String, View> homes = new LinkedHashMap<>();
    private final Map<String, List<View>> modals = new HashMap<>();
    private final Map<String, Map<String, String>> errors = new HashMap<>();

    Views(Changes changes) {
        this.changes = Objects.requireNonNull(changes, "changes == null");
    }

    /** Publishes (or replaces) a member's App Home. */
    View publishHome(String user, ObjectNode view) {
        View published;
        synchronized (this) {
            View old = homes.get(user);
            String id = old == null ? newId() : old.id();
            published = new View(id, user, complete(view, id, null));
            homes.put(user, published);
        }
        changes.bump();
        return published;
    }

    synchronized Optional<View> home(String user) {
        return Optional.ofNullable(homes.get(user));
    }

    /** Opens a modal as the first of a new stack in front of {@code user}. */
    View open(String user, ObjectNode view) {
        View opened;
        synchronized (this) {
            List<View> stack = modals.computeIfAbsent(user, u -> new ArrayList<>());
            stack.forEach(v -> errors.remove(v.id()));
            stack.clear();
            String id = newId();
            opened = new View(id, user, complete(view, id, null));
            stack.add(opened);
        }
        changes.bump();
        return opened;
    }

    /** Pushes a modal on top of {@code user}'s stack; empty when no modal is open. */
    Optional<View> push(String user, ObjectNode view) {
        View pushed;
        synchronized (this) {
            List<View> stack = modals.getOrDefault(user, List.of());
            if (stack.isEmpty()) {
                return Optional.empty();
            }
            String id = newId();
            pushed = new View(id, user, complete(view, id, stack.get(stack.size() - 1).id()));
            modals.get(user).add(pushed);
        }
        changes.bump();
        return Optional.of(pushed);
    }

    /** Replaces an open modal or a Home tab with a new view, keeping its id. */
    Optional<View> update(String viewId, ObjectNode view) {
        View updated = null;
        synchronized (this) {
            for (List<View> stack : modals.values()) {
                for (int i = 0; i < stack.size(); i++) {
                    View old = stack.get(i);
                    if (old.id().equals(viewId)) {
                        updated = new View(old.id(), old.user(),
                                complete(view, old.id(), old.json().path("previous_view_id").asText(null)));
                        stack.set(i, updated);
                        errors.remove(viewId);
                    }
                }
            }
            for (Map.Entry<String, View> home : homes.entrySet()) {
                if (home.getValue().id().equals(viewId)) {
                    updated = new View(viewId, home.getKey(), complete(view, viewId, null));
                    home.setValue(updated);
                }
            }
        }
        if (updated == null) {
            return Optional.empty();
        }
        changes.bump();
        return Optional.of(updated);
    }

    synchronized Optional<View> modal(String viewId) {
        return modals.values().stream().flatMap(List::stream).filter(v -> v.id().equals(viewId)).findFirst();
    }

    synchronized List<View> modalsOf(String user) {
        return List.copyOf(modals.getOrDefault(user, List.of()));
    }

    /** The errors the app gave for a modal's inputs (block id → message), until it is submitted again. */
    synchronized Map<String, String> errors(String viewId) {
        return Map.copyOf(errors.getOrDefault(viewId, Map.of()));
    }

    void showErrors(String viewId, Map<String, String> blockErrors) {
        synchronized (this) {
            errors.put(viewId, Map.copyOf(blockErrors));
        }
        changes.bump();
    }

    /** Closes a modal and every modal pushed above it. */
    boolean close(String user, String viewId) {
        boolean closed = false;
        synchronized (this) {
            List<View> stack = modals.getOrDefault(user, new ArrayList<>());
            for (int i = 0; i < stack.size(); i++) {
                if (stack.get(i).id().equals(viewId)) {
                    List<View> gone = stack.subList(i, stack.size());
                    gone.forEach(v -> errors.remove(v.id()));
                    gone.clear();
                    closed = true;
                    break;
                }
            }
        }
        if (closed) {
            changes.bump();
        }
        return closed;
    }

    void clear(String user) {
        synchronized (this) {
            modals.getOrDefault(user, new ArrayList<>()).forEach(v -> errors.remove(v.id()));
            modals.remove(user);
        }
        changes.bump();
    }

    synchronized Map<String, View> homesSnapshot() {
        return Map.copyOf(homes);
    }

    synchronized void restoreHomes(Map<String, View> saved) {
        homes.clear();
        homes.putAll(saved);
        saved.values().forEach(v -> ids.updateAndGet(n -> Math.max(n, number(v.id()))));
    }

    /** The view the app gave, with the fields Slack adds: id, hash, team and app ids, an empty state. */
    private static ObjectNode complete(ObjectNode view, String id, String previousId) {
        ObjectNode json = view.deepCopy();
        json.put("id", id)
                .put("team_id", DemoCast.TEAM_ID)
                .put("app_id", DemoCast.APP_ID)
                .put("bot_id", DemoCast.BOT_ID)
                .put("app_installed_team_id", DemoCast.TEAM_ID)
                .put("hash", System.currentTimeMillis() / 1000 + "." + Long.toHexString(System.nanoTime()))
                .put("root_view_id", id);
        if (previousId != null) {
            json.put("previous_view_id", previousId);
        } else {
            json.putNull("previous_view_id");
        }
        for (String field : List.of("private_metadata", "callback_id", "external_id")) {
            if (!json.hasNonNull(field)) {
                json.put(field, "");
            }
        }
        if (!json.has("clear_on_close")) {
            json.put("clear_on_close", false);
        }
        if (!json.has("notify_on_close")) {
            json.put("notify_on_close", false);
        }
        json.putObject("state").putObject("values");
        return json;
    }

    private String newId() {
        return "V0" + String.format("%09d", ids.incrementAndGet());
    }

    private static long number(String id) {
        try {
            return Long.parseLong(id.substring(2));
        } catch (RuntimeException e) {
            return 0;
        }
    }
}
